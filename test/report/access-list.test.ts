import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/access-list.js';
import { ACCESS_LIST_COLUMNS, renderAccessList, safeCell } from '../../src/report/index.js';
import { makeDocument } from './fixtures.js';

describe('renderAccessList', () => {
  const text = renderAccessList(makeDocument());
  const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./__golden__/access-list.csv');
  });

  it('grant columns describe the row, user_* columns the person; a resource name is given when it was read', () => {
    const li = rows.filter((r) => r.user_id === 'u_li');
    expect(li.map((r) => [r.role, r.resource_id, r.resource_name, r.user_is_owner])).toEqual([
      ['Source Read-only', 'src_ios', '', 'false'], // no name read: empty, never invented
      ['Source Read-only', 'src_web', 'Web <script>alert(1)</script> site', 'false'],
      ['Workspace Member', 'ws_7Qe2xK', '', 'false'],
    ]);
    // an owner's flag repeats on each of their rows; the owner grants themselves are the Workspace Owner rows
    const owners = rows.filter((r) => r.user_is_owner === 'true');
    expect(new Set(owners.map((r) => r.user_id))).toEqual(new Set(['u_ana', 'u_bob']));
    expect(rows.filter((r) => r.role === 'Workspace Owner' && r.kind === 'user').map((r) => r.user_id)).toEqual([
      'u_ana',
      'u_bob',
    ]);
  });

  it('is UTF-8 with a BOM and parses back to the same values', () => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(Object.keys(rows[0]!)).toEqual([...ACCESS_LIST_COLUMNS]);
    const sean = rows.find((r) => r.user_id === 'u_sean')!;
    expect(sean).toMatchObject({
      name: 'O\'Brien, Seán "the Admin"',
      role: 'Source Admin',
      resource_type: 'SOURCE',
      resource_id: 'src_web',
      labels: 'env:prod;team:web, mobile',
      granted_via: 'group',
      group_name: 'Data, Eng',
      identity_status: 'active',
      mfa: 'enrolled',
      hr_status: 'terminated',
      review_campaign: 'c-2026-q3',
      review_decision: 'revoke', // the later of two decisions in the newest campaign
      reviewer: 'cto@acme.example',
    });
    expect(rows.find((r) => r.user_id === 'u_bob')!.name).toBe('Bob\nBuilder');
    expect(rows.filter((r) => r.user_id === 'u_li').map((r) => [r.role, r.resource_id])).toEqual([
      ['Source Read-only', 'src_ios'],
      ['Source Read-only', 'src_web'],
      ['Workspace Member', 'ws_7Qe2xK'],
    ]);
  });

  it('gives users without permissions one row, and never invents missing facts', () => {
    const eve = rows.filter((r) => r.user_id === 'u_formula');
    expect(eve).toHaveLength(1);
    expect(eve[0]).toMatchObject({
      role: '',
      identity_status: 'no_record',
      hr_status: 'no_record',
      review_decision: 'not_reviewed',
    });
    const li = rows.find((r) => r.user_id === 'u_li')!;
    expect(li).toMatchObject({
      identity_status: 'no_record',
      mfa: 'no_record',
      review_decision: 'not_reviewed',
      review_campaign: 'c-2026-q3',
    });
    const doc = makeDocument();
    doc.coverage.identity = false;
    doc.reviews = null;
    doc.users = doc.users.map((u) => ({ ...u, identity: null }));
    const bare: Record<string, string>[] = parse(renderAccessList(doc), { bom: true, columns: true });
    expect(bare[0]).toMatchObject({
      identity_status: 'not_provided',
      mfa: 'not_provided',
      review_decision: 'not_provided',
    });
  });

  it('neutralises spreadsheet formulas', () => {
    expect(rows.find((r) => r.user_id === 'u_formula')!.name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'ok', ''].map(safeCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      'ok',
      '',
    ]);
  });

  it('lists pending invites', () => {
    const invites = rows.filter((r) => r.kind === 'invite');
    expect(invites.map((r) => [r.email, r.granted_via, r.role])).toEqual([
      ['new.hire@acme.example', 'direct', ''],
      ['temp@acme.example', 'group', 'Source Admin'],
    ]);
  });

  it('is deterministic', () => {
    const doc = makeDocument();
    doc.users.reverse();
    expect(renderAccessList(doc)).toBe(text);
  });
});

describe('toCsv', () => {
  it('writes the same bytes as csv-stringify with the options it replaced', () => {
    const cell = fc.string({
      unit: fc.oneof(
        fc.constantFrom(',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", ' ', '\ufeff'),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (records) => {
        const columns = ['a', 'b,c', 'd"e'];
        const before = stringify(
          records.map((r) => r.map(safeCell)),
          { header: true, columns, bom: true, record_delimiter: 'unix', quoted_match: /[\r\n]/ },
        );
        expect(toCsv(columns, records)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
