/**
 * Helpers for Microsoft Graph list responses: `{ "value": [ … ] }` (one page, or pages concatenated into one
 * `value`), or a bare array of the same objects.
 */
import { isObject, type JsonPath, jsonError, parseJson } from '../json-input.js';

export interface GraphItems {
  items: Record<string, unknown>[];
  /** Path prefix of item i (for error lines). */
  path: (i: number) => JsonPath;
}

export function graphItems(file: string, text: string, what: string): GraphItems {
  const json = parseJson(file, text, what);
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.value) ? json.value : null;
  if (list === null) throw jsonError(file, text, [], `is not ${what}; expected an object with a "value" array`);
  const path = (i: number): JsonPath => (Array.isArray(json) ? [i] : ['value', i]);
  list.forEach((item, i) => {
    if (!isObject(item)) throw jsonError(file, text, path(i), 'is not an object; expected one user per array element');
  });
  return { items: list as Record<string, unknown>[], path };
}

export function optionalString(file: string, text: string, path: JsonPath, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw jsonError(file, text, path, `is ${JSON.stringify(value)}; expected a string`);
  return value;
}

export function stringList(file: string, text: string, path: JsonPath, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw jsonError(file, text, path, 'is not a list of strings');
  }
  return value as string[];
}
