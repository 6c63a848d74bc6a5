/**
 * Typed errors. Every failure the user can cause or fix is a UarError; the CLI prints its message
 * on one line and exits with its exit code (2). Anything else is a bug and is reported as such.
 *
 * Messages name the place (file, line, endpoint, control) and the fix. They never contain the token:
 * build them from values that cannot hold it, and pass HTTP details through `redact()` (source/segment).
 */
export const ExitCode = {
  ok: 0,
  findings: 1,
  failed: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class UarError extends Error {
  readonly exitCode: ExitCode = ExitCode.failed;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line flags, config file or environment. */
export class ConfigError extends UarError {}

/** An input file (snapshot, identity export, HR roster, reviews, baseline) that cannot be read or parsed. */
export class InputError extends UarError {
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown; line?: number; column?: string | number },
  ) {
    const where = [file, options?.line, options?.column].filter((p) => p !== undefined).join(':');
    super(`${where}: ${detail}`, options);
  }
}

/** The Segment API (or the token) made the collection impossible. `endpoint` is e.g. "GET /users". */
export class SourceError extends UarError {
  constructor(
    message: string,
    readonly endpoint?: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(endpoint ? `${endpoint}: ${message}` : message, options);
  }
}

/** A policy does not compile, a control's result has the wrong shape, or WASM evaluation failed. */
export class PolicyError extends UarError {
  constructor(
    message: string,
    readonly control?: string,
    options?: { cause?: unknown },
  ) {
    super(control ? `${control}: ${message}` : message, options);
  }
}

/** The OPA binary is missing, the wrong version, or a tool step failed. */
export class ToolError extends UarError {}

/** Normalise anything thrown (the opa-wasm SDK throws strings and plain objects) into an Error. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  if (thrown && typeof thrown === 'object' && 'message' in thrown && typeof thrown.message === 'string') {
    return new Error(thrown.message);
  }
  return new Error(String(thrown));
}
