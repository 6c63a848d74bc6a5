/** Runs the OPA CLI and returns its output and exit code (never throws for a non-zero exit). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ToolError } from '../errors.js';

const exec = promisify(execFile);

export interface OpaOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runOpaCli(opa: string, args: string[]): Promise<OpaOutput> {
  try {
    const { stdout, stderr } = await exec(opa, args, { maxBuffer: 256 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw new ToolError(`cannot run ${opa} ${args[0] ?? ''}`, { cause: error });
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
