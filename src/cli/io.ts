/**
 * What the CLI needs from the outside world (start.ts passes the real process, tests pass fakes), and what each
 * command gets from main().
 */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: AsyncIterable<string | Buffer>;
  /** stderr is a terminal (progress display allowed). */
  isTTY: boolean;
  /** Aborts when the process is asked to stop (SIGINT, SIGTERM); the reason is the signal's name. */
  signal?: AbortSignal;
}

export interface CommandContext {
  io: Io;
  /** Set the process exit code (0, 1 or 2). */
  exit(code: number): void;
  /** Values that must never be printed (the token once read). */
  secrets: string[];
  /**
   * What an interrupted run waits for before it exits: `critical` is the write phase (it finishes or undoes
   * itself when the signal aborts), `cleanups` release what the command holds (the out-dir lock).
   */
  interrupt: { critical: Promise<unknown> | null; cleanups: (() => Promise<void>)[]; outputsWritten: boolean };
}
