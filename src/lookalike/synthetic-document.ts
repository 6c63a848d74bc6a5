/**
 * A synthetic access document of any size for benchmarks and differential tests: a generated workspace
 * (generate.ts) as the collector normalises it, plus identity, HR and review data that make every control
 * find something. Deterministic for a given size and `now`.
 */
import { type AccessDocument, emailKey, type User } from '../model/document.js';
import { normalize } from '../source/segment/normalize.js';
import { generateWorkspace } from './generate.js';

const DAY = 86_400_000;

export function syntheticDocument(users: number, now: Date): AccessDocument {
  const ws = generateWorkspace({ seed: 42, users, groups: Math.max(5, Math.round(users / 100)), now });
  const byId = new Map(ws.users.map((u) => [u.id, u]));
  const doc = normalize(
    {
      workspace: ws.workspace,
      roles: ws.roles,
      labels: ws.labels,
      users: ws.users,
      groups: ws.groups.map((g) => ({
        group: { id: g.id, name: g.name, memberCount: g.members.length, permissions: g.permissions },
        members: g.members.flatMap((id) => {
          const u = byId.get(id);
          return u ? [{ id: u.id, name: u.name, email: u.email }] : [];
        }),
        invites: g.invites,
      })),
      invites: ws.invites,
      audit: null,
    },
    { collectedAt: now, apiUrl: 'http://127.0.0.1', region: 'us' },
  );
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
