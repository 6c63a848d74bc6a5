import { describe, expect, it } from 'vitest';
import { parseReviews } from '../../src/enrich/reviews.js';
import { errorOf } from './helpers.js';

const yaml = `campaigns:
  - id: 2026-Q4
    started_at: 2026-10-01
    due_at: 2026-10-31
    decisions:
      - { subject: Ana@Acme.com, reviewer: bo@acme.com, decision: keep, decided_at: 2026-10-05, justification: "Needs it, still" }
      - subject: cy@acme.com
        reviewer: bo@acme.com
        decision: Revoke
        decided_at: 2026-10-02T09:30:00+02:00
  - id: 2026-Q3
    started_at: 2026-07-01T00:00:00Z
    decisions: []
`;

describe('review decisions', () => {
  it('reads YAML: dates to RFC 3339, keys, campaigns by start, decisions by time', () => {
    const { format, campaigns } = parseReviews('reviews.yaml', yaml);
    expect(format).toBe('reviews-yaml');
    expect(campaigns.map((c) => [c.id, c.started_at, c.due_at, c.decisions.length])).toEqual([
      ['2026-Q3', '2026-07-01T00:00:00Z', null, 0],
      ['2026-Q4', '2026-10-01T00:00:00Z', '2026-10-31T00:00:00Z', 2],
    ]);
    expect(campaigns[1]!.decisions).toEqual([
      {
        subject_email: 'cy@acme.com',
        subject_key: 'cy@acme.com',
        reviewer_email: 'bo@acme.com',
        reviewer_key: 'bo@acme.com',
        decision: 'revoke',
        decided_at: '2026-10-02T07:30:00Z',
        justification: null,
      },
      {
        subject_email: 'Ana@Acme.com',
        subject_key: 'ana@acme.com',
        reviewer_email: 'bo@acme.com',
        reviewer_key: 'bo@acme.com',
        decision: 'keep',
        decided_at: '2026-10-05T00:00:00Z',
        justification: 'Needs it, still',
      },
    ]);
  });

  it('reads CSV with CRLF-free text, quoted justifications, and the same result shape', () => {
    const csv =
      'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification\n2026-Q4,2026-10-01,Ana@Acme.com,bo@acme.com,KEEP,2026-10-05,"Needs it, still"\n2026-Q4,2026-10-01,cy@acme.com,bo@acme.com,revoke,2026-10-02T07:30:00Z,\n';
    const { format, campaigns } = parseReviews('reviews.csv', csv);
    expect(format).toBe('reviews-csv');
    expect(campaigns[0]!.decisions).toEqual(parseReviews('r.yaml', yaml).campaigns[1]!.decisions);
  });

  it('reports malformed CSV rows with line and column', () => {
    const head = 'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification';
    expect(errorOf(() => parseReviews('r.csv', `${head}\nQ4,2026-10-01,a@x.com,b@x.com,approve,2026-10-05,\n`))).toBe(
      'r.csv:2:5: decision "approve" is not a known decision; expected keep, revoke or modify',
    );
    expect(errorOf(() => parseReviews('r.csv', `${head}\nQ4,2026-10-01,a@x.com,b@x.com,keep,10/05/2026,\n`))).toBe(
      'r.csv:2:6: decided_at "10/05/2026" is not a date; expected YYYY-MM-DD or an RFC 3339 time such as 2026-10-05T14:00:00Z',
    );
    expect(
      errorOf(() =>
        parseReviews(
          'r.csv',
          `${head}\nQ4,2026-10-01,a@x.com,b@x.com,keep,2026-10-05,\nQ4,2026-10-02,c@x.com,b@x.com,keep,2026-10-05,\n`,
        ),
      ),
    ).toMatch(/^r\.csv:3:2: campaign_started_at 2026-10-02T00:00:00Z differs/);
    expect(errorOf(() => parseReviews('r.csv', 'campaign,subject_email\n'))).toMatch(
      /^r\.csv:1: missing required column "campaign_started_at"/,
    );
    expect(errorOf(() => parseReviews('r.csv', `${head}\nQ4,2026-10-01,,b@x.com,keep,2026-10-05,\n`))).toBe(
      'r.csv:2:3: subject_email is empty; every decision needs it',
    );
  });

  it('reports malformed YAML with the line', () => {
    expect(errorOf(() => parseReviews('r.yaml', yaml.replace('decision: Revoke', 'decision: approve')))).toBe(
      'r.yaml:9: decision "approve" is not a known decision; expected keep, revoke or modify',
    );
    expect(
      errorOf(() =>
        parseReviews(
          'r.yaml',
          yaml.replace(
            'reviewer: bo@acme.com\n        decision: Revoke',
            'reviwer: bo@acme.com\n        decision: Revoke',
          ),
        ),
      ),
    ).toBe(
      'r.yaml:8: unknown key "reviwer"; expected one of subject, reviewer, decision, decided_at, justification, subject_name, roles, access, reviewer_basis',
    );
    expect(errorOf(() => parseReviews('r.yaml', yaml.replace('started_at: 2026-10-01', 'started_at: next week')))).toBe(
      'r.yaml:3: started_at "next week" is not a date; expected YYYY-MM-DD or an RFC 3339 time such as 2026-10-05T14:00:00Z',
    );
    expect(errorOf(() => parseReviews('r.yaml', 'campaigns: [\n'))).toMatch(/^r\.yaml:\d+: not valid YAML/);
    expect(errorOf(() => parseReviews('r.yaml', 'reviews: []\n'))).toBe(
      'r.yaml:1: expected a top-level "campaigns:" list',
    );
    expect(
      errorOf(() =>
        parseReviews(
          'r.yaml',
          'campaigns:\n  - id: A\n    started_at: 2026-01-01\n  - id: A\n    started_at: 2026-02-01\n',
        ),
      ),
    ).toBe('r.yaml:4: campaign "A" appears twice; expected unique campaign ids');
  });

  it('reads a worksheet row nobody decided yet as a started campaign without that decision', () => {
    const head =
      'campaign,campaign_started_at,snapshot_sha256,subject_email,roles,reviewer_email,reviewer_basis,decision,decided_at,justification';
    const csv = `${head}\nQ4,2026-10-01,abc,a@x.com,Workspace Owner,b@x.com,HR manager_email,keep,2026-10-05,\nQ4,2026-10-01,abc,c@x.com,Source Admin,,no reviewer,,,\n`;
    const { campaigns } = parseReviews('w.csv', csv);
    expect(campaigns.map((c) => [c.id, c.decisions.map((d) => d.subject_key)])).toEqual([['Q4', ['a@x.com']]]);
    // half-filled rows are still errors
    expect(errorOf(() => parseReviews('w.csv', `${head}\nQ4,2026-10-01,abc,a@x.com,,b@x.com,,keep,,\n`))).toBe(
      'w.csv:2:9: decided_at is empty; every decision needs it',
    );
    const sheet = `campaigns:
  - id: Q4
    started_at: 2026-10-01
    snapshot_sha256: abc
    workspace: acme
    decisions:
      - { subject: a@x.com, subject_name: A, roles: Owner, access: Owner on the workspace (direct), reviewer: b@x.com, reviewer_basis: HR manager_email, decision: keep, decided_at: 2026-10-05, justification: }
      - { subject: c@x.com, reviewer: , decision: , decided_at: , justification: }
`;
    expect(parseReviews('w.yaml', sheet).campaigns[0]!.decisions.map((d) => d.subject_key)).toEqual(['a@x.com']);
  });
});
