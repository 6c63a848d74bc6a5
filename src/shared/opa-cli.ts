/**
 * The one way to run the OPA CLI (the engine builds and inspects with it, authoring tests and checks with it).
 * A non-zero exit is returned, not thrown, so each caller words its own typed error; `opaMessage` and
 * `opaErrorLines` are the one clean-up of OPA's error text.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ToolError } from '../errors.js';
import { childEnv } from './child-env.js';

const exec = promisify(execFile);

export interface OpaRun {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

/** `opa` is the binary's path. Throws a ToolError only when OPA cannot be started at all. */
export async function runOpa(opa: string, args: string[], cwd?: string): Promise<OpaRun> {
  try {
    const { stdout, stderr } = await exec(opa, args, { cwd, env: childEnv(), maxBuffer: 256 << 20 });
    return { ok: true, code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    if (typeof e.code !== 'number') throw new ToolError(`cannot run ${opa} ${args[0] ?? ''}`, { cause: error });
    return { ok: false, code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** OPA's error lines (stderr, else stdout) without the "N errors occurred:" preamble or blank lines. */
export function opaErrorLines(run: OpaRun): string[] {
  return (run.stderr || run.stdout)
    .split('\n')
    .map((l) => l.trimEnd().replace(/^(error: )?\d+ errors? occurred( during loading)?:?\s*/, ''))
    .filter((l) => l.trim() !== '');
}

/** OPA's error text on one line ("file:row: rego_type_error: …; …"), or its exit code when it said nothing. */
export function opaMessage(run: OpaRun): string {
  const text = opaErrorLines(run)
    .map((l) => l.trim())
    .join('; ')
    .replace(/^error: /, '');
  return text || `opa exited with code ${run.code}`;
}
