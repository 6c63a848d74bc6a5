/**
 * Text from input files, the same way for every reader: UTF-8 with or without a BOM, or UTF-16 (LE or BE) with
 * a BOM as Excel's "Unicode text" writes it; CRLF and bare CR become LF. And JSON errors that say where
 * (line:column) and why, without quoting the file's bytes (a snapshot may hold anything, terminal escapes too).
 */

/** Decode bytes to text with LF line ends. BOMs are removed. */
export function decodeText(bytes: Uint8Array): string {
  return withLfLineEnds(decodeKeepingLineEnds(bytes));
}

/**
 * Decode bytes to text, BOMs removed, line ends as they are: for JSON.parse, which reads CR as whitespace and
 * refuses it inside strings as it refuses LF, so it gives the same value (or fails) either way. For a message
 * about the text (line:column), use `withLfLineEnds` first.
 */
export function decodeKeepingLineEnds(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** CRLF and bare CR become LF (no copy when there is no CR). */
export function withLfLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export interface JsonProblem {
  /** Why, in the parser's words, without any of the file's text. */
  reason: string;
  line?: number;
  column?: number;
}

/** Where and why `text` is not JSON; `error` is what JSON.parse threw for it. */
export function jsonProblem(text: string, error: unknown): JsonProblem {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message
    .replace(/^JSON\.parse: /, '')
    .replace(/^(Unexpected token '[\s\S]+?'), "[\s\S]*$/, '$1') // V8 quotes the text around it: never echo that
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '')
    .replace(/^Unexpected token '([\s\S]+)'$/, (_, c: string) => `Unexpected character ${JSON.stringify(c)}`);
  const given = /position (\d+)/.exec(message)?.[1];
  const offset = given !== undefined ? Number(given) : firstBadOffset(text);
  return { reason, ...lineColumn(text, offset) };
}

/**
 * The offset where JSON.parse first fails: the shortest prefix whose error is not "ran out of input" (an
 * error at the very end of the prefix). A valid prefix only ever runs out of input, so the search is a
 * bisection (a few parses, on the error path only).
 */
function firstBadOffset(text: string): number {
  const endsEarly = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message)?.[1];
      return /end of JSON input/.test(message) || (at !== undefined && Number(at) >= n);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (endsEarly(mid + 1)) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, text.length);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
