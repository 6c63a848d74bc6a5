/** Segment-style cursor pagination over an array: opaque base64 cursors, `pagination[count]` 1..1000. */
export const MAX_COUNT = 1000;
export const DEFAULT_COUNT = 200;

export type PageResult<T> =
  | { ok: true; items: T[]; pagination: { current: string; next?: string; previous?: string; totalEntries: number } }
  | { ok: false; status: 422; body: unknown };

export function encodeCursor(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64');
}

export function page<T>(all: readonly T[], query: URLSearchParams): PageResult<T> {
  const rawCount = query.get('pagination[count]') ?? query.get('pagination.count');
  const rawCursor = query.get('pagination[cursor]') ?? query.get('pagination.cursor');
  const count = rawCount === null ? DEFAULT_COUNT : Number(rawCount);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    return invalid('pagination.count', `count must be an integer between 1 and ${MAX_COUNT}`);
  }
  let offset = 0;
  if (rawCursor !== null) {
    const decoded = Buffer.from(rawCursor, 'base64').toString('utf8');
    offset = Number(decoded);
    if (!/^\d+$/.test(decoded) || offset > all.length) return invalid('pagination.cursor', 'invalid cursor');
  }
  const items = all.slice(offset, offset + count);
  const pagination: { current: string; next?: string; previous?: string; totalEntries: number } = {
    current: encodeCursor(offset),
    totalEntries: all.length,
  };
  if (offset + count < all.length) pagination.next = encodeCursor(offset + count);
  if (offset > 0) pagination.previous = encodeCursor(Math.max(0, offset - count));
  return { ok: true, items, pagination };
}

function invalid(field: string, message: string): PageResult<never> {
  return {
    ok: false,
    status: 422,
    body: { errors: [{ type: 'ValidationFailure', message: `Validation failure: ${message}`, field }] },
  };
}
