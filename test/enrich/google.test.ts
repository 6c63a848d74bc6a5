import { describe, expect, it } from 'vitest';
import { parseGoogleCsv } from '../../src/enrich/identity/google-csv.js';
import { errorOf, fixture } from './helpers.js';

const pick = (r: ReturnType<typeof parseGoogleCsv>[number]) => [r.primary[0], r.status, r.mfa, r.last_sign_in, r.line];

describe('Google "Download users" CSV', () => {
  it('reads the 34-column reference sample', () => {
    expect(parseGoogleCsv('g.csv', fixture('ref-google.csv')).map(pick)).toEqual([
      ['ana.silva@example.com', 'active', 'enrolled', '2024-05-02T09:14:27Z', 2],
      ['ben.cho@example.com', 'active', 'not_enrolled', 'never', 3],
      ['chloe.martin@example.com', 'inactive', 'enrolled', '2024-02-28T17:03:55Z', 4],
      ['dev.patel@example.com', 'active', 'not_enrolled', '2024-05-03T22:41:06Z', 5],
      ['maria.okafor@example.com', 'active', 'enrolled', '2024-05-03T08:00:12Z', 6],
    ]);
  });

  it('reads the 38-column layout the same way', () => {
    expect(parseGoogleCsv('g.csv', fixture('google-38.csv')).map(pick)).toEqual(
      parseGoogleCsv('g.csv', fixture('ref-google.csv')).map(pick),
    );
  });

  it('finds columns by name in any order, with extra columns, ISO dates, any-case booleans, other status words', () => {
    const text = [
      'Extra,2sv Enrolled [READ ONLY],Last Sign In [READ ONLY],Status [READ ONLY],Email Address [Required],First Name [Required]',
      'x,TRUE,2026-11-02T10:00:00Z,Archived,ZOË.Müller@Example.COM,"Zoë, ""Z"""',
      'y,false,never logged in,Active,"b@x.com",Multi',
      ',,,,,',
    ].join('\n');
    const rows = parseGoogleCsv('g.csv', text);
    expect(rows.map(pick)).toEqual([
      ['ZOË.Müller@Example.COM', 'inactive', 'enrolled', '2026-11-02T10:00:00Z', 2],
      ['b@x.com', 'active', 'not_enrolled', 'never', 3],
    ]);
    expect(rows[0]!.id).toBeNull();
  });

  it('treats absent optional columns as unknown', () => {
    const [r] = parseGoogleCsv('g.csv', 'Email Address [Required]\na@x.com\n');
    expect([r!.status, r!.mfa, r!.last_sign_in]).toEqual(['unknown', 'unknown', null]);
  });

  it('reports malformed files with file, line and column', () => {
    expect(errorOf(() => parseGoogleCsv('users.csv', 'First Name [Required],Status [READ ONLY]\nAna,Active\n'))).toBe(
      'users.csv:1: missing required column "Email Address [Required]"; this Google "Download users" file needs it in the header',
    );
    expect(
      errorOf(() =>
        parseGoogleCsv(
          'users.csv',
          'Email Address [Required],Last Sign In [READ ONLY]\na@x.com,2024/05/02 09:14:27\nb@x.com,yesterday\n',
        ),
      ),
    ).toBe(
      'users.csv:3:2: Last Sign In [READ ONLY] "yesterday" is not a time; expected e.g. 2024/05/02 09:14:27, an ISO-8601 time, or "Never logged in"',
    );
    expect(
      errorOf(() => parseGoogleCsv('users.csv', 'Email Address [Required],2sv Enrolled [READ ONLY]\na@x.com,Yes\n')),
    ).toMatch(/^users\.csv:2:2: 2sv Enrolled \[READ ONLY\] "Yes" is not True or False/);
    expect(errorOf(() => parseGoogleCsv('users.csv', 'Email Address [Required],X\n,1\n'))).toMatch(
      /^users\.csv:2:1: Email Address \[Required\] is empty/,
    );
  });
});
