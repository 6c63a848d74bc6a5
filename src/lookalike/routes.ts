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
  /** Resource ids granted anywhere, by type (SOURCE, WAREHOUSE, SPACE, FUNCTION), in first-seen order. */
  resources: Map<string, string[]>;
}

export function catalog(ws: LookalikeWorkspace): Catalog {
  const resources = new Map<string, string[]>();
  for (const p of [...ws.users.flatMap((u) => u.permissions), ...ws.groups.flatMap((g) => g.permissions)]) {
    for (const r of p.resources) {
      const ids = resources.get(r.type) ?? [];
      if (!ids.includes(r.id)) ids.push(r.id);
      resources.set(r.type, ids);
    }
  }
  return {
    ws,
    usersById: new Map(ws.users.map((u) => [u.id, u])),
    groupsById: new Map(ws.groups.map((g) => [g.id, g])),
    resources,
  };
}

const TYPE_LABEL: Record<string, string> = {
  SOURCE: 'Source',
  WAREHOUSE: 'Warehouse',
  SPACE: 'Space',
  FUNCTION: 'Function',
};
function resourceName(c: Catalog, type: string, id: string): string {
  return c.ws.resourceNames?.[id] ?? `${TYPE_LABEL[type] ?? type} ${id}`;
}

/** Endpoint name of a request path, ids replaced by `{id}`. */
export function endpointOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (['users', 'groups', 'spaces', 'functions', 'sources', 'warehouses'].includes(parts[0] ?? '') && parts.length >= 2)
    parts[1] = '{id}';
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
  const refused =
    v.refuseResourceNames === true ||
    (Array.isArray(v.refuseResourceNames) && v.refuseResourceNames.includes(endpoint));
  const ids = (type: string) => c.resources.get(type) ?? [];
  if (head === 'sources' && id === undefined) {
    if (refused) return error(403, 'forbidden', 'The token cannot read sources');
    return list(
      'sources',
      ids('SOURCE').map((sid) => ({ id: sid, slug: sid.toLowerCase(), name: resourceName(c, 'SOURCE', sid) })),
    );
  }
  if (head === 'warehouses' && id === undefined) {
    if (refused) return error(403, 'forbidden', 'The token cannot read warehouses');
    return list(
      'warehouses',
      ids('WAREHOUSE').map((wid) => ({
        id: wid,
        workspaceId: ws.workspace.id,
        enabled: true,
        metadata: { id: 'catalog-snowflake', slug: 'snowflake', name: 'Snowflake' },
        settings: { name: resourceName(c, 'WAREHOUSE', wid) },
      })),
    );
  }
  if (head === 'functions' && id === undefined) {
    if (refused) return error(403, 'forbidden', 'The token cannot read functions');
    const type = query.get('resourceType');
    if (type !== 'SOURCE' && type !== 'DESTINATION' && type !== 'INSIGHTS_DESTINATION')
      return error(422, 'ValidationFailure', 'Validation failure: resourceType is required');
    // The look-alike puts every granted function under SOURCE.
    const fns = type === 'SOURCE' ? ids('FUNCTION') : [];
    return list(
      'functions',
      fns.map((fid) => ({ id: fid, resourceType: type, displayName: resourceName(c, 'FUNCTION', fid) })),
    );
  }
  if (head === 'spaces' && id !== undefined && sub === undefined) {
    if (refused) return error(403, 'forbidden', 'The token cannot read spaces');
    if (!ids('SPACE').includes(id)) return notFound();
    return ok({ space: { id, slug: id.toLowerCase(), name: resourceName(c, 'SPACE', id) } });
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
