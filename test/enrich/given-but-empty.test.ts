/**
 * Inputs that are given but say nothing (a header without rows, an empty export), inputs whose header names a
 * column twice, and cells with control characters: each is refused with one line naming the file, never read
 * as "nobody to report".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/enrich/csv.js';
import { enrichDocument } from '../../src/enrich/enrich.js';
import { parseHr } from '../../src/enrich/hr.js';
import { parseIdentity } from '../../src/enrich/identity/detect.js';
import { decodeText } from '../../src/enrich/read-input.js';
import { parseReviews } from '../../src/enrich/reviews.js';
import { printable } from '../../src/shared/printable.js';
import { errorOf, makeDoc } from './helpers.js';

const HR_HEAD = 'work_email,employee_id,employment_status,termination_date,manager_email,worker_type\n';
const REVIEWS_HEAD = 'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification\n';

describe('given but empty', () => {
  it('refuses a header-only HR roster, and one where no row has a work email', () => {
    expect(errorOf(() => parseHr('hr.csv', HR_HEAD))).toMatch(
      /^hr\.csv: the HR roster template has a header but no rows/,
    );
    expect(errorOf(() => parseHr('hr.csv', `${HR_HEAD},E1,active,,,\n`))).toMatch(/^hr\.csv: no row has a work_email/);
  });

  it('refuses a header-only reviews CSV and a reviews YAML without decisions', () => {
    expect(errorOf(() => parseReviews('r.csv', REVIEWS_HEAD))).toMatch(
      /^r\.csv: the review decisions CSV has a header/,
    );
    expect(errorOf(() => parseReviews('r.yaml', 'campaigns: []\n'))).toMatch(/^r\.yaml: has no review decisions/);
    expect(
      errorOf(() => parseReviews('r.yaml', 'campaigns:\n  - id: Q4\n    started_at: 2026-10-01\n    decisions: []\n')),
    ).toMatch(/^r\.yaml: has no review decisions/);
  });

  it.each([
    ['generic.csv', 'email,status,mfa_enrolled,last_sign_in,aliases\n'],
    ['google.csv', 'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY]\n'],
    ['okta.json', '[]'],
    ['entra-mfa.json', '{"value": []}'],
  ])('refuses an identity export without users: %s', (file, text) => {
    const format = file.startsWith('entra-mfa') ? 'entra-mfa' : undefined;
    expect(errorOf(() => parseIdentity(file, text, file, format))).toMatch(
      new RegExp(`^${file}: .*(no users|no rows)`),
    );
  });
});

describe('duplicate header columns', () => {
  it('are refused naming the column and both positions', () => {
    expect(errorOf(() => readCsv('f.csv', 'email,status,Email\na,b,c\n'))).toBe(
      'f.csv:1:3: column "Email" appears twice in the header (columns 1 and 3); remove or rename one copy',
    );
    expect(
      errorOf(() => parseHr('hr.csv', 'work_email,employment_status,employment_status\na@x.com,active,terminated\n')),
    ).toMatch(/^hr\.csv:1:3: column "employment_status" appears twice/);
    expect(
      errorOf(() =>
        parseReviews(
          'r.csv',
          'campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,reviewer_email\nQ,2026-10-01,a@x.com,b@x.com,keep,2026-10-02,a@x.com\n',
        ),
      ),
    ).toMatch(/^r\.csv:1:7: column "reviewer_email" appears twice/);
  });

  it('blank header cells (trailing commas) are not duplicates', () => {
    expect(readCsv('f.csv', 'a,b,,\n1,2,,\n').header).toEqual(['a', 'b', '', '']);
  });
});

describe('messages stay one line', () => {
  it('a cell with a newline, a carriage return or an escape sequence is printed as one line', () => {
    const text = decodeText(Buffer.from('work_email,employment_status\na@x.com,"act\nive\r\u001b[31mX\t"\n'));
    const message = printable(errorOf(() => parseHr('hr.csv', text)));
    expect(message).toMatch(/^hr\.csv:2:2: employment_status "act ive \[31mX ?" is not a known status/);
    expect([...message].some((c) => c < ' ')).toBe(false);
  });
});

describe('truncated JSON exports', () => {
  it('name the line and column instead of "cannot recognise the format"', () => {
    const okta = '[\n  {"id": "00u1", "status": "ACTIVE", "profile": {"login": "a@x.com"';
    expect(errorOf(() => parseIdentity('okta.json', okta, 'okta.json'))).toMatch(/^okta\.json:2:\d+: not valid JSON/);
    const entra = '{"value": [\n {"userPrincipalName": "a@x.com", "accountEnabled": tr';
    expect(errorOf(() => parseIdentity('entra.json', entra, 'entra.json'))).toMatch(
      /^entra\.json:2:\d+: not valid JSON/,
    );
  });
});

describe('big identity exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uar-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an export of 130,000 rows is read without overflowing the stack', async () => {
    const rows = ['email,status'];
    for (let i = 0; i < 130_000; i++) rows.push(`user${i}@acme.com,active`);
    const file = join(dir, 'generic.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const { join: summary } = await enrichDocument(makeDoc(['user7@acme.com', 'nobody@acme.com']), {
      identity: [{ file }],
    });
    expect(summary.identity?.matched_any).toBe(1);
  });
});
