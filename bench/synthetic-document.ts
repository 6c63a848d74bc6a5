/**
 * A synthetic access document of any size for tests (the WASM/OPA differential, snapshots for CLI runs): a
 * generated workspace (src/lookalike/generate.ts) turned into the document directly (direct grants plus group
 * grants, as the collector would), plus identity, HR and two review campaigns, so every control but UAR-011 and
 * UAR-013 finds something. Deterministic for a given size and `now`. Not shipped in the package; TypeScript, so
 * the tests import it and the plain-Node benchmarks do not (they use the realistic bench/document.mjs).
 */

import { generateWorkspace } from '../src/lookalike/generate.js';
import type { WireLabel, WirePermission } from '../src/lookalike/wire.js';
import {
  type AccessDocument,
  DOCUMENT_VERSION,
  emailKey,
  type Grant,
  type Label,
  type Permission,
  type User,
} from '../src/model/document.js';
import { compareText } from '../src/shared/order.js';

const DAY = 86_400_000;
const OWNER = 'Workspace Owner';

export function syntheticDocument(users: number, now: Date): AccessDocument {
  const ws = generateWorkspace({ seed: 42, users, groups: Math.max(5, Math.round(users / 100)), now });
  const byId = new Map(ws.users.map((u) => [u.id, u]));
  const groupsOf = new Map<string, typeof ws.groups>();
  for (const g of ws.groups) for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g]);
  const docUsers: User[] = ws.users
    .map((u) => {
      const mine = groupsOf.get(u.id) ?? [];
      const permissions = [
        ...u.permissions.map((p) => permission(p, { type: 'direct' })),
        ...mine.flatMap((g) =>
          g.permissions.map((p) => permission(p, { type: 'group', group_id: g.id, group_name: g.name })),
        ),
      ];
      const roles = [...new Set(permissions.map((p) => p.role_name))].sort(compareText);
      const isOwner = roles.includes(OWNER);
      return {
        id: u.id,
        email: u.email,
        email_key: emailKey(u.email),
        name: u.name,
        permissions,
        groups: mine.map((g) => ({ id: g.id, name: g.name })),
        effective_roles: roles,
        is_owner: isOwner,
        is_admin: isOwner || roles.some((r) => r.endsWith(' Admin')),
        identity: null,
        hr: null,
        last_activity: null,
      };
    })
    .sort((a, b) => compareText(a.email_key, b.email_key) || compareText(a.id, b.id));
  const doc: AccessDocument = {
    document_version: DOCUMENT_VERSION,
    workspace: { ...ws.workspace, region: 'us' },
    collected_at: now.toISOString().replace('.000Z', 'Z'),
    source: { kind: 'api', api_url: 'http://127.0.0.1' },
    complete: true,
    coverage: {
      users: true,
      groups: 'complete',
      invites: true,
      audit: 'not_requested',
      identity: false,
      identity_sources: [],
      hr: false,
      reviews: false,
    },
    roles: ws.roles,
    labels: ws.labels.map(label),
    users: docUsers,
    groups: ws.groups.map((g) => ({
      id: g.id,
      name: g.name,
      member_count: g.members.length,
      members: g.members.flatMap((id) => {
        const u = byId.get(id);
        return u ? [{ id: u.id, email: u.email }] : [];
      }),
      permissions: g.permissions.map((p) => {
        const { via: _via, ...rest } = permission(p, { type: 'direct' });
        return rest;
      }),
      invites: g.invites,
    })),
    invites: [
      ...ws.invites.map((email) => ({ email, email_key: emailKey(email), via: { type: 'direct' as const } })),
      ...ws.groups.flatMap((g) =>
        g.invites.map((email) => ({
          email,
          email_key: emailKey(email),
          via: { type: 'group' as const, group_id: g.id, group_name: g.name },
        })),
      ),
    ],
    reviews: null,
  };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString().replace('.000Z', 'Z');
  const decision = (u: User, i: number, decidedDaysAgo: number) => {
    const self = i % 301 === 0;
    return {
      subject_email: u.email,
      subject_key: emailKey(u.email),
      reviewer_email: self ? u.email : 'reviewer@acme.com',
      reviewer_key: self ? emailKey(u.email) : 'reviewer@acme.com',
      decision: i % 53 === 0 ? ('revoke' as const) : ('keep' as const),
      decided_at: at(decidedDaysAgo),
      justification: null,
    };
  };
  const people = doc.users.map((u, i) => ({
    ...u,
    identity:
      i % 50 === 0
        ? null
        : {
            status: i % 97 === 0 ? ('inactive' as const) : ('active' as const),
            mfa: i % 7 === 0 ? ('not_enrolled' as const) : ('enrolled' as const),
            last_sign_in: i % 11 === 0 ? 'never' : at(i % 200),
            sources: [],
          },
    hr: {
      employment_status: i % 89 === 0 ? ('terminated' as const) : ('active' as const),
      termination_date: i % 89 === 0 ? at(60).slice(0, 10) : null,
      employee_id: String(i),
      manager_email: null,
      worker_type: 'employee',
      file: 'hr.csv',
    },
  }));
  return {
    ...doc,
    users: people,
    coverage: { ...doc.coverage, identity: true, identity_sources: ['generic'], hr: true, reviews: true },
    reviews: {
      campaigns: [
        { id: 'q3', started_at: at(120), due_at: null, decisions: people.map((u, i) => decision(u, i, 100)) },
        {
          id: 'q4',
          started_at: at(30),
          due_at: null,
          decisions: people.filter((_, i) => i % 20 !== 0).map((u, i) => decision(u, i, 20)),
        },
      ],
    },
  };
}

function permission(p: WirePermission, via: Grant): Permission {
  return {
    role_id: p.roleId,
    role_name: p.roleName,
    resources: p.resources.map((r) => ({ type: r.type, id: r.id, labels: (r.labels ?? []).map(label) })),
    labels: (p.labels ?? []).map(label),
    via,
  };
}

function label(l: WireLabel): Label {
  return l.description === undefined
    ? { key: l.key, value: l.value }
    : { key: l.key, value: l.value, description: l.description };
}
