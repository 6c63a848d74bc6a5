/** The example workspace's identity, HR and review fixtures, joined end to end (what fixtures/example/README.md promises). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrichDocument } from '../../src/enrich/enrich.js';
import type { AccessDocument } from '../../src/model/document.js';
import { EXAMPLE, makeDoc } from './helpers.js';

function exampleDoc(): AccessDocument {
  const ws = JSON.parse(readFileSync(`${EXAMPLE}segment-workspace.json`, 'utf8')) as {
    users: { id: string; email: string }[];
  };
  const doc = makeDoc(ws.users.map((u) => u.email));
  doc.users.forEach((u, i) => {
    u.id = ws.users[i]!.id;
  });
  return doc;
}

const ALL = [
  'google-users.csv',
  'entra-users.csv',
  'entra-mfa.json',
  'entra-signins.json',
  'okta-users.json',
  'okta-factors.json',
  'generic.csv',
];

describe('example workspace fixtures', () => {
  it('combine to the outcomes the README describes', async () => {
    const doc = exampleDoc();
    const before = JSON.stringify(doc);
    const { document, join, inputs } = await enrichDocument(doc, {
      identity: ALL.map((f) => ({ file: `${EXAMPLE}identity/${f}` })),
      hr: { file: `${EXAMPLE}hr-roster.csv` },
      reviews: { file: `${EXAMPLE}reviews.yaml` },
    });
    expect(JSON.stringify(doc)).toBe(before);
    const view = Object.fromEntries(
      document.users.map((u) => [
        u.email,
        u.identity
          ? [
              u.identity.status,
              u.identity.mfa,
              u.identity.last_sign_in,
              u.identity.sources.map((s) => s.source + (s.matched_by === 'alias' ? '(alias)' : '')).join(' '),
            ]
          : null,
      ]),
    );
    expect(view).toEqual({
      'alice.nguyen@acme.com': ['active', 'enrolled', '2026-11-20T09:14:27Z', 'generic google okta'],
      'bob.martin@acme.com': ['active', 'not_enrolled', '2026-11-21T08:05:00Z', 'entra generic google okta'],
      'carol.diaz@acme.com': ['active', 'enrolled', '2026-11-24T16:02:11Z', 'entra generic'],
      'dan.okafor@acme.com': ['inactive', 'enrolled', '2026-10-30T17:00:00Z', 'generic google'],
      'erin.kim@acme.com': ['active', 'enrolled', '2026-11-18T12:00:00Z', 'entra generic google'],
      'frank.li@acme.com': ['active', 'enrolled', '2026-11-25T08:45:00Z', 'generic google okta'],
      'grace.hopper@acme.com': ['active', 'enrolled', '2026-05-14T10:00:00Z', 'entra generic google'],
      'henry.wu@acme.com': ['active', 'enrolled', '2026-11-02T14:20:00Z', 'generic(alias) okta(alias)'],
      'isabel.garcia@acme.com': ['active', 'not_enrolled', '2026-11-26T11:00:00Z', 'google'],
      'jack.taylor@acme.com': ['active', 'not_enrolled', '2026-11-10T09:00:00Z', 'generic google'],
      'kate.brown@acme.com': ['inactive', 'enrolled', '2026-09-01T10:00:00Z', 'generic okta'],
      'leo.schmidt@acme.com': ['active', 'not_enrolled', 'never', 'generic google okta'],
      'ops@acme.com': ['active', 'enrolled', '2026-11-03T07:30:00Z', 'generic google'],
      'freelancer@agency.io': null,
    });
    const erinEntra = document.users
      .find((u) => u.email === 'erin.kim@acme.com')!
      .identity!.sources.find((s) => s.source === 'entra')!;
    expect([erinEntra.mfa, erinEntra.last_sign_in]).toEqual(['unknown', null]);
    const opsGeneric = document.users
      .find((u) => u.email === 'ops@acme.com')!
      .identity!.sources.find((s) => s.source === 'generic')!;
    expect([opsGeneric.mfa, opsGeneric.last_sign_in]).toEqual(['unknown', null]);

    const hr = Object.fromEntries(
      document.users.map((u) => [u.email, u.hr ? `${u.hr.employment_status} ${u.hr.termination_date}` : null]),
    );
    expect(hr).toMatchObject({
      'dan.okafor@acme.com': 'terminated 2026-10-31',
      'isabel.garcia@acme.com': 'terminated 2026-12-15',
      'kate.brown@acme.com': 'leave null',
      'alice.nguyen@acme.com': 'active null',
      'ops@acme.com': null,
      'freelancer@agency.io': null,
    });

    expect(document.coverage).toMatchObject({
      identity: true,
      identity_sources: ['entra', 'generic', 'google', 'okta'],
      hr: true,
      reviews: true,
    });
    expect(document.reviews!.campaigns.map((c) => [c.id, c.started_at, c.decisions.length])).toEqual([
      ['2026-Q2', '2026-04-01T00:00:00Z', 4],
      ['2026-Q3', '2026-07-01T00:00:00Z', 13],
    ]);
    const q3 = document.reviews!.campaigns[1]!.decisions;
    expect(q3.filter((d) => d.subject_key === d.reviewer_key).map((d) => d.subject_email)).toEqual([
      'carol.diaz@acme.com',
    ]);
    expect(document.users.filter((u) => !q3.some((d) => d.subject_key === u.email_key)).map((u) => u.email)).toEqual([
      'kate.brown@acme.com',
    ]);

    const bySource = Object.fromEntries(join.identity!.sources.map((s) => [s.source, s]));
    expect(join.identity!.unmatched_users).toEqual(['freelancer@agency.io']);
    expect(bySource.okta!.conflicts.map((c) => [c.email, c.records.map((r) => r.record_id)])).toEqual([
      ['jack.taylor@acme.com', ['00u1jacktaylor00005', '00u1jtaylortest0006']],
    ]);
    expect(bySource.okta!.via_alias).toEqual(['henry.wu@acme.com']);
    expect(bySource.generic!.probable.map((p) => [p.email, p.candidates[0]!.address])).toEqual([
      ['isabel.garcia@acme.com', 'isabel.garcia+contractor@acme.com'],
    ]);
    expect(bySource.entra).toMatchObject({
      files: ['entra-mfa.json', 'entra-signins.json', 'entra-users.csv'],
      records: 6,
      matched: 4,
      unmatched_records: 2,
    });
    expect(join.hr).toMatchObject({
      matched: 12,
      unmatched_records: 2,
      unmatched_users: ['freelancer@agency.io', 'ops@acme.com'],
    });
    expect(join.reviews!.subjects_not_in_workspace).toEqual(['mallory.former@acme.com']);
    expect(inputs.map((i) => [i.kind, i.format])).toEqual([
      ['identity', 'google'],
      ['identity', 'entra'],
      ['identity', 'entra-mfa'],
      ['identity', 'entra-signins'],
      ['identity', 'okta'],
      ['identity', 'okta-factors'],
      ['identity', 'generic'],
      ['hr', 'hr-template'],
      ['reviews', 'reviews-yaml'],
    ]);
    expect(inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
  });

  it('the CSV review file says the same as the YAML one', async () => {
    const doc = exampleDoc();
    const yaml = await enrichDocument(doc, { identity: [], reviews: { file: `${EXAMPLE}reviews.yaml` } });
    const csv = await enrichDocument(doc, { identity: [], reviews: { file: `${EXAMPLE}reviews.csv` } });
    expect(csv.document.reviews).toEqual(yaml.document.reviews);
  });

  it('leaves data untouched for inputs not given, and recomputes given ones from scratch', async () => {
    const first = await enrichDocument(exampleDoc(), {
      identity: [{ file: `${EXAMPLE}identity/generic.csv` }],
      hr: { file: `${EXAMPLE}hr-roster.csv` },
    });
    const again = await enrichDocument(first.document, { identity: [] });
    expect(again.document.users).toEqual(first.document.users);
    expect(again.join).toEqual({ users: 14, identity: null, hr: null, reviews: null });
    expect(again.inputs).toEqual([]);
    const redo = await enrichDocument(first.document, { identity: [{ file: `${EXAMPLE}identity/okta-users.json` }] });
    expect(redo.document.users.find((u) => u.email === 'ops@acme.com')!.identity).toBeNull();
    expect(redo.document.users.find((u) => u.email === 'dan.okafor@acme.com')!.hr).not.toBeNull();
    expect(redo.document.coverage.identity_sources).toEqual(['okta']);
  });

  it('fails with one InputError line for a missing file', async () => {
    await expect(enrichDocument(exampleDoc(), { identity: [{ file: '/nonexistent/okta.json' }] })).rejects.toThrow(
      /^\/nonexistent\/okta\.json: no such file$/,
    );
  });
});
