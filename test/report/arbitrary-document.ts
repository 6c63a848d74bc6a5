/**
 * Random access documents for the rewrite tests: users holding permissions drawn from a small pool (so the same
 * grant recurs, as in real workspaces), copies of pool entries (equal content, another object) and near-copies
 * (same role, group and resource id, another resource name or labels), hostile text in every string, optional
 * identity, HR and review data, and invites to direct and group access.
 */
import fc from 'fast-check';
import type { AccessDocument, Label, Permission, Resource, User } from '../../src/model/document.js';
import { makeDocument } from './fixtures.js';

const text = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'b',
    'A',
    '=1+1',
    '-x',
    '@y',
    'a,b',
    'q"t',
    'l\nf',
    'c\rr',
    '<b>&',
    "o'k",
    'é',
    '😀',
    '\ufeff',
  ),
  fc.string({ maxLength: 5 }),
);
const small = fc.constantFrom('', 'a', 'b', 'B', 'é', '😀', '=', 'x,y');
const label: fc.Arbitrary<Label> = fc.record(
  { key: small, value: small, description: fc.constantFrom('d', 'e') },
  { requiredKeys: ['key', 'value'] },
);
const resource: fc.Arbitrary<Resource> = fc.record(
  {
    type: fc.constantFrom('WORKSPACE', 'SOURCE', 'SPACE', 'OTHER'),
    id: small,
    name: fc.oneof(text, fc.constant(null)),
    labels: fc.array(label, { maxLength: 3 }),
  },
  { requiredKeys: ['type', 'id', 'labels'] },
);
const via: fc.Arbitrary<Permission['via']> = fc.oneof(
  fc.constant({ type: 'direct' as const }),
  fc.record({ type: fc.constant('group' as const), group_id: small, group_name: text }),
);
const permission: fc.Arbitrary<Permission> = fc.record({
  role_id: small,
  role_name: fc.constantFrom('Workspace Owner', 'Source Admin', 'Source Read-only', '=Evil', 'a', ''),
  resources: fc.array(resource, { maxLength: 3 }),
  labels: fc.array(label, { maxLength: 2 }),
  via,
});

/** A user's permissions: pool entries (the same objects), copies, and near-copies. */
const holdings = (pool: Permission[]) =>
  fc.array(
    fc.oneof(
      fc.nat(pool.length - 1).map((i) => pool[i] as Permission),
      fc.nat(pool.length - 1).map((i) => structuredClone(pool[i] as Permission)),
      fc.tuple(fc.nat(pool.length - 1), text).map(([i, name]) => {
        const p = structuredClone(pool[i] as Permission);
        if (p.resources[0]) p.resources[0].name = name;
        return p;
      }),
      permission,
    ),
    { maxLength: 4 },
  );

const identity = fc.record({
  status: fc.constantFrom('active', 'inactive', 'unknown'),
  mfa: fc.constantFrom('enrolled', 'not_enrolled', 'unknown'),
  last_sign_in: fc.oneof(fc.constant(null), fc.constant('never'), fc.constant('2026-01-02T03:04:05Z')),
  sources: fc.constant([]),
});
const hr = fc.record({
  employment_status: fc.constantFrom('active', 'leave', 'terminated', '=x'),
  termination_date: fc.oneof(fc.constant(null), fc.constant('2026-01-01')),
  employee_id: fc.constant(null),
  manager_email: fc.constant(null),
  worker_type: fc.constant('employee'),
  file: fc.constant('hr.csv'),
});

const user = (pool: Permission[]): fc.Arbitrary<User> =>
  fc
    .record({
      id: small,
      email: text,
      email_key: small,
      name: text,
      permissions: holdings(pool),
      is_owner: fc.boolean(),
      is_admin: fc.boolean(),
      identity: fc.oneof(fc.constant(null), identity),
      hr: fc.oneof(fc.constant(null), hr),
    })
    .map((u) => ({ ...u, groups: [], effective_roles: [], last_activity: null }) as unknown as User);

export const arbitraryDocument: fc.Arbitrary<AccessDocument> = fc
  .array(permission, { minLength: 1, maxLength: 6 })
  .chain((pool) =>
    fc.record({
      users: fc.array(user(pool), { maxLength: 12 }),
      groups: fc.array(fc.record({ id: small, name: text, permissions: fc.array(permission, { maxLength: 2 }) }), {
        maxLength: 3,
      }),
      invites: fc.array(fc.record({ email: text, email_key: small, via }), { maxLength: 4 }),
      coverage: fc.record({ identity: fc.boolean(), hr: fc.boolean() }),
      decisions: fc.array(
        fc.record({
          subject_key: small,
          decided_at: fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
          reviewer_key: small,
          reviewer_email: text,
          decision: fc.constantFrom('keep', 'revoke', '=x'),
        }),
        { maxLength: 6 },
      ),
      reviewed: fc.boolean(),
    }),
  )
  .map((g) => {
    const doc = makeDocument();
    doc.users = g.users;
    doc.groups = g.groups.map((x) => ({
      ...x,
      member_count: 0,
      members: [],
      invites: [],
    })) as unknown as AccessDocument['groups'];
    doc.invites = g.invites;
    doc.coverage = { ...doc.coverage, ...g.coverage };
    if (!g.reviewed) doc.reviews = null;
    else if (doc.reviews?.campaigns[0])
      doc.reviews.campaigns[0].decisions = g.decisions as unknown as (typeof doc.reviews.campaigns)[0]['decisions'];
    return doc;
  });
