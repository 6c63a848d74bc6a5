/** What the CLI needs from the outside world; bin.ts passes the real process, tests pass fakes. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: AsyncIterable<string | Buffer>;
  /** stderr is a terminal (progress display allowed). */
  isTTY: boolean;
}
