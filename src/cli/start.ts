/**
 * The CLI as a process: main() with the real stdout, stderr, environment and signals, then the exit code.
 * bin.ts calls start(), from the bundle (scripts/bundle-cli.mjs) or from this module as tsc wrote it.
 */
import { main } from './main.js';

export async function start(argv: string[] = process.argv.slice(2)): Promise<void> {
  // The CLI reads the token from its own copy of the environment; the one the processes it starts (opa, go, git)
  // inherit no longer holds it (src/shared/child-env.ts also removes it wherever one is started).
  const env = { ...process.env };
  delete process.env.SEGMENT_PUBLIC_API_TOKEN;

  // The first SIGINT/SIGTERM asks the run to stop cleanly (main says so and returns 130/143); a second one kills.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(signal));

  const code = await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env,
    cwd: process.cwd(),
    // Read only by the commands that take `-` for a file: creating the stream opens a handle on fd 0.
    get stdin() {
      return process.stdin;
    },
    isTTY: Boolean(process.stderr.isTTY),
    signal: stop.signal,
  });
  // Interrupted: end now, with whatever requests and timers are still pending.
  if (stop.signal.aborted) process.exit(code);
  process.exitCode = code;
}
