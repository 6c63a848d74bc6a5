/**
 * Segment cursor pagination as an async iterator of pages: `pagination[count]` and `pagination[cursor]` in,
 * `data.pagination.next` out; the list ends when `next` is absent, null or empty. A 200 without the pagination
 * object (where the API requires it), a cursor seen before, or a page of the wrong shape is an error.
 * Bounded: at most ⌈totalEntries ÷ count⌉ + 2 pages when the server announces `totalEntries`, else `maxPages`,
 * so a server that hands out a new cursor forever fails with one line. When the list ends with fewer items than
 * the last `totalEntries` announced, `onShortfall` hears it (the collection is then incomplete, never complete).
 */
import { z } from 'zod';
import { SourceError } from '../../errors.js';
import type { SegmentApi } from './api.js';
import { RawPagination } from './schema.js';

/** Segment accepts 1..1000 (older docs: 1..200). */
export const MAX_PAGE_SIZE = 1000;
/** Pages one list may take when the server does not say how long it is (2,000,000 items at 200 a page). */
export const DEFAULT_MAX_PAGES = 10_000;

export interface Shortfall {
  endpoint: string;
  read: number;
  total: number;
}

export interface PageRequest<S extends z.ZodType> {
  endpoint: string;
  path: string;
  /** Name of the list inside `data`, e.g. "users", "userGroups", "emails". */
  key: string;
  item: S;
  pageSize: number;
  query?: Record<string, string>;
  /** `GET /audit-events` declares `pagination` optional: there, its absence ends the list. */
  paginationOptional?: boolean;
  /** Ceiling on pages when `totalEntries` is absent (default DEFAULT_MAX_PAGES). */
  maxPages?: number;
  onShortfall?: (s: Shortfall) => void;
}

export async function* paginate<S extends z.ZodType>(
  api: SegmentApi,
  req: PageRequest<S>,
): AsyncGenerator<Array<z.infer<S>>> {
  if (!Number.isInteger(req.pageSize) || req.pageSize < 1 || req.pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`page size must be 1..${MAX_PAGE_SIZE}, got ${req.pageSize}`);
  }
  const pagination = req.paginationOptional ? RawPagination.optional() : RawPagination;
  const schema = z.object({ [req.key]: z.array(req.item), pagination });
  const seen = new Set<string>();
  const maxPages = req.maxPages ?? DEFAULT_MAX_PAGES;
  let cursor: string | undefined;
  let pages = 0;
  let read = 0;
  let total: number | undefined;
  for (;;) {
    const params = new URLSearchParams(req.query);
    params.set('pagination[count]', String(req.pageSize));
    if (cursor !== undefined) params.set('pagination[cursor]', cursor);
    const data = (await api.get(req.endpoint, `${req.path}?${params.toString()}`, schema, 'high')) as Record<
      string,
      unknown
    > & {
      pagination?: RawPagination;
    };
    const items = data[req.key] as Array<z.infer<S>>;
    pages += 1;
    read += items.length;
    if (data.pagination?.totalEntries !== undefined) total = data.pagination.totalEntries;
    yield items;
    const next = data.pagination?.next;
    if (next === undefined || next === null || next === '') {
      if (total !== undefined && read < total) req.onShortfall?.({ endpoint: req.endpoint, read, total });
      return;
    }
    if (cursor !== undefined) seen.add(cursor);
    if (data.pagination) seen.add(data.pagination.current);
    if (seen.has(next)) {
      throw new SourceError(`pagination cursor repeated (${next.slice(0, 40)}); refusing to loop`, req.endpoint, 200);
    }
    const ceiling = total === undefined ? maxPages : Math.ceil(total / req.pageSize) + 2;
    if (pages >= ceiling) {
      const why =
        total === undefined
          ? `more than ${maxPages} pages`
          : `${pages} pages of ${req.pageSize} while totalEntries is ${total}`;
      throw new SourceError(`the server keeps returning a next page (${why}); refusing to loop`, req.endpoint, 200);
    }
    cursor = next;
  }
}

/** Read every page into one array. */
export async function readAll<S extends z.ZodType>(api: SegmentApi, req: PageRequest<S>): Promise<Array<z.infer<S>>> {
  const out: Array<z.infer<S>> = [];
  for await (const page of paginate(api, req)) for (const item of page) out.push(item);
  return out;
}
