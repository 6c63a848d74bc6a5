/**
 * Deterministic big workspaces from a seed: users with scoped roles (SOURCE/SPACE/WAREHOUSE/FUNCTION or
 * label-restricted WORKSPACE), owners, groups with members and pending invites, workspace invites (some to
 * external domains) and audit events. The same options always give the same workspace.
 */
import { createRng } from './rng.js';
import type { LookalikeGroup, LookalikePermission, LookalikeUser, LookalikeWorkspace } from './workspace.js';

export interface GenerateOptions {
  seed: number;
  users: number;
  groups?: number;
  /** Users holding Workspace Owner directly (default 3). */
  owners?: number;
  domain?: string;
  /** Pending workspace invites (default 1% of users, at least 2). */
  invites?: number;
  /** Audit events over the 90 days before `now` (default users / 2). */
  auditEvents?: number;
  /** Largest group (default 400 members). */
  maxGroupSize?: number;
  now?: Date;
}

const ROLES: Array<[string, string, 'WORKSPACE' | 'SOURCE' | 'SPACE' | 'WAREHOUSE' | 'FUNCTION']> = [
  ['1WDUuRLxv84rrfCNUwvkrRtkxnS', 'Workspace Owner', 'WORKSPACE'],
  ['1aEWAcU0fArxScocwH9xxLgW7r3', 'Minimal Workspace Access', 'WORKSPACE'],
  ['1bSrcAdm9aQ2LkP4mN7xR5tV8wZ', 'Source Admin', 'SOURCE'],
  ['1cSrcRdo3hJ6kL9pQ2sT5vX8yB1', 'Source Read-only', 'SOURCE'],
  ['1dWhdRdo7gF4dS1aZ8xC5vB2nM9', 'Warehouse Destination Read-only', 'WAREHOUSE'],
  ['1eWhdAdm2kL5oP8iU1yT4rE7wQ3', 'Warehouse Destination Admin', 'WAREHOUSE'],
  ['1fFncAdm6mN9bV3cX7zL1kJ4hG8', 'Function Admin', 'FUNCTION'],
  ['1gFncRdo4qW7eR1tY5uI9oP3aS6', 'Function Read-only', 'FUNCTION'],
  ['1hIdnAdm8zX2cV6bN1mQ5wE9rT3', 'Identity Admin', 'SPACE'],
  ['1iTrpRdo5sD9fG3hJ7kL2zX6cV1', 'Tracking Plan Read-only', 'WORKSPACE'],
  ['1jUneRdo1aQ5wS9eD3rF7tG2yH6', 'Unify and Engage Read-only', 'SPACE'],
];
const LABELS = [
  { key: 'environment', value: 'prod', description: 'Production data' },
  { key: 'environment', value: 'staging' },
  { key: 'environment', value: 'dev' },
  { key: 'team', value: 'marketing' },
  { key: 'team', value: 'product' },
  { key: 'data', value: 'pii', description: 'Contains personal data' },
];
const FIRST = [
  'ana',
  'ben',
  'chen',
  'dara',
  'eli',
  'fatima',
  'goran',
  'hana',
  'ivan',
  'jun',
  'kofi',
  'lea',
  'mia',
  'noah',
  'omar',
  'priya',
  'quinn',
  'rosa',
  'sven',
  'tara',
];
const LAST = [
  'smith',
  'garcia',
  'kowalski',
  'nakamura',
  'okafor',
  'rossi',
  'schmidt',
  'silva',
  'tanaka',
  'wong',
  'novak',
  'haddad',
];
const EXTERNAL = ['agency.io', 'gmail.com', 'contractors.example', 'outlook.com'];

export function generateWorkspace(options: GenerateOptions): LookalikeWorkspace {
  const rng = createRng(options.seed);
  const domain = options.domain ?? 'example.com';
  const now = (options.now ?? new Date('2026-11-28T12:00:00Z')).getTime();
  const workspace = { id: rng.id(), name: `Generated ${options.seed}`, slug: `generated-${options.seed}` };
  const resources = {
    WORKSPACE: [workspace.id],
    SOURCE: Array.from({ length: 5 + Math.ceil(options.users / 50) }, () => rng.id()),
    SPACE: Array.from({ length: 3 }, () => `spa_${rng.id(18)}`),
    WAREHOUSE: Array.from({ length: 4 }, () => rng.id()),
    FUNCTION: Array.from({ length: 6 }, () => `sfnc_${rng.id(18)}`),
  };
  const permission = (role: (typeof ROLES)[number]): LookalikePermission => {
    const [roleId, roleName, type] = role;
    if (type === 'WORKSPACE' || (type === 'SOURCE' && rng.next() < 0.2)) {
      const labels = roleName !== 'Workspace Owner' && rng.next() < 0.5 ? [rng.pick(LABELS)] : [];
      return {
        roleId,
        roleName,
        resources: [{ id: workspace.id, type: 'WORKSPACE', labels }],
        ...(labels.length ? { labels } : {}),
      };
    }
    const ids = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(resources[type])))];
    return {
      roleId,
      roleName,
      resources: ids.map((id) => ({ id, type, labels: rng.next() < 0.3 ? [rng.pick(LABELS)] : [] })),
    };
  };
  const owners = options.owners ?? 3;
  const users: LookalikeUser[] = Array.from({ length: options.users }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const external = i >= owners && rng.next() < 0.03;
    const email = `${first}.${last}${i}@${external ? rng.pick(EXTERNAL) : domain}`;
    const name = rng.next() < 0.02 ? '' : `${cap(first)} ${cap(last)}`;
    const count = i < owners ? 0 : rng.int(0, 3);
    const perms =
      i < owners
        ? [permission(ROLES[0]!)]
        : Array.from({ length: count }, () => permission(ROLES[rng.int(1, ROLES.length - 1)]!));
    return { id: rng.id(), name, email, permissions: perms };
  });
  const groups: LookalikeGroup[] = Array.from({ length: options.groups ?? 0 }, (_, g) => {
    const size = Math.min(users.length, rng.int(0, options.maxGroupSize ?? 400));
    const members = new Set<string>();
    while (members.size < size) members.add(rng.pick(users).id);
    const role = g === 0 ? ROLES[0]! : ROLES[rng.int(1, ROLES.length - 1)]!;
    const invites = Array.from(
      { length: rng.next() < 0.3 ? rng.int(1, 3) : 0 },
      (_, k) => `pending.g${g}.${k}@${rng.next() < 0.2 ? rng.pick(EXTERNAL) : domain}`,
    );
    return {
      id: rng.id(),
      name: `Team ${g + 1}${g === 0 ? ' Owners' : ''}`,
      permissions: [permission(role)],
      members: [...members],
      invites,
    };
  });
  const inviteCount = options.invites ?? Math.max(2, Math.floor(options.users / 100));
  const invites = Array.from(
    { length: inviteCount },
    (_, k) => `invitee${k}@${k % 4 === 1 ? rng.pick(EXTERNAL) : domain}`,
  );
  const auditEvents = Array.from({ length: options.auditEvents ?? Math.floor(options.users / 2) }, (_, k) => {
    const actor = rng.pick(users);
    const ts = new Date(now - rng.int(0, 90 * 86_400) * 1000).toISOString().replace('.000Z', 'Z');
    const sourceId = rng.pick(resources.SOURCE);
    return {
      id: `events/${1_000_000 + k}`,
      timestamp: ts,
      type: rng.pick(['Source Modified', 'Destination Modified', 'User Group Updated', 'Policy Created']),
      actor: `user/${actor.id}`,
      actorEmail: actor.email,
      resourceId: sourceId,
      resourceType: 'source',
      resourceName: `Source ${sourceId.slice(0, 6)}`,
    };
  });
  auditEvents.sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
  return {
    workspace,
    roles: ROLES.map(([id, name]) => ({ id, name, description: `${name} (generated)` })),
    labels: LABELS,
    users,
    groups,
    invites,
    auditEvents,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
