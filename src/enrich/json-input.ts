/**
 * JSON inputs: fast JSON.parse, and on the error path only, the line of a value (found by re-reading the text
 * with the yaml parser, which keeps positions and reads JSON).
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { jsonProblem } from '../shared/text-input.js';

export type JsonPath = (string | number)[];

export function parseJson(file: string, text: string, what: string): unknown {
  if (text.trim() === '') throw new InputError(file, `the file is empty; expected ${what}`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    const { reason, line, column } = jsonProblem(text, cause);
    throw new InputError(file, `not valid JSON (${reason}); expected ${what}`, { cause, line, column });
  }
}

/** 1-based line of the value at `path`, when it can be found. */
export function jsonLine(text: string, path: JsonPath): number | undefined {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** An InputError at the line of `path` (with the path spelled out, e.g. `[3].lastLogin`). */
export function jsonError(file: string, text: string, path: JsonPath, detail: string): InputError {
  return new InputError(file, `${spell(path)} ${detail}`, { line: jsonLine(text, path) });
}

function spell(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
