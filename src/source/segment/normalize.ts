/**
 * Pure: what Segment answered → the access document. A user's permissions are the direct ones plus those of
 * every group the user is in (each tagged with `via`). Identity, HR and reviews are left null: other stages
 * fill them. Everything is sorted so the same workspace always gives the same bytes.
 */
import {
  type AccessDocument,
  type Coverage,
  DOCUMENT_VERSION,
  emailKey,
  type Grant,
  type Group,
  type Invite,
  type Label,
  type Permission,
  type RemovedSubject,
  type Unavailable,
  type User,
} from '../../model/document.js';
import { compareText } from '../../shared/order.js';
import type {
  RawAuditEvent,
  RawGroup,
  RawLabel,
  RawMinimalUser,
  RawPermission,
  RawRole,
  RawUser,
  RawWorkspace,
} from './schema.js';

export interface RawGroupData {
  group: RawGroup;
  members: RawMinimalUser[];
  invites: string[];
}

/** A read the plan refused: Segment's status and words. */
export interface PlanRefusal {
  unavailable: { endpoint: string; status: number; message: string };
}

export interface RawCollection {
  workspace: RawWorkspace;
  roles: RawRole[];
  labels: RawLabel[];
  /** Each user with direct permissions (from `GET /users/{id}`, or from a checked `GET /users`). */
  users: RawUser[];
  /** A refusal: the plan has no user groups (then nobody holds access through one). */
  groups: RawGroupData[] | PlanRefusal;
  invites: string[];
  /** null: not requested; a refusal: the workspace has no audit trail. */
  audit: RawAuditEvent[] | null | PlanRefusal;
  /** What the collection noticed along the way (all optional: a bare collection is complete). */
  notes?: CollectionNotes;
}

export interface CollectionNotes {
  auditDays?: number | null;
  incomplete?: Array<{ endpoint: string; reason: string }>;
  removed?: RemovedSubject[];
  usersWithoutPermissionsField?: number;
  userPermissions?: NonNullable<Coverage['user_permissions']>;
  /** Names of granted resources (best effort) and how each kind was read. */
  resourceNames?: { names: Map<string, string>; reads: NonNullable<Coverage['resource_names']> };
}

export interface NormalizeContext {
  collectedAt: Date;
  apiUrl: string;
  region: 'us' | 'eu' | null;
}

export const OWNER_ROLE = 'Workspace Owner';

export function normalize(raw: RawCollection, ctx: NormalizeContext): AccessDocument {
  const named = raw.notes?.resourceNames;
  const nameOf: NameOf = (type, id) => {
    if (!named) return undefined;
    if (type === 'WORKSPACE') return id === raw.workspace.id ? raw.workspace.name : null;
    return named.names.get(id) ?? null;
  };
  const groups = Array.isArray(raw.groups) ? raw.groups : [];
  const groupsOf = new Map<string, RawGroupData[]>();
  for (const g of groups) for (const m of g.members) groupsOf.set(m.id, [...(groupsOf.get(m.id) ?? []), g]);
  const activity = latestActivity(Array.isArray(raw.audit) ? raw.audit : []);
  const auditRead = Array.isArray(raw.audit);

  const users: User[] = raw.users.map((u) => {
    const mine = groupsOf.get(u.id) ?? [];
    const permissions = [
      ...(u.permissions ?? []).map((p) => permission(p, { type: 'direct' }, nameOf)),
      ...mine.flatMap((g) =>
        (g.group.permissions ?? []).map((p) =>
          permission(p, { type: 'group', group_id: g.group.id, group_name: g.group.name }, nameOf),
        ),
      ),
    ].sort(comparePermissions);
    const effective = [...new Set(permissions.map((p) => p.role_name))].sort(compareText);
    const isOwner = effective.includes(OWNER_ROLE);
    const key = emailKey(u.email);
    return {
      id: u.id,
      email: u.email,
      email_key: key,
      name: u.name,
      permissions,
      groups: mine
        .map((g) => ({ id: g.group.id, name: g.group.name }))
        .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)),
      effective_roles: effective,
      is_owner: isOwner,
      is_admin: isOwner || effective.some((r) => r.endsWith(' Admin')),
      identity: null,
      hr: null,
      last_activity: auditRead ? (activity.get(key) ?? null) : null,
    };
  });

  const docGroups: Group[] = groups.map((g) => ({
    id: g.group.id,
    name: g.group.name,
    member_count: g.group.memberCount,
    members: g.members
      .map((m) => ({ id: m.id, email: m.email }))
      .sort((a, b) => compareText(emailKey(a.email), emailKey(b.email)) || compareText(a.id, b.id)),
    permissions: (g.group.permissions ?? [])
      .map((p) => permission(p, { type: 'direct' }, nameOf))
      .sort(comparePermissions)
      .map(({ via: _via, ...rest }) => rest),
    invites: [...g.invites].sort(compareText),
  }));

  const invites: Invite[] = [
    ...raw.invites.map((email) => invite(email, { type: 'direct' })),
    ...groups.flatMap((g) =>
      g.invites.map((email) => invite(email, { type: 'group', group_id: g.group.id, group_name: g.group.name })),
    ),
  ].sort((a, b) => compareText(a.email_key, b.email_key) || compareText(grantKey(a.via), grantKey(b.via)));

  const groupsCoverage = Array.isArray(raw.groups) ? 'complete' : 'unavailable_plan';
  const audit = raw.audit === null ? 'not_requested' : Array.isArray(raw.audit) ? 'complete' : 'unavailable_plan';
  const unavailable: Unavailable[] = [];
  if (!Array.isArray(raw.groups)) unavailable.push({ feature: 'groups', ...raw.groups.unavailable });
  if (raw.audit !== null && !Array.isArray(raw.audit)) unavailable.push({ feature: 'audit', ...raw.audit.unavailable });
  const notes = raw.notes ?? {};
  const incomplete = [...(notes.incomplete ?? [])].sort(
    (a, b) => compareText(a.endpoint, b.endpoint) || compareText(a.reason, b.reason),
  );
  const removed = [...(notes.removed ?? [])].sort(
    (a, b) => compareText(a.type, b.type) || compareText(a.id, b.id) || compareText(a.endpoint, b.endpoint),
  );
  return {
    document_version: DOCUMENT_VERSION,
    workspace: { id: raw.workspace.id, name: raw.workspace.name, slug: raw.workspace.slug, region: ctx.region },
    collected_at: rfc3339(ctx.collectedAt),
    source: { kind: 'api', api_url: ctx.apiUrl },
    // A feature the plan lacks is not incompleteness: on a plan without user groups nobody holds access
    // through one, so the direct grants are the whole of it.
    complete: incomplete.length === 0,
    coverage: {
      users: !incomplete.some((i) => i.endpoint.startsWith('GET /users')),
      groups: groupsCoverage,
      invites: !incomplete.some((i) => i.endpoint === 'GET /invites' || i.endpoint === 'GET /groups/{id}/invites'),
      audit,
      identity: false,
      identity_sources: [],
      hr: false,
      reviews: false,
      unavailable,
      audit_days: notes.auditDays ?? null,
      incomplete,
      removed_during_collection: removed,
      users_without_permissions_field: notes.usersWithoutPermissionsField ?? 0,
      ...(notes.resourceNames ? { resource_names: notes.resourceNames.reads } : {}),
      ...(notes.userPermissions ? { user_permissions: notes.userPermissions } : {}),
    },
    roles: raw.roles
      .map((r) => ({ id: r.id, name: r.name, description: r.description }))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)),
    labels: raw.labels.map(label).sort(compareLabels),
    users: users.sort((a, b) => compareText(a.email_key, b.email_key) || compareText(a.id, b.id)),
    groups: docGroups.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)),
    invites,
    reviews: null,
  };
}

/** A resource's name, when names were read: string, or null when unknown. undefined: names were not read. */
type NameOf = (type: string, id: string) => string | null | undefined;

function permission(p: RawPermission, via: Grant, nameOf: NameOf = () => undefined): Permission {
  return {
    role_id: p.roleId,
    role_name: p.roleName,
    resources: p.resources
      .map((r) => {
        const name = nameOf(r.type, r.id);
        const labels = (r.labels ?? []).map(label).sort(compareLabels);
        return name === undefined ? { type: r.type, id: r.id, labels } : { type: r.type, id: r.id, name, labels };
      })
      .sort((a, b) => compareText(a.type, b.type) || compareText(a.id, b.id)),
    labels: (p.labels ?? []).map(label).sort(compareLabels),
    via,
  };
}

function label(l: RawLabel): Label {
  return l.description === undefined
    ? { key: l.key, value: l.value }
    : { key: l.key, value: l.value, description: l.description };
}

function invite(email: string, via: Grant): Invite {
  return { email, email_key: emailKey(email), via };
}

/** Latest event timestamp per actor email key. */
function latestActivity(events: RawAuditEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const ms = Date.parse(e.timestamp);
    if (!e.actorEmail || Number.isNaN(ms)) continue;
    const key = emailKey(e.actorEmail);
    const ts = rfc3339(new Date(ms));
    const prev = out.get(key);
    if (!prev || Date.parse(prev) < ms) out.set(key, ts);
  }
  return out;
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

function grantKey(g: Grant): string {
  return g.type === 'direct' ? '0' : `1${g.group_name}\u0000${g.group_id}`;
}
function compareLabels(a: Label, b: Label): number {
  return compareText(a.key, b.key) || compareText(a.value, b.value);
}
function comparePermissions(a: Permission, b: Permission): number {
  return (
    compareText(grantKey(a.via), grantKey(b.via)) ||
    compareText(a.role_name, b.role_name) ||
    compareText(a.role_id, b.role_id) ||
    compareText(JSON.stringify(a.resources), JSON.stringify(b.resources))
  );
}
