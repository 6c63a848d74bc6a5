/**
 * The reads one collection makes, each a function of the API; per-item reads start as soon as their page arrives.
 * A user or group that a list returned and that answers 404 afterwards was removed during the collection: it is
 * dropped and reported (`onRemoved`), and the collection goes on.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SourceError } from '../../errors.js';
import { compareText } from '../../shared/order.js';
import type { SegmentApi } from './api.js';
import { PlanUnavailableError } from './http-errors.js';
import type { RawGroupData } from './normalize.js';
import { paginate, readAll, type Shortfall } from './paginate.js';
import {
  GroupData,
  LabelsData,
  RawAuditEvent,
  RawGroup,
  type RawLabel,
  RawMinimalUser,
  type RawPermission,
  RawRole,
  RawUser,
  UserData,
} from './schema.js';

export interface Removed {
  type: 'user' | 'group';
  id: string;
  email: string | null;
  endpoint: string;
}

/** Something was read only in part: the collection is then incomplete. */
export interface Incomplete {
  endpoint: string;
  reason: string;
}

export interface ReadHooks {
  pageSize: number;
  maxPages?: number;
  onUsersListed?: (n: number) => void;
  onUserRead?: () => void;
  onGroupsListed?: (n: number) => void;
  onGroupRead?: () => void;
  onRemoved?: (r: Removed) => void;
  onIncomplete?: (i: Incomplete) => void;
}

/** A feature the workspace's plan does not offer: Segment's status and own words. */
export interface Unavailable {
  unavailable: { endpoint: string; status: number; message: string };
}

const pageOptions = (h: ReadHooks) => ({
  pageSize: h.pageSize,
  ...(h.maxPages ? { maxPages: h.maxPages } : {}),
  onShortfall: (s: Shortfall) =>
    h.onIncomplete?.({ endpoint: s.endpoint, reason: `read ${s.read} items while totalEntries is ${s.total}` }),
});

export function readRoles(api: SegmentApi, h: ReadHooks): Promise<Array<z.infer<typeof RawRole>>> {
  return readAll(api, { endpoint: 'GET /roles', path: '/roles', key: 'roles', item: RawRole, ...pageOptions(h) });
}

export function readInvites(api: SegmentApi, h: ReadHooks): Promise<string[]> {
  return readAll(api, {
    endpoint: 'GET /invites',
    path: '/invites',
    key: 'invites',
    item: z.string(),
    ...pageOptions(h),
  });
}

export async function readLabels(api: SegmentApi): Promise<RawLabel[]> {
  return (await api.get('GET /labels', '/labels', LabelsData, 'high')).labels;
}

export interface UsersRead {
  /** Each user with its direct permissions, in list order; removed users left out. */
  users: RawUser[];
  /** `GET /users/{id}` answers without a `permissions` member (read as no direct grants). */
  withoutPermissionsField: number;
  /** Where the direct permissions came from, and how many users were read individually to check the list. */
  permissions: { read_from: 'list' | 'per_user'; sample: number; sample_differed: boolean };
}

/**
 * Every user with its direct permissions. When every user of `GET /users` carries `permissions`, they are used
 * after a check: a deterministic sample (the larger of 10 users and 1 %) is read with `GET /users/{id}` and
 * compared; any difference, and every user is read individually. Otherwise each user is read individually.
 */
export async function readUsers(api: SegmentApi, h: ReadHooks): Promise<UsersRead> {
  const listed: RawUser[] = [];
  const details = new Map<string, Promise<RawUser | null>>();
  let withoutField = 0;
  const readOne = (u: RawUser): Promise<RawUser | null> => {
    let p = details.get(u.id);
    if (!p) {
      p = background(
        api
          .get('GET /users/{id}', `/users/${encodeURIComponent(u.id)}`, UserData)
          .then((d) => {
            h.onUserRead?.();
            if (d.user.permissions === undefined) withoutField += 1;
            return d.user;
          })
          .catch((thrown: unknown) => {
            if (!isNotFound(thrown)) throw thrown;
            h.onRemoved?.({ type: 'user', id: u.id, email: u.email, endpoint: 'GET /users/{id}' });
            return null;
          }),
      );
      details.set(u.id, p);
    }
    return p;
  };
  let everyListHasPermissions = true;
  for await (const page of paginate(api, {
    endpoint: 'GET /users',
    path: '/users',
    key: 'users',
    item: RawUser,
    ...pageOptions(h),
  })) {
    h.onUsersListed?.(page.length);
    for (const u of page) listed.push(u);
    if (everyListHasPermissions && page.some((u) => u.permissions === undefined)) {
      everyListHasPermissions = false;
      for (const u of listed) void readOne(u);
    } else if (!everyListHasPermissions) {
      for (const u of page) void readOne(u);
    }
  }
  const perUser = async (sample: number, differed: boolean): Promise<UsersRead> => {
    const read = await Promise.all(listed.map(readOne));
    return {
      users: read.filter((u): u is RawUser => u !== null),
      withoutPermissionsField: withoutField,
      permissions: { read_from: 'per_user', sample, sample_differed: differed },
    };
  };
  if (!everyListHasPermissions || listed.length === 0) return perUser(0, false);

  const sample = sampleOf(listed);
  const checked = await Promise.all(sample.map(async (u) => ({ listed: u, read: await readOne(u) })));
  const differs = checked.some((c) => c.read !== null && !samePermissions(c.listed.permissions, c.read.permissions));
  if (differs) return perUser(sample.length, true);
  const removed = new Set(checked.filter((c) => c.read === null).map((c) => c.listed.id));
  for (const u of listed) if (!details.has(u.id)) h.onUserRead?.();
  return {
    users: listed.filter((u) => !removed.has(u.id)),
    withoutPermissionsField: withoutField,
    permissions: { read_from: 'list', sample: sample.length, sample_differed: false },
  };
}

/** The larger of 10 users and 1 % (all when fewer), chosen by a hash of the id: the same workspace, the same sample. */
export function sampleOf<T extends { id: string }>(users: readonly T[]): T[] {
  const n = Math.min(users.length, Math.max(10, Math.ceil(users.length / 100)));
  const hash = (id: string) => createHash('sha256').update(id).digest('hex');
  return users
    .map((u) => ({ u, h: hash(u.id) }))
    .sort((a, b) => compareText(a.h, b.h))
    .slice(0, n)
    .map((x) => x.u);
}

/** Same grants, whatever the order of permissions, resources and labels. */
export function samePermissions(a: RawPermission[] | undefined, b: RawPermission[] | undefined): boolean {
  return canonicalPermissions(a ?? []) === canonicalPermissions(b ?? []);
}

function canonicalPermissions(ps: RawPermission[]): string {
  const labels = (ls: RawLabel[] | undefined) =>
    (ls ?? []).map((l) => JSON.stringify([l.key, l.value, l.description ?? null])).sort(compareText);
  return JSON.stringify(
    ps
      .map((p) =>
        JSON.stringify([
          p.roleId,
          p.roleName,
          p.resources.map((r) => JSON.stringify([r.type, r.id, labels(r.labels)])).sort(compareText),
          labels(p.labels),
        ]),
      )
      .sort(compareText),
  );
}

/** Every group with its members and pending invites; `unavailable` when the plan has no user groups. */
export async function readGroups(api: SegmentApi, h: ReadHooks): Promise<RawGroupData[] | Unavailable> {
  const details: Array<Promise<RawGroupData | null>> = [];
  try {
    for await (const page of paginate(api, {
      endpoint: 'GET /groups',
      path: '/groups',
      key: 'userGroups',
      item: RawGroup,
      ...pageOptions(h),
    })) {
      h.onGroupsListed?.(page.length);
      for (const group of page) details.push(background(readGroup(api, group, h)));
    }
  } catch (thrown) {
    if (thrown instanceof PlanUnavailableError && details.length === 0) return unavailable(thrown);
    throw thrown;
  }
  return (await Promise.all(details)).filter((g): g is RawGroupData => g !== null);
}

async function readGroup(
  api: SegmentApi,
  listedGroup: z.infer<typeof RawGroup>,
  h: ReadHooks,
): Promise<RawGroupData | null> {
  const id = encodeURIComponent(listedGroup.id);
  const removed = (endpoint: string) => {
    h.onRemoved?.({ type: 'group', id: listedGroup.id, email: null, endpoint });
    return null;
  };
  const orGone = <T>(p: Promise<T>): Promise<T | typeof GONE> =>
    p.catch((thrown: unknown) => {
      if (!isNotFound(thrown)) throw thrown;
      return GONE;
    });
  let group = listedGroup;
  if (group.permissions === undefined) {
    // The list left out the group's permissions (the spec allows it): read them, never assume none.
    const read = await orGone(api.get('GET /groups/{id}', `/groups/${id}`, GroupData));
    if (read === GONE) return removed('GET /groups/{id}');
    group = read.userGroup;
    if (group.permissions === undefined) {
      h.onIncomplete?.({
        endpoint: 'GET /groups/{id}',
        reason: `group ${group.id}: the answer has no permissions, so its grants are unknown`,
      });
    }
  }
  const [members, invites] = await Promise.all([
    orGone(
      readAll(api, {
        endpoint: 'GET /groups/{id}/users',
        path: `/groups/${id}/users`,
        key: 'users',
        item: RawMinimalUser,
        ...pageOptions(h),
      }),
    ),
    orGone(
      readAll(api, {
        endpoint: 'GET /groups/{id}/invites',
        path: `/groups/${id}/invites`,
        key: 'emails',
        item: z.string(),
        ...pageOptions(h),
      }),
    ),
  ]);
  // Both reads settle before one removal is reported, so the endpoint named does not depend on timing.
  if (members === GONE) return removed('GET /groups/{id}/users');
  if (invites === GONE) return removed('GET /groups/{id}/invites');
  h.onGroupRead?.();
  return { group, members, invites };
}

/** Audit events since `startTime`; `unavailable` when the workspace has no audit trail. */
export async function readAudit(
  api: SegmentApi,
  startTime: string,
  h: ReadHooks,
): Promise<RawAuditEvent[] | Unavailable> {
  try {
    return await readAll(api, {
      endpoint: 'GET /audit-events',
      path: '/audit-events',
      key: 'events',
      item: RawAuditEvent,
      query: { startTime },
      paginationOptional: true,
      ...pageOptions(h),
    });
  } catch (thrown) {
    if (thrown instanceof PlanUnavailableError) return unavailable(thrown);
    throw thrown;
  }
}

function unavailable(e: PlanUnavailableError): Unavailable {
  return { unavailable: { endpoint: e.endpoint ?? '', status: e.status ?? 0, message: e.said } };
}

const GONE = Symbol('gone');

function isNotFound(thrown: unknown): boolean {
  return thrown instanceof SourceError && thrown.status === 404;
}

/** A promise that is awaited later: mark it handled now so an early rejection is not reported as unhandled. */
function background<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
