import { describe, expect, it } from 'vitest';
import { parseHr } from '../../src/enrich/hr.js';
import { combineSource } from '../../src/enrich/identity/combine.js';
import { parseGenericCsv } from '../../src/enrich/identity/generic-csv.js';
import type { SourceName } from '../../src/enrich/identity/record.js';
import { joinIdentity, type SourceInput } from '../../src/enrich/join.js';
import { joinHr } from '../../src/enrich/join-hr.js';
import { user } from './helpers.js';

const HEAD = 'email,status,mfa_enrolled,last_sign_in,aliases\n';

function source(name: SourceName, rows: string, file = `${name}.csv`): SourceInput {
  const partials = parseGenericCsv(file, HEAD + rows).map((p) => ({ ...p, source: name }));
  return { source: name, files: [file], formats: ['generic'], records: combineSource(partials) };
}

describe('identity join', () => {
  it('matches exactly on the key (case, NFC, spaces), through aliases, and reports +tag matches as probable only', () => {
    const users = [
      user('Ana@Acme.com'),
      user('bo@acme.com'),
      user('cy+segment@acme.com'),
      user('dee@acme.com'),
      user('Zoe\u0301@acme.com'),
    ];
    const { identities, summary } = joinIdentity(users, [
      source(
        'generic',
        ' ANA@acme.com ,active,true,2026-11-01T00:00:00Z,\nrobert@acme.com,active,false,,bo@acme.com\ncy@acme.com,active,true,,\ndee+okta@acme.com,active,true,,\nzoé@acme.com,active,,never,\n',
      ),
    ]);
    expect(identities.map((i) => i?.sources[0]?.matched_by ?? null)).toEqual([
      'primary',
      'alias',
      null,
      null,
      'primary',
    ]);
    expect(identities[0]).toEqual({
      status: 'active',
      mfa: 'enrolled',
      last_sign_in: '2026-11-01T00:00:00Z',
      sources: [
        {
          source: 'generic',
          files: ['generic.csv'],
          record_id: null,
          matched_by: 'primary',
          status: 'active',
          mfa: 'enrolled',
          last_sign_in: '2026-11-01T00:00:00Z',
        },
      ],
    });
    const s = summary.sources[0]!;
    expect([s.matched, s.via_alias, s.records, s.unmatched_records]).toEqual([3, ['bo@acme.com'], 5, 2]);
    expect(s.probable).toEqual([
      {
        email: 'cy+segment@acme.com',
        user_id: 'u-cy+segment@acme.com',
        rule: 'plus-tag',
        candidates: [{ record_id: null, origin: 'generic.csv:4', address: 'cy@acme.com' }],
      },
      {
        email: 'dee@acme.com',
        user_id: 'u-dee@acme.com',
        rule: 'plus-tag',
        candidates: [{ record_id: null, origin: 'generic.csv:5', address: 'dee+okta@acme.com' }],
      },
    ]);
    expect(summary.unmatched_users).toEqual(['cy+segment@acme.com', 'dee@acme.com']);
    expect(summary.matched_any).toBe(3);
  });

  it('treats an email matching two records of one source as a conflict: that source tells nothing', () => {
    const users = [user('ops@acme.com')];
    const { identities, summary } = joinIdentity(users, [
      source('okta', 'ops@acme.com,active,true,,\nana@acme.com,inactive,false,,ops@acme.com\n'),
      source('google', 'ops@acme.com,active,false,2026-10-01T00:00:00Z,\n'),
    ]);
    expect(summary.sources.map((s) => [s.source, s.matched, s.conflicts.length])).toEqual([
      ['google', 1, 0],
      ['okta', 0, 1],
    ]);
    expect(summary.sources[1]!.conflicts[0]!.records.map((r) => r.origin)).toEqual(['okta.csv:2', 'okta.csv:3']);
    expect(identities[0]!.sources.map((f) => f.source)).toEqual(['google']);
    expect(identities[0]!.mfa).toBe('not_enrolled');
  });

  it('marks the user ambiguous for that source (not absent), naming the records', () => {
    const users = [user('ops@acme.com'), user('solo@acme.com')];
    const { identities, ambiguous } = joinIdentity(users, [
      source('okta', 'ops@acme.com,active,true,,\nana@acme.com,inactive,false,,ops@acme.com\n'),
    ]);
    expect(identities[0]).toBeNull();
    expect(ambiguous[0]).toEqual([
      {
        source: 'okta',
        records: [
          { record_id: null, origin: 'okta.csv:2' },
          { record_id: null, origin: 'okta.csv:3' },
        ],
      },
    ]);
    expect(ambiguous[1]).toEqual([]);
  });

  it('combines sources: inactive wins, enrolled wins, latest sign-in wins, never only when all who know say never', () => {
    const emails = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com'];
    const { identities } = joinIdentity(
      emails.map((e) => user(e)),
      [
        source(
          'google',
          'a@x.com,active,false,2026-01-01T00:00:00Z,\nb@x.com,active,false,never,\nc@x.com,active,false,never,\nd@x.com,active,,,\n',
        ),
        source(
          'okta',
          'a@x.com,inactive,true,2026-03-01T00:00:00Z,\nb@x.com,active,,2026-02-01T00:00:00Z,\nc@x.com,active,,never,\nd@x.com,active,,,\n',
        ),
        source('generic', 'a@x.com,active,false,2025-01-01T00:00:00Z,\nb@x.com,active,false,,\nc@x.com,active,,,\n'),
      ],
    );
    expect(identities.map((i) => [i!.status, i!.mfa, i!.last_sign_in, i!.sources.map((s) => s.source)])).toEqual([
      ['inactive', 'enrolled', '2026-03-01T00:00:00Z', ['generic', 'google', 'okta']],
      ['active', 'not_enrolled', '2026-02-01T00:00:00Z', ['generic', 'google', 'okta']],
      ['active', 'not_enrolled', 'never', ['generic', 'google', 'okta']],
      ['active', 'unknown', null, ['google', 'okta']],
    ]);
  });

  it('is not fooled by dots or by two users sharing one record', () => {
    const { identities, summary } = joinIdentity(
      [user('a.b@acme.com'), user('ab@acme.com'), user('alias@acme.com')],
      [source('generic', 'ab@acme.com,active,,,alias@acme.com\n')],
    );
    expect(identities.map((i) => i?.sources[0]?.matched_by ?? null)).toEqual([null, 'primary', 'alias']);
    expect(summary.sources[0]!.probable).toEqual([]);
  });
});

describe('HR join', () => {
  it('matches work emails exactly, reports duplicates as conflicts and +tags as probable', () => {
    const roster = parseHr(
      'hr.csv',
      'work_email,employment_status,termination_date\nAna@acme.com,terminated,2026-10-31\nbo@acme.com,active,0000-00-00\nbo@acme.com,terminated,2025-01-01\ncy@acme.com,leave,\nzed@acme.com,active,\n',
    );
    const { records, summary } = joinHr(
      [user('ana@acme.com'), user('bo@acme.com'), user('cy+x@acme.com'), user('dee@acme.com')],
      roster,
      'hr.csv',
    );
    expect(records.map((r) => (r ? [r.employment_status, r.termination_date] : null))).toEqual([
      ['terminated', '2026-10-31'],
      null,
      null,
      null,
    ]);
    expect(summary).toMatchObject({
      file: 'hr.csv',
      format: 'hr-template',
      rows: 5,
      matched: 1,
      unmatched_users: ['bo@acme.com', 'cy+x@acme.com', 'dee@acme.com'],
      unmatched_records: 2,
    });
    expect(summary.conflicts.map((c) => [c.email, c.records.map((r) => r.origin)])).toEqual([
      ['bo@acme.com', ['hr.csv:3', 'hr.csv:4']],
    ]);
    expect(summary.probable.map((p) => [p.email, p.candidates[0]!.address])).toEqual([
      ['cy+x@acme.com', 'cy@acme.com'],
    ]);
  });
});
