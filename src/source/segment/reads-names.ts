/**
 * Best effort: the names of the sources, warehouses, spaces and functions that grants point at. Segment lists
 * sources (`GET /sources`), warehouses (`GET /warehouses`, name in `settings.name`) and functions
 * (`GET /functions?resourceType=…`); a space is read by id (`GET /spaces/{id}`). Any refusal or failure of
 * one of these reads leaves those resources with their ids only and is recorded; it never fails the collection.
 */
import { z } from 'zod';
import { SourceError } from '../../errors.js';
import { compareText } from '../../shared/order.js';
import type { SegmentApi } from './api.js';
import { readAll } from './paginate.js';
import type { ReadHooks } from './reads.js';

export type NamedType = 'SOURCE' | 'WAREHOUSE' | 'SPACE' | 'FUNCTION';

export interface NameRead {
  type: NamedType;
  endpoint: string;
  read: boolean;
  status: number | null;
  message: string;
}

export interface ResourceNames {
  /** id → name, for every resource whose name was read. */
  names: Map<string, string>;
  reads: NameRead[];
}

const name = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const Source = z.object({ id: z.string(), name, slug: name });
const Warehouse = z.object({ id: z.string(), settings: z.record(z.string(), z.unknown()).nullish() });
const Fn = z.object({ id: z.string(), displayName: name });
const SpaceData = z.object({ space: z.object({ id: z.string(), name }) });
const FUNCTION_TYPES = ['SOURCE', 'DESTINATION'] as const;

/** `spaceIds`: the SPACE resources the grants name (spaces have no list endpoint in the spec). */
export async function readResourceNames(api: SegmentApi, h: ReadHooks, spaceIds: string[]): Promise<ResourceNames> {
  const names = new Map<string, string>();
  const reads: NameRead[] = [];
  const attempt = async (type: NamedType, endpoint: string, read: () => Promise<Array<[string, string | null]>>) => {
    try {
      for (const [id, n] of await read()) if (n) names.set(id, n);
      reads.push({ type, endpoint, read: true, status: null, message: '' });
    } catch (thrown) {
      if (!(thrown instanceof SourceError)) throw thrown;
      reads.push({ type, endpoint, read: false, status: thrown.status ?? null, message: thrown.message });
    }
  };
  const list = <S extends z.ZodType>(
    endpoint: string,
    path: string,
    key: string,
    item: S,
    query?: Record<string, string>,
  ) => readAll(api, { endpoint, path, key, item, pageSize: h.pageSize, ...(query ? { query } : {}) });
  await Promise.all([
    attempt('SOURCE', 'GET /sources', async () =>
      (await list('GET /sources', '/sources', 'sources', Source)).map((s) => [s.id, s.name ?? s.slug]),
    ),
    attempt('WAREHOUSE', 'GET /warehouses', async () =>
      (await list('GET /warehouses', '/warehouses', 'warehouses', Warehouse)).map((w) => {
        const n = w.settings?.name;
        return [w.id, typeof n === 'string' && n ? n : null];
      }),
    ),
    attempt('FUNCTION', 'GET /functions', async () => {
      const all = await Promise.all(
        FUNCTION_TYPES.map((resourceType) => list('GET /functions', '/functions', 'functions', Fn, { resourceType })),
      );
      return all.flat().map((f) => [f.id, f.displayName]);
    }),
    spaceIds.length === 0
      ? Promise.resolve()
      : attempt('SPACE', 'GET /spaces/{id}', async () =>
          Promise.all(
            spaceIds.map(async (id) => {
              const d = await api.get('GET /spaces/{id}', `/spaces/${encodeURIComponent(id)}`, SpaceData);
              return [id, d.space.name] as [string, string | null];
            }),
          ),
        ),
  ]);
  reads.sort((a, b) => compareText(a.type, b.type));
  return { names, reads };
}
