/**
 * The `_ns` numbers (src/enrich/time.ts, time-ns.ts), property-tested:
 *   - toNanos (digit by digit for the forms uar-check writes) gives what toNanosByDate (regular expressions and
 *     Date.parse) gives, for any text: leap days, bad days, hours 24, second 60, offsets, fractions of 0 to 10
 *     digits, lower-case t/z, years before 1900 or after 9999, garbage;
 *   - withTimeNs (each user built once, joins put in place) gives, key order included, what the earlier two
 *     steps gave: the enrich stage's user copy, then a copy per `_ns` (kept below as the oracle);
 *   - a `_ns` read from the document is never kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNanos, toNanosByDate } from '../../src/enrich/time.js';
import { type Joined, withTimeNs } from '../../src/enrich/time-ns.js';
import type { AccessDocument, Campaign, Decision, User } from '../../src/model/document.js';

const RUNS = 2000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Times near the canonical form, every field sometimes out of range, every separator sometimes another one. */
const timeText = fc
  .record({
    y: fc.oneof(fc.integer({ min: 1890, max: 2110 }), fc.constantFrom(1899, 1900, 2000, 2100, 2400, 9999, 0, 10000)),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{0,10}$/)),
    t: fc.constantFrom('T', 'T', 't', ' ', 'x'),
    zone: fc.constantFrom('Z', 'Z', 'Z', 'z', '+00:00', '-05:30', '+14:00', '', 'UTC', '+2400'),
    dash: fc.constantFrom('-', '-', '-', '/'),
    dayOnly: fc.boolean(),
  })
  .map(({ y, mo, d, h, mi, s, fraction, t, zone, dash, dayOnly }) => {
    const day = `${pad(y, 4)}${dash}${pad(mo, 2)}-${pad(d, 2)}`;
    return dayOnly ? day : `${day}${t}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction}${zone}`;
  });
/** One character of a valid time changed, dropped or doubled. */
const damaged = fc
  .tuple(
    fc.constantFrom('2024-02-29T23:59:59.999Z', '2026-11-28T00:00:00Z', '2026-11-28', '2023-03-13T19:15:41.6195833Z'),
    fc.nat(),
    fc.constantFrom('', '0', '9', ':', '.', '-', 'Z', 'T', ' ', '\u0660', '\n'),
  )
  .map(([text, at, c]) => {
    const i = at % text.length;
    return text.slice(0, i) + c + text.slice(i + (at % 3 === 0 ? 0 : 1));
  });

describe('toNanos', () => {
  it('gives what toNanosByDate gives, for times near the canonical form, damaged times and any text', () => {
    fc.assert(
      fc.property(fc.oneof(timeText, damaged, fc.string({ maxLength: 32 })), (text) => {
        expect(toNanos(text)).toBe(toNanosByDate(text));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('known values: leap days, fractions, days, null', () => {
    expect(toNanos('1970-01-01T00:00:00Z')).toBe(0);
    expect(toNanos('2024-02-29T12:00:00Z')).toBe(Date.parse('2024-02-29T12:00:00Z') * 1e6);
    expect(toNanos('2023-02-29T12:00:00Z')).toBeNull();
    expect(toNanos('2100-02-29')).toBeNull();
    expect(toNanos('2000-02-29')).toBe(Date.parse('2000-02-29T00:00:00Z') * 1e6);
    expect(toNanos('2026-11-28T12:00:00.5Z')).toBe((Date.parse('2026-11-28T12:00:00Z') + 500) * 1e6);
    expect(toNanos('2026-11-28T12:00:00.123456789Z')).toBe((Date.parse('2026-11-28T12:00:00Z') + 123) * 1e6 + 456789);
    expect(toNanos('2026-11-28T13:00:00+01:00')).toBe(Date.parse('2026-11-28T12:00:00Z') * 1e6);
    for (const text of ['never', '', null, undefined, '2026-11-28T24:00:00Z', '1899-12-31']) {
      expect(toNanos(text)).toBeNull();
    }
  });
});

// ---- the earlier code, as the oracle: enrich.ts's user copy, then time-ns.ts's copies --------------------------

function nsAfterBefore<T extends object>(obj: T, key: keyof T & string): T {
  const nsKey = `${key}_ns`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === nsKey) continue;
    out[k] = v;
    if (k === key) out[nsKey] = toNanosByDate(v as string | null);
  }
  return out as T;
}
function withTimeNsBefore(doc: AccessDocument, { identities, ambiguous, hr }: Joined): AccessDocument {
  const joinedUsers = doc.users.map((user, i) => {
    const { identity_ambiguous: earlier, ...rest } = user;
    const unclear = ambiguous ? (ambiguous[i] ?? []) : (earlier ?? []);
    return {
      ...rest,
      identity: identities ? identities[i]! : user.identity,
      hr: hr ? hr[i]! : user.hr,
      ...(unclear.length > 0 ? { identity_ambiguous: unclear } : {}),
    };
  });
  const userNs = (user: User): User => {
    const identity = user.identity && nsAfterBefore(user.identity, 'last_sign_in');
    const hrNs = user.hr && nsAfterBefore(user.hr, 'termination_date');
    return { ...nsAfterBefore(user, 'last_activity'), identity, hr: hrNs };
  };
  const campaignNs = (campaign: Campaign): Campaign => {
    const decisions = campaign.decisions.map((d: Decision) => nsAfterBefore(d, 'decided_at'));
    return { ...nsAfterBefore(nsAfterBefore(campaign, 'started_at'), 'due_at'), decisions };
  };
  const reviews = doc.reviews && { ...doc.reviews, campaigns: doc.reviews.campaigns.map(campaignNs) };
  return { ...nsAfterBefore(doc, 'collected_at'), users: joinedUsers.map(userNs), reviews };
}

// ---- documents: users with members in any order, some missing, stale `_ns` values ------------------------------

const time = fc.oneof(timeText, fc.constantFrom(null, 'never', '2026-11-28T12:00:00Z'));
const staleNs = fc.option(fc.oneof(fc.integer(), fc.constant(1.5)), { nil: undefined });
/** A `_ns` that is stale, missing, or (RIGHT) the value computed from its text: then it may be kept as it is. */
const RIGHT = Symbol('right');
const NOT_JOINED: Joined = { identities: null, ambiguous: null, hr: null };
const someNs = fc.oneof(staleNs, fc.constant(RIGHT), fc.constant(-0));
const nsOf = (ns: unknown, text: unknown) => (ns === RIGHT ? toNanosByDate(text as string | null) : ns);
const shuffled = (entries: [string, unknown][], order: number[]) =>
  Object.fromEntries(
    entries
      .filter(([, v]) => v !== undefined)
      .map((e, i) => [order[i % order.length]! * 100 + i, e] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, e]) => e),
  );
const order = fc.array(fc.nat(5), { minLength: 1, maxLength: 4 });
const identity = fc.option(
  fc.record({ t: time, ns: someNs, o: order }).map(({ t, ns, o }) =>
    shuffled(
      [
        ['status', 'active'],
        ['last_sign_in', t],
        ['last_sign_in_ns', nsOf(ns, t)],
        ['mfa', 'unknown'],
        ['sources', []],
      ],
      o,
    ),
  ),
  { nil: null },
);
const hr = fc.option(
  fc.record({ t: fc.oneof(timeText, fc.constant(null)), ns: someNs, o: order }).map(({ t, ns, o }) =>
    shuffled(
      [
        ['employment_status', 'active'],
        ['termination_date', t],
        ['termination_date_ns', nsOf(ns, t)],
        ['file', 'hr.csv'],
      ],
      o,
    ),
  ),
  { nil: null },
);
const ambiguousList = fc.array(fc.constant({ source: 'okta', records: [] }), { maxLength: 2 });
const user = fc
  .record({
    id: fc.string({ maxLength: 3 }),
    identity: fc.option(identity, { nil: undefined }),
    hr: fc.option(hr, { nil: undefined }),
    last_activity: fc.option(time, { nil: undefined }),
    last_activity_ns: someNs,
    identity_ambiguous: fc.option(ambiguousList, { nil: undefined }),
    o: order,
  })
  .map(({ o, ...members }) => {
    const ns = nsOf(members.last_activity_ns, members.last_activity);
    return shuffled(Object.entries({ ...members, last_activity_ns: ns }), o) as unknown as User;
  });
/** Users as the collector writes them (its members, in its order), some with a member more at the end. */
const collectedUser = fc
  .record({
    identity,
    hr,
    last_activity: time,
    more: fc.option(fc.tuple(fc.constantFrom('last_activity_ns', 'identity_ambiguous', 'x'), someNs)),
  })
  .map(
    ({ identity, hr, last_activity, more }) =>
      ({
        id: 'u1',
        email: 'A@acme.com',
        email_key: 'a@acme.com',
        name: 'A',
        permissions: [],
        groups: [],
        effective_roles: [],
        is_owner: false,
        is_admin: false,
        identity,
        hr,
        last_activity,
        ...(more
          ? {
              [more[0]]:
                more[0] === 'identity_ambiguous' ? [{ source: 'okta', records: [] }] : nsOf(more[1], last_activity),
            }
          : {}),
      }) as unknown as User,
  );
const campaign = fc.record({ s: time, due: time, ns: someNs, decided: fc.array(time, { maxLength: 3 }), o: order }).map(
  ({ s, due, ns, decided, o }) =>
    shuffled(
      [
        ['id', 'c'],
        ['started_at', s],
        ['started_at_ns', nsOf(ns, s)],
        ['due_at', due],
        ['due_at_ns', nsOf(ns, due)],
        ['decisions', decided.map((d) => ({ subject_key: 'a', decided_at: d, decided_at_ns: nsOf(ns, d) }))],
      ],
      o,
    ) as unknown as Campaign,
);
const documentAndJoins = fc
  .record({
    users: fc.array(fc.oneof(user, collectedUser), { maxLength: 4 }),
    collected: time,
    campaigns: fc.option(fc.array(campaign, { maxLength: 2 }), { nil: null }),
    joinIdentity: fc.boolean(),
    joinHr: fc.boolean(),
    identities: fc.array(identity, { minLength: 4, maxLength: 4 }),
    hrs: fc.array(hr, { minLength: 4, maxLength: 4 }),
    ambiguous: fc.array(ambiguousList, { minLength: 3, maxLength: 4 }),
  })
  .map(({ users, collected, campaigns, joinIdentity, joinHr, identities, hrs, ambiguous }) => {
    const doc = {
      document_version: 1,
      collected_at: collected,
      collected_at_ns: 7,
      users,
      reviews: campaigns && { campaigns },
    } as unknown as AccessDocument;
    const joined = {
      identities: joinIdentity ? identities.slice(0, users.length) : null,
      ambiguous: joinIdentity ? ambiguous : null, // shorter than users: a missing entry is "none"
      hr: joinHr ? hrs.slice(0, users.length) : null,
    } as Joined;
    return { doc, joined };
  });

describe('withTimeNs', () => {
  it('gives what the earlier two steps gave, key order included, and leaves its input alone', () => {
    const kept = { users: 0, identities: 0, campaigns: 0 };
    fc.assert(
      fc.property(documentAndJoins, ({ doc, joined }) => {
        const input = JSON.stringify(doc);
        const got = withTimeNs(doc, joined);
        expect(JSON.stringify(got)).toBe(JSON.stringify(withTimeNsBefore(doc, joined)));
        expect(got).toEqual(withTimeNsBefore(doc, joined));
        expect(JSON.stringify(doc)).toBe(input);
        got.users.forEach((u, i) => {
          if (u === doc.users[i]) kept.users++;
          if (u.identity && u.identity === doc.users[i]!.identity) kept.identities++;
        });
        got.reviews?.campaigns.forEach((c, i) => {
          if (c === doc.reviews!.campaigns[i]) kept.campaigns++;
        });
      }),
      { numRuns: RUNS },
    );
    // Members already right are kept as they are, sometimes (the shortcuts are tested, not only the copies).
    expect(kept.users).toBeGreaterThan(0);
    expect(kept.identities).toBeGreaterThan(10);
    expect(kept.campaigns).toBeGreaterThan(10);
  });

  it('gives back the users, identities, HR records and campaigns of a document it already gave', () => {
    fc.assert(
      fc.property(documentAndJoins, ({ doc, joined }) => {
        const once = withTimeNs(doc, joined);
        const twice = withTimeNs(once);
        expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
        twice.users.forEach((u, i) => {
          expect(u).toBe(once.users[i]);
        });
        twice.reviews?.campaigns.forEach((c, i) => {
          expect(c).toBe(once.reviews!.campaigns[i]);
        });
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it('treats an own __proto__ member (JSON.parse makes one) as it did', () => {
    const doc = JSON.parse(
      JSON.stringify({
        collected_at: 'never',
        collected_at_ns: null,
        users: [
          { id: 'a', identity: null, hr: null, last_activity: null, last_activity_ns: null, PROTO: 1 },
          { id: 'b', PROTO: 1, identity: null, hr: null, last_activity: null, last_activity_ns: null },
        ],
        reviews: { campaigns: [{ id: 'c', started_at: 'never', started_at_ns: null, PROTO: 1, decisions: [] }] },
      }).replace(/"PROTO"/g, '"__proto__"'),
    ) as AccessDocument;
    expect(Object.keys(doc.users[0]!)).toContain('__proto__');
    const got = withTimeNs(doc);
    expect(JSON.stringify(got)).toBe(JSON.stringify(withTimeNsBefore(doc, NOT_JOINED)));
  });

  it('never keeps a `_ns` read from the document', () => {
    const doc = {
      collected_at: 'never',
      collected_at_ns: 1,
      users: [{ last_activity: null, last_activity_ns: 2, identity: null, hr: null }],
      reviews: null,
    } as unknown as AccessDocument;
    const got = withTimeNs(doc);
    expect(got.collected_at_ns).toBeNull();
    expect(got.users[0]!.last_activity_ns).toBeNull();
  });
});
