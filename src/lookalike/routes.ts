/**
 * Pure routing: (workspace, path, query) → the status and JSON body Segment would answer, plus the endpoint
 * name used for counting (ids normalised: `GET /users/{id}`). Team plan: user groups and the audit trail
 * answer 400 `{"errors":[{"type":"bad-request","message":"Your plan does not include User Groups"}]}`.
 */
import { page } from './paging.js';
import type { LookalikeGroup, LookalikeWorkspace } from './workspace.js';

export interface Answer {
  status: number;
  body: unknown;
}

export interface Catalog {
  ws: LookalikeWorkspace;
  usersById: Map<string, LookalikeWorkspace['users'][number]>;
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
  body: { errors: [{ type, message }] },
});
export const notFound = (): Answer => error(404, 'NotFound', 'Resource not found');
const noPlan = (feature: string): Answer => error(400, 'bad-request', `Your plan does not include ${feature}`);

export function route(c: Catalog, path: string, query: URLSearchParams, plan: 'business' | 'team'): Answer {
  const { ws } = c;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, extra] = parts;
  if (extra !== undefined) return notFound();
  if (head === undefined) return ok({ workspace: ws.workspace });
  if (head === 'roles' && id === undefined) return list('roles', ws.roles, query);
  if (head === 'labels' && id === undefined) return ok({ labels: ws.labels });
  if (head === 'invites' && id === undefined) return list('invites', ws.invites, query);
  if (head === 'users') {
    if (id === undefined)
      return list(
        'users',
        ws.users.map(({ id: uid, name, email }) => ({ id: uid, name, email })),
        query,
      );
    const user = c.usersById.get(id);
    if (!user) return notFound();
    if (sub === undefined) return ok({ user });
    if (sub !== 'groups') return notFound();
    if (plan === 'team') return noPlan('User Groups');
    return list(
      'groups',
      ws.groups.filter((g) => g.members.includes(id)).map((g) => ({ id: g.id, name: g.name })),
      query,
    );
  }
  if (head === 'groups') {
    if (plan === 'team') return noPlan('User Groups');
    if (id === undefined) return list('userGroups', ws.groups.map(userGroup), query);
    const group = c.groupsById.get(id);
    if (!group) return notFound();
    if (sub === undefined) return ok({ userGroup: userGroup(group) });
    if (sub === 'invites') return list('emails', group.invites, query);
    if (sub !== 'users') return notFound();
    const members = group.members.flatMap((m) => {
      const u = c.usersById.get(m);
      return u ? [{ id: u.id, name: u.name, email: u.email }] : [];
    });
    return list('users', members, query);
  }
  if (head === 'audit-events' && id === undefined) {
    if (plan === 'team') return noPlan('Audit Trail');
    const start = Date.parse(query.get('startTime') ?? '');
    const end = Date.parse(query.get('endTime') ?? '');
    const events = ws.auditEvents.filter((e) => {
      const t = Date.parse(e.timestamp);
      return (Number.isNaN(start) || t >= start) && (Number.isNaN(end) || t <= end);
    });
    return list('events', events, query);
  }
  return notFound();
}

function userGroup(g: LookalikeGroup): {
  id: string;
  name: string;
  memberCount: number;
  permissions: LookalikeGroup['permissions'];
} {
  return { id: g.id, name: g.name, memberCount: g.members.length, permissions: g.permissions };
}

function ok(data: unknown): Answer {
  return { status: 200, body: { data } };
}

function list<T>(key: string, all: readonly T[], query: URLSearchParams): Answer {
  const result = page(all, query);
  if (!result.ok) return { status: result.status, body: result.body };
  return ok({ [key]: result.items, pagination: result.pagination });
}
