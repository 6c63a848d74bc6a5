// A seeded, realistic access document of any size (issue 14): the shape of a real workspace after `fetch` and
// enrichment. Each user holds 1–3 grants, mostly through ~60 groups; 95 % have one identity record, everyone is
// in the HR roster, ~92 % have a decision in the one review campaign; about 1.7 KB of snapshot per user; every
// built-in control finds something. Plain JavaScript with no imports, so the benchmark and the tests share it.
//   benchDocument(users, now) → the document (with the `*_ns` time fields the enrich stage adds)

const DAY_MS = 86_400_000;
const ROLES = [
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
  { key: 'team', value: 'marketing' },
  { key: 'data', value: 'pii', description: 'Contains personal data' },
];
const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'goran', 'hana', 'ivan', 'jun', 'kofi', 'lea', 'mia'];
const LAST = ['silva', 'meyer', 'okafor', 'tanaka', 'novak', 'haddad', 'larsen', 'kowalski', 'dubois', 'reyes'];
const GENERIC = ['admin', 'support', 'team', 'analytics', 'ops'];
const GROUPS = 60;

/** Mulberry32: a small seeded PRNG, so a size always gives the same document. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const ns = (ms) => ms * 1e6;

/**
 * @param {number} users
 * @param {Date} now
 * @param {{ timeNs?: boolean }} [options] timeNs: false leaves out the `*_ns` fields (as older snapshots)
 */
export function benchDocument(users, now, options = {}) {
  const withNs = options.timeNs !== false;
  const random = rng(0x5e9 + users);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const nowMs = now.getTime();
  const at = (daysAgo) => nowMs - Math.round((daysAgo * DAY_MS) / 1000) * 1000;
  const role = (i) => ({ id: ROLES[i][0], name: ROLES[i][1], type: ROLES[i][2] });
  const resource = (r, n) =>
    r.type === 'WORKSPACE'
      ? { type: 'WORKSPACE', id: 'ws-bench', labels: n % 7 === 0 ? [LABELS[n % LABELS.length]] : [] }
      : { type: r.type, id: `${r.type.toLowerCase()}-${n % 40}`, labels: [] };
  const permissionOf = (r, n) => ({
    role_id: r.id,
    role_name: r.name,
    resources: [resource(r, n)],
    labels: n % 11 === 0 ? [LABELS[n % LABELS.length]] : [],
  });

  // ~60 groups, each granting one or two roles; group 0 grants Workspace Owner to a handful of people.
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const roles = g === 0 ? [0] : [1 + (g % 10), ...(g % 6 === 0 ? [1 + ((g + 3) % 10)] : [])];
    return {
      id: `grp${String(g).padStart(3, '0')}`,
      name: g === 0 ? 'Workspace Owners' : `Team ${g}`,
      member_count: 0,
      members: [],
      permissions: roles.map((i) => permissionOf(role(i), g)),
      invites: [],
    };
  });

  const list = [];
  const decisions = [];
  let ownersInGroup = 0;
  for (let i = 0; i < users; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const external = i % 211 === 5;
    const generic = i % 997 === 13;
    const local = generic ? `${GENERIC[i % GENERIC.length]}${i % 2 === 0 ? '' : '+segment'}` : `${first}.${last}${i}`;
    // Every address is unique, as in Segment: shared mailboxes live on team subdomains (admin@t13.acme.com).
    const email = `${local}@${external ? 'contractor.io' : generic ? `t${i}.acme.com` : 'acme.com'}`;
    const key = email.toLowerCase();

    // 1–3 grants: one or two groups, sometimes a direct role.
    const userGroups = [];
    const owner = i < 12 || (i % 1500 === 7 && ownersInGroup < 40);
    if (owner && i >= 6) {
      userGroups.push(groups[0]);
      ownersInGroup++;
    }
    userGroups.push(groups[1 + Math.floor(random() * (GROUPS - 1))]);
    if (random() < 0.2) {
      const other = groups[1 + Math.floor(random() * (GROUPS - 1))];
      if (!userGroups.includes(other)) userGroups.push(other);
    }
    const permissions = [];
    if (owner && i < 6) permissions.push({ ...permissionOf(role(0), i), via: { type: 'direct' } });
    else if (random() < 0.06)
      permissions.push({ ...permissionOf(role(Math.floor(random() * 10) + 1), i), via: { type: 'direct' } });
    for (const g of userGroups) {
      for (const p of g.permissions)
        permissions.push({ ...p, via: { type: 'group', group_id: g.id, group_name: g.name } });
      g.members.push({ id: `u${i}`, email });
    }
    const effective = [...new Set(permissions.map((p) => p.role_name))].sort();
    const isOwner = effective.includes('Workspace Owner');

    // Identity: 95 % one record (1 in 20 has none: orphaned); some inactive, some without MFA, some stale.
    let identity = null;
    if (i % 20 !== 3) {
      const signIn = i % 37 === 0 ? 'never' : i % 9 === 0 ? at(100 + (i % 300)) : at(random() * 60);
      const lastSignIn = signIn === 'never' ? 'never' : iso(signIn);
      const fact = {
        status: i % 97 === 0 ? 'inactive' : 'active',
        mfa: i % 7 === 0 ? 'not_enrolled' : i % 101 === 0 ? 'unknown' : 'enrolled',
        last_sign_in: lastSignIn,
      };
      identity = {
        ...fact,
        ...(withNs ? { last_sign_in_ns: signIn === 'never' ? null : ns(signIn) } : {}),
        sources: [{ source: 'okta', files: ['okta-users.csv'], record_id: `00u${i}`, matched_by: 'primary', ...fact }],
      };
    }
    // Everyone is in the HR roster; about 1 % terminated (a few without a date).
    const terminated = i % 89 === 0;
    const terminationDay = terminated && i % 445 !== 0 ? iso(at(10 + (i % 50))).slice(0, 10) : null;
    const hr = {
      employment_status: terminated ? 'terminated' : i % 53 === 0 ? 'leave' : 'active',
      termination_date: terminationDay,
      ...(withNs ? { termination_date_ns: terminationDay ? ns(Date.parse(`${terminationDay}T00:00:00Z`)) : null } : {}),
      employee_id: `E${100000 + i}`,
      manager_email: `manager${i % 300}@acme.com`,
      worker_type: external ? 'contractor' : 'employee',
      file: 'hr-roster.csv',
    };
    list.push({
      id: `u${i}`,
      email,
      email_key: key,
      name: `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}`,
      permissions,
      groups: userGroups.map((g) => ({ id: g.id, name: g.name })),
      effective_roles: effective,
      is_owner: isOwner,
      is_admin: isOwner || effective.some((r) => r.endsWith(' Admin')),
      identity,
      hr,
      last_activity: null, // the audit trail was not requested
    });

    // ~92 % decided in the campaign; some revokes (older than the grace period), a few self-reviews.
    if (i % 13 !== 1) {
      const self = i % 409 === 2;
      const decidedAt = at(8 + (i % 80));
      const reviewer = self ? email : `manager${i % 300}@acme.com`;
      decisions.push({
        subject_email: email,
        subject_key: key,
        reviewer_email: reviewer,
        reviewer_key: reviewer.toLowerCase(),
        decision: i % 61 === 0 ? 'revoke' : i % 43 === 0 ? 'modify' : 'keep',
        decided_at: iso(decidedAt),
        ...(withNs ? { decided_at_ns: ns(decidedAt) } : {}),
        justification: i % 10 === 0 ? 'needed for the quarterly close' : null,
      });
    }
  }
  for (const g of groups) g.member_count = g.members.length;

  // Pending invites: 1 % of users, some to other domains, some to groups.
  const invites = [];
  for (let j = 0; j < Math.max(4, Math.round(users / 100)); j++) {
    const email = j % 5 === 0 ? `vendor${j}@partner.io` : `new.hire${j}@acme.com`;
    const group = j % 3 === 0 ? groups[1 + (j % (GROUPS - 1))] : null;
    if (group) group.invites.push(email);
    invites.push({
      email,
      email_key: email.toLowerCase(),
      via: group ? { type: 'group', group_id: group.id, group_name: group.name } : { type: 'direct' },
    });
  }

  const startedAt = at(100); // older than the 90-day interval: review overdue
  return {
    document_version: 1,
    workspace: { id: 'ws-bench', name: 'Bench Corp', slug: 'bench-corp', region: 'us' },
    collected_at: iso(nowMs),
    ...(withNs ? { collected_at_ns: ns(nowMs) } : {}),
    source: { kind: 'api', api_url: 'https://api.segmentapis.com' },
    complete: true,
    coverage: {
      users: true,
      groups: 'complete',
      invites: true,
      audit: 'not_requested',
      identity: true,
      identity_sources: ['okta'],
      hr: true,
      reviews: true,
    },
    roles: ROLES.map(([id, name]) => ({ id, name, description: `${name} role` })),
    labels: LABELS,
    users: list,
    groups,
    invites,
    reviews: {
      campaigns: [
        {
          id: 'q3-review',
          started_at: iso(startedAt),
          ...(withNs ? { started_at_ns: ns(startedAt) } : {}),
          due_at: iso(startedAt + 30 * DAY_MS),
          ...(withNs ? { due_at_ns: ns(startedAt + 30 * DAY_MS) } : {}),
          decisions,
        },
      ],
    },
  };
}
