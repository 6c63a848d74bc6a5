import { describe, expect, it } from 'vitest';
import { detectFormat, parseIdentity } from '../../src/enrich/identity/detect.js';
import { parseGenericCsv } from '../../src/enrich/identity/generic-csv.js';
import { parseJumpCloud } from '../../src/enrich/identity/jumpcloud.js';
import { errorOf, fixture } from './helpers.js';

describe('JumpCloud', () => {
  it('reads the systemusers sample', () => {
    const rows = parseJumpCloud('j.json', fixture('ref-jumpcloud.json'));
    expect(rows.map((r) => [r.primary[0], r.status, r.mfa, r.last_sign_in])).toEqual([
      ['ana.silva@example.com', 'active', 'enrolled', null],
      ['ben.cho@example.com', 'active', 'not_enrolled', null],
      ['chloe.martin@example.com', 'inactive', 'enrolled', null],
      ['dev.patel@example.com', 'active', 'not_enrolled', null],
      ['maria.okafor@example.com', 'active', 'enrolled', null],
    ]);
  });
  it('reports unknown states', () => {
    expect(
      errorOf(() => parseJumpCloud('j.json', '{"results": [\n{"_id": "1", "email": "a@x.com", "state": "GONE"}]}')),
    ).toBe('j.json:2: results[0].state "GONE" is not a known state; expected ACTIVATED, STAGED or SUSPENDED');
  });
});

describe('generic CSV', () => {
  it('reads all columns, reordered, with extra columns, BOM-free text and upper-case addresses', () => {
    const text =
      'aliases,Last_Sign_In,email,extra,mfa_enrolled,status\n"a1@x.com; A2@X.com",2026-11-02T14:20:00Z,ANA@X.COM,z,TRUE,Active\n,never,b@x.com,,,inactive\n,,c@x.com,,false,active\n';
    expect(parseGenericCsv('g.csv', text).map((r) => [r.primary, r.aliases, r.status, r.mfa, r.last_sign_in])).toEqual([
      [['ANA@X.COM'], ['a1@x.com', 'A2@X.com'], 'active', 'enrolled', '2026-11-02T14:20:00Z'],
      [['b@x.com'], [], 'inactive', 'unknown', 'never'],
      [['c@x.com'], [], 'active', 'not_enrolled', null],
    ]);
  });
  it('reports every malformed cell with line and column', () => {
    const head = 'email,status,mfa_enrolled,last_sign_in,aliases';
    expect(errorOf(() => parseGenericCsv('g.csv', `${head}\na@x.com,disabled,,,\n`))).toBe(
      'g.csv:2:2: status "disabled" is not a known status; expected active or inactive',
    );
    expect(errorOf(() => parseGenericCsv('g.csv', `${head}\na@x.com,active,yes,,\n`))).toBe(
      'g.csv:2:3: mfa_enrolled "yes" is not valid; expected true, false or empty (unknown)',
    );
    expect(errorOf(() => parseGenericCsv('g.csv', `${head}\na@x.com,active,,2026-11-02,\n`))).toMatch(
      /^g\.csv:2:4: last_sign_in "2026-11-02" is not an RFC 3339 time/,
    );
    expect(errorOf(() => parseGenericCsv('g.csv', 'mail,status\n'))).toMatch(
      /^g\.csv:1: missing required column "email"/,
    );
  });
});

describe('format detection', () => {
  it.each([
    ['ref-google.csv', 'google'],
    ['google-38.csv', 'google'],
    ['ref-entra-users.csv', 'entra'],
    ['ref-entra-mfa.json', 'entra-mfa'],
    ['ref-entra-signins.json', 'entra-signins'],
    ['ref-okta-users.json', 'okta'],
    ['ref-okta-factors.json', 'okta-factors'],
    ['ref-okta-mfa-usage.csv', 'okta-mfa-usage'],
    ['ref-jumpcloud.json', 'jumpcloud'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(name, fixture(name))).toBe(format);
  });
  it('recognises the generic CSV, refuses unknown files and HR rosters, honours --identity-format', () => {
    expect(detectFormat('g.csv', 'email,status\n')).toBe('generic');
    expect(errorOf(() => detectFormat('x.csv', 'a,b\n1,2\n'))).toMatch(
      /^x\.csv:1: cannot recognise the identity export format; expected one of google, entra, entra-mfa/,
    );
    expect(errorOf(() => detectFormat('hr.csv', fixture('ref-hr-template.csv')))).toMatch(/looks like an HR roster/);
    expect(errorOf(() => parseIdentity('x.csv', 'a\n', 'x.csv', 'azure'))).toMatch(
      /--identity-format "azure" for x\.csv is not a known format/,
    );
    expect(parseIdentity('x.csv', 'Email Address [Required]\na@x.com\n', 'x.csv', 'google').format).toBe('google');
    expect(errorOf(() => parseIdentity('x.csv', 'email,status\n', 'x.csv', 'google'))).toMatch(
      /missing required column "Email Address \[Required\]"/,
    );
  });
});
