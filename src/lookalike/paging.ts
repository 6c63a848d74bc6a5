/** Segment-style cursor pagination over an array: opaque base64 cursors, `pagination[count]` 1..1000. */
import type { WirePagination } from './wire.js';

export const MAX_COUNT = 1000;
export const DEFAULT_COUNT = 200;

export interface PageOptions {
  /** Leave out `totalEntries` (the spec allows it). */
  omitTotal?: boolean;
  /** Write `previous: null` / `next: null` instead of leaving them out. */
  nullCursors?: boolean;
  /** Serve only the first `serve` items while `totalEntries` still says all of them (a fault). */
  serve?: number;
  /** Always announce a next page (a fault: a cursor that never ends). */
  endless?: boolean;
}

export type PageResult<T> =
  | { ok: true; items: T[]; pagination: WirePagination }
  | { ok: false; status: 422; body: unknown };

export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64');
}

export function page<T>(all: readonly T[], query: URLSearchParams, options: PageOptions = {}): PageResult<T> {
  const rawCount = query.get('pagination[count]') ?? query.get('pagination.count');
  const rawCursor = query.get('pagination[cursor]') ?? query.get('pagination.cursor');
  const count = rawCount === null ? DEFAULT_COUNT : Number(rawCount);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    return invalid('pagination.count', `count must be an integer between 1 and ${MAX_COUNT}`);
  }
  const served = options.serve === undefined ? all : all.slice(0, options.serve);
  let offset = 0;
  if (rawCursor !== null) {
    const decoded = Buffer.from(rawCursor, 'base64').toString('utf8');
    offset = Number(decoded);
    const limit = options.endless ? Number.MAX_SAFE_INTEGER : served.length;
    if (!/^\d+$/.test(decoded) || offset > limit) return invalid('pagination.cursor', 'invalid cursor');
  }
  const items = served.slice(offset, offset + count);
  const pagination: WirePagination = { current: encodeCursor(offset) };
  if (offset + count < served.length || options.endless) pagination.next = encodeCursor(offset + count);
  else if (options.nullCursors) pagination.next = null;
  if (offset > 0) pagination.previous = encodeCursor(Math.max(0, offset - count));
  else if (options.nullCursors) pagination.previous = null;
  if (!options.omitTotal) pagination.totalEntries = all.length;
  return { ok: true, items, pagination };
}

function invalid(field: string, message: string): PageResult<never> {
  return {
    ok: false,
    status: 422,
    body: { errors: [{ type: 'ValidationFailure', message: `Validation failure: ${message}`, field }] },
  };
}
