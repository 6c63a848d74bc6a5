/**
 * Pure routing: (workspace, path, query) → the status and JSON body Segment would answer, plus the endpoint
 * name used for counting (ids normalised: `GET /users/{id}`). Team plan: user groups and the audit trail
 * answer 400 `{"errors":[{"type":"bad-request","message":"Your plan does not include User Groups"}]}`.
 * `Variants` switch on the spec-legal shapes and faults the happy path never shows.
 */
import { type PageOptions, page } from './paging.js';
import type { Variants } from './variants.js';
import type { WireLabel, WireMinimalUser, WirePermission, WireUser, WireUserGroup } from './wire.js';
import { errorEnvelope } from './wire.js';
import type { LookalikeGroup, LookalikeUser, LookalikeWorkspace } from './workspace.js';

export type Plan = 'business' | 'team' | 'free';

export interface Answer {
  status: number;
  body: unknown;
}

export interface Catalog {
  ws: LookalikeWorkspace;
  usersById: Map<string, LookalikeUser>;
  groupsById: Map<string, LookalikeGroup>;
}

export function catalog(ws: LookalikeWorkspace): Catalog {
  return {
    ws,
    usersById: new Map(ws.users.map((u) => [u.id, u])),
    groupsById: new Map(ws.groups.map((g) => [g.id, g])),
  };
}

/** Endpoint name of a request path, ids replaced by `{id}`. */
export function endpointOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  if ((parts[0] === 'users' || parts[0] === 'groups') && parts.length >= 2) parts[1] = '{id}';
  return `${method} /${parts.join('/')}`;
}

const error = (status: number, type: string, message: string): Answer => ({
  status,
  body: errorEnvelope({ type, message }),
});
export const notFound = (): Answer => error(404, 'NotFound', 'Resource not found');
const noPlan = (feature: string): Answer => error(400, 'bad-request', `Your plan does not include ${feature}`);

export function route(c: Catalog, path: string, query: URLSearchParams, plan: Plan, v: Variants = {}): Answer {
  const { ws } = c;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, extra] = parts;
  const endpoint = endpointOf('GET', path);
  const paging: PageOptions = {
    ...(v.omitTotalEntries ? { omitTotal: true } : {}),
    ...(v.nullCursors ? { nullCursors: true } : {}),
    ...(v.shortList?.endpoint === endpoint ? { serve: v.shortList.serve } : {}),
    ...(v.endlessCursor === endpoint ? { endless: true } : {}),
  };
  const list = <T>(key: string, all: readonly T[]): Answer => {
    const result = page(all, query, paging);
    if (!result.ok) return { status: result.status, body: result.body };
    return ok({ [key]: result.items, pagination: result.pagination });
  };
  const vanished = (kind: 'users' | 'groups', itemId: string): boolean => v.vanish?.[kind]?.includes(itemId) ?? false;
  const labels = (ls: WireLabel[]): WireLabel[] =>
    v.nullDisplayFields ? ls.map((l) => ({ ...l, description: null as unknown as string })) : ls;
  const perms = (ps: WirePermission[]): WirePermission[] =>
    v.nullDisplayFields ? ps.map((p) => ({ ...p, ...(p.labels ? { labels: labels(p.labels) } : {}) })) : ps;
  const displayName = (name: string): string | null => (v.nullDisplayFields ? null : name);
  const minimal = (u: LookalikeUser): WireMinimalUser => ({ id: u.id, name: displayName(u.name), email: u.email });

  if (extra !== undefined) return notFound();
  if (head === undefined) return ok({ workspace: ws.workspace });
  if (head === 'roles' && id === undefined) return list('roles', ws.roles);
  if (head === 'labels' && id === undefined) return ok({ labels: labels(ws.labels) });
  if (head === 'invites' && id === undefined) return list('invites', ws.invites);
  if (head === 'users') {
    if (id === undefined)
      return list(
        'users',
        ws.users.map((u) => listedUser(u, v, minimal)),
      );
    const user = c.usersById.get(id);
    if (!user || vanished('users', id)) return notFound();
    if (sub === undefined) {
      const omit = v.omitUserPermissions === true || (v.omitUserPermissions || []).includes(id);
      const wire: WireUser = { ...minimal(user), ...(omit ? {} : { permissions: perms(user.permissions) }) };
      return ok({ user: wire });
    }
    if (sub !== 'groups') return notFound();
    if (plan === 'team') return noPlan('User Groups');
    return list(
      'groups',
      ws.groups.filter((g) => g.members.includes(id)).map((g) => ({ id: g.id, name: displayName(g.name) })),
    );
  }
  if (head === 'groups') {
    if (plan === 'team') return noPlan('User Groups');
    if (id === undefined)
      return list(
        'userGroups',
        ws.groups.map((g) => userGroup(g, !v.omitGroupPermissions, displayName, perms)),
      );
    const group = c.groupsById.get(id);
    if (!group || vanished('groups', id)) return notFound();
    if (sub === undefined) return ok({ userGroup: userGroup(group, true, displayName, perms) });
    if (sub === 'invites') return list('emails', group.invites);
    if (sub !== 'users') return notFound();
    const members = group.members.flatMap((m) => {
      const u = c.usersById.get(m);
      return u ? [minimal(u)] : [];
    });
    return list('users', members);
  }
  if (head === 'audit-events' && id === undefined) {
    if (v.auditRefused) return error(v.auditRefused.status, v.auditRefused.type ?? 'forbidden', v.auditRefused.message);
    if (plan === 'team') return noPlan('Audit Trail');
    const start = Date.parse(query.get('startTime') ?? '');
    const end = Date.parse(query.get('endTime') ?? '');
    const events = ws.auditEvents.filter((e) => {
      const t = Date.parse(e.timestamp);
      return (Number.isNaN(start) || t >= start) && (Number.isNaN(end) || t <= end);
    });
    return list('events', events);
  }
  return notFound();
}

/** A user as `GET /users` lists it: without permissions, or with them when the variant says so. */
function listedUser(
  u: LookalikeUser,
  v: Variants,
  minimal: (u: LookalikeUser) => WireMinimalUser,
): WireMinimalUser | WireUser {
  if (!v.listPermissions) return minimal(u);
  const differ = typeof v.listPermissions === 'object' && v.listPermissions.differ.includes(u.id);
  return { ...minimal(u), permissions: differ ? [] : u.permissions };
}

function userGroup(
  g: LookalikeGroup,
  withPermissions: boolean,
  displayName: (name: string) => string | null,
  perms: (ps: WirePermission[]) => WirePermission[],
): WireUserGroup {
  return {
    id: g.id,
    name: displayName(g.name),
    memberCount: g.members.length,
    ...(withPermissions ? { permissions: perms(g.permissions) } : {}),
  };
}

function ok(data: unknown): Answer {
  return { status: 200, body: { data } };
}
