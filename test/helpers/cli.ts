/** Runs the CLI in-process (main(argv, io)) and captures what it printed. */
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {
      UAR_CACHE_DIR: process.env.UAR_CACHE_DIR,
      UAR_OPA: process.env.UAR_OPA,
      HOME: process.env.HOME,
      PATH: process.env.PATH,
      ...options.env,
    },
    cwd: options.cwd ?? process.cwd(),
    stdin: Readable.from(options.stdin ? [options.stdin] : []),
    isTTY: false,
  });
  return { code, stdout, stderr };
}
