import { describe, expect, it } from 'vitest';
import { combineSource } from '../../src/enrich/identity/combine.js';
import { parseOktaUsers } from '../../src/enrich/identity/okta.js';
import { parseOktaFactors, parseOktaMfaUsage } from '../../src/enrich/identity/okta-mfa.js';
import { errorOf, fixture } from './helpers.js';

describe('Okta', () => {
  it('reads the Users API sample: status words, lastLogin null → never, login/email/secondEmail', () => {
    const rows = parseOktaUsers('o.json', fixture('ref-okta-users.json'));
    expect(rows.map((r) => [r.id, r.status, r.last_sign_in, r.primary, r.aliases])).toEqual([
      ['00u1anasilva0000001', 'active', '2024-05-02T15:14:27Z', ['ana.silva@example.com', 'ana.silva@example.com'], []],
      ['00u1bencho000000002', 'active', 'never', ['ben.cho@example.com', 'ben.cho@example.com'], []],
      [
        '00u1chloemartin0003',
        'inactive',
        '2024-02-28T17:03:55Z',
        ['chloe.martin@example.com', 'chloe.martin@example.com'],
        [],
      ],
      [
        '00u1devpatel0000004',
        'inactive',
        '2024-04-30T22:41:06Z',
        ['dpatel', 'dev.patel@example.com'],
        ['dev.p+okta@example.com'],
      ],
      [
        '00u1mariaokafor0001',
        'active',
        '2024-05-03T08:00:12Z',
        ['Maria.Okafor@example.com', 'maria.okafor@example.com'],
        [],
      ],
    ]);
    expect(rows.every((r) => r.mfa === 'unknown')).toBe(true);
  });

  it('reads factors: ACTIVE non-question factor → enrolled; listed without one → not enrolled', () => {
    const rows = parseOktaFactors('f.json', fixture('ref-okta-factors.json'));
    expect(rows.map((r) => [r.id ?? r.principal, r.mfa])).toEqual([
      ['00u1anasilva0000001', 'enrolled'],
      ['00u1bencho000000002', 'not_enrolled'],
      ['Maria.Okafor@example.com', 'enrolled'],
      ['00u1devpatel0000004', 'not_enrolled'],
    ]);
    const listShape = parseOktaFactors(
      'f.json',
      JSON.stringify([
        { userId: '00uX', factors: [] },
        { login: 'a@x.com', factors: [{ factorType: 'push', status: 'ACTIVE' }] },
      ]),
    );
    expect(listShape.map((r) => [r.id, r.principal, r.mfa])).toEqual([
      ['00uX', null, 'not_enrolled'],
      [null, 'a@x.com', 'enrolled'],
    ]);
    const linked = parseOktaFactors(
      'f.json',
      JSON.stringify([
        { factorType: 'sms', status: 'ACTIVE', _links: { user: { href: 'https://x.okta.com/api/v1/users/00uABC' } } },
      ]),
    );
    expect(linked.map((r) => [r.id, r.mfa])).toEqual([['00uABC', 'enrolled']]);
  });

  it('reads the MFA Usage CSV: Password rows are not MFA, absent people stay unknown', () => {
    const rows = parseOktaMfaUsage('u.csv', fixture('ref-okta-mfa-usage.csv'));
    expect(rows.map((r) => [r.principal, r.mfa, r.line])).toEqual([
      ['ana.silva@example.com', 'enrolled', 2],
      ['Maria.Okafor@example.com', 'enrolled', 5],
      ['dpatel', 'not_enrolled', 6],
    ]);
  });

  it('combines users with factors by id and MFA usage by login', () => {
    const records = combineSource([
      ...parseOktaUsers('okta-users.json', fixture('ref-okta-users.json')),
      ...parseOktaMfaUsage('mfa.csv', fixture('ref-okta-mfa-usage.csv')),
    ]);
    expect(records.map((r) => [r.record_id, r.mfa])).toEqual([
      ['00u1anasilva0000001', 'enrolled'],
      ['00u1bencho000000002', 'unknown'],
      ['00u1chloemartin0003', 'unknown'],
      ['00u1devpatel0000004', 'not_enrolled'],
      ['00u1mariaokafor0001', 'enrolled'],
    ]);
  });

  it('reports malformed files with the JSON line', () => {
    const text =
      '[\n  {"id": "00u1", "status": "ACTIVE",\n   "lastLogin": "yesterday",\n   "profile": {"login": "a@x.com"}}\n]';
    expect(errorOf(() => parseOktaUsers('okta-users.json', text))).toBe(
      'okta-users.json:3: [0].lastLogin "yesterday" is not an ISO-8601 time; expected e.g. 2024-05-02T09:14:27.000Z or null',
    );
    expect(
      errorOf(() => parseOktaUsers('o.json', '[{"id": "1", "status": "GONE", "profile": {"login": "a"}}]')),
    ).toMatch(/^o\.json:1: \[0\]\.status "GONE" is not a known Okta status; expected one of ACTIVE/);
    expect(errorOf(() => parseOktaUsers('o.json', '{"id": 1}'))).toMatch(
      /^o\.json:1: \(top level\) is not a JSON array/,
    );
    expect(errorOf(() => parseOktaUsers('o.json', '[{"id": "1", "status": "ACTIVE"}]'))).toMatch(
      /\[0\]\.profile is missing/,
    );
    expect(errorOf(() => parseOktaFactors('f.json', '{"00u1": [{"factorType": "push", "status": "ON"}]}'))).toMatch(
      /^f\.json:1: 00u1\[0\]\.status is not a known factor status/,
    );
    expect(errorOf(() => parseOktaMfaUsage('m.csv', 'User,Login\nA,a\n'))).toMatch(
      /^m\.csv:1: missing required column "MFA Factor"/,
    );
  });
});
