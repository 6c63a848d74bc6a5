/** Runs the OPA CLI; a non-zero exit becomes the caller's typed error with OPA's own message on one line. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { OpaBinary } from './opa-binary.js';

const exec = promisify(execFile);

export interface OpaRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  code: number;
}

export async function runOpa(opa: OpaBinary, args: string[], cwd?: string): Promise<OpaRun> {
  try {
    const { stdout, stderr } = await exec(opa.path, args, { cwd, maxBuffer: 256 << 20 });
    return { ok: true, stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    if (typeof e.code !== 'number') throw error; // could not start OPA at all
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code };
  }
}

/** OPA's error text, without its "N errors occurred:" preamble, joined into one line. */
export function opaMessage(result: OpaRun): string {
  const text = (result.stderr || result.stdout).trim();
  const lines = text
    .split('\n')
    .map((l) => l.trim().replace(/^(error: )?\d+ errors? occurred:?\s*/, ''))
    .filter(Boolean);
  return lines.join('; ').replace(/^error: /, '') || `opa exited with code ${result.code}`;
}
