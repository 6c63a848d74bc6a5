/**
 * Property tests (fast-check) for the pieces every guarantee rests on: the CSV writer (any text round-trips
 * through a strict RFC 4180 parser, and no cell starts with a formula character), the person key used by the
 * self-approval check, and the identity join. Prints one count line at the end.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { emailPersonKey, parsePerson } from '../../src/config/person.js';
import { combineSource } from '../../src/enrich/identity/combine.js';
import { parseGenericCsv } from '../../src/enrich/identity/generic-csv.js';
import { joinIdentity } from '../../src/enrich/join.js';
import { safeCell, toCsv } from '../../src/report/access-list.js';
import { user } from '../enrich/helpers.js';

const RUNS = 300;
const counts = { properties: 0, runs: 0, failed: 0 };

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  counts.properties++;
  const result = fc.check(fc.property(arbitrary, predicate), { numRuns: RUNS });
  counts.runs += result.numRuns;
  if (result.failed) counts.failed++;
  fc.assert(fc.property(arbitrary, predicate), { numRuns: RUNS, seed: result.seed });
}

afterAll(() => {
  console.log(
    `property tests: ${counts.properties} properties, ${counts.runs} runs, ${counts.properties - counts.failed} passed, ${counts.failed} failed`,
  );
});

// Text weighted towards what breaks CSV and spreadsheets: separators, quotes, CR, LF, formula starters.
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ';', ' ', '\u2028', '\ufeff'),
    fc.constantFrom('a', 'Z', '0', 'é', '😀', 'ß'),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 12,
});

describe('CSV writer', () => {
  it('any cells round-trip through a strict RFC 4180 parser, row for row, and no cell starts a formula', () => {
    check(fc.array(fc.array(nasty, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (records) => {
      const text = toCsv(['a', 'b', 'c'], records);
      const parsed = parse(text, { bom: true, relax_column_count: false }) as string[][];
      expect(parsed).toEqual([['a', 'b', 'c'], ...records.map((r) => r.map(safeCell))]);
      for (const row of parsed) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      // a spreadsheet that ends rows at a bare CR as well sees the same number of rows outside quotes
      const outside = text.replace(/"(?:[^"]|"")*"/g, '');
      expect(outside.split(/\r\n|\r|\n/).length - 1).toBe(records.length + 1);
    });
  });

  it('the reported case: a bare CR before a formula stays inside its cell', () => {
    const text = toCsv(['email'], [['carol\r=1+2@acme.com']]);
    expect(text).toBe('\ufeffemail\n"carol\r=1+2@acme.com"\n');
  });
});

describe('person key', () => {
  const local = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/);
  const domain = fc.stringMatching(/^[a-z0-9]{1,8}\.(com|org|io)$/);
  const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '');
  const scramble = (s: string, rnd: number[]) =>
    [...s].map((c, i) => ((rnd[i % rnd.length] ?? 0) % 2 ? c.toUpperCase() : c)).join('');

  it('is the same for case, +tags, invisible characters and surrounding space; different mailboxes differ', () => {
    check(
      fc.record({
        local,
        domain,
        tag: fc.stringMatching(/^[a-z0-9]{0,6}$/),
        noise: invisible,
        flips: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        other: local,
      }),
      ({ local: l, domain: d, tag, noise, flips, other }) => {
        const plain = `${l}@${d}`;
        const key = emailPersonKey(plain);
        const variant = ` ${noise}${scramble(l, flips)}${tag ? `+${tag}` : ''}${noise}@${scramble(d, flips)} `;
        const person = parsePerson(variant);
        expect(person).toEqual({ kind: 'email', key });
        expect(emailPersonKey(key)).toBe(key); // idempotent
        if (other !== l) expect(emailPersonKey(`${other}@${d}`)).not.toBe(key);
      },
    );
  });
});

describe('identity join', () => {
  it('matches every listed user exactly once whatever the case and spacing, and never an unlisted one', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { minLength: 1, maxLength: 12 });
    check(
      fc.record({ names, listed: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), upper: fc.boolean() }),
      ({ names: list, listed, upper }) => {
        const users = list.map((n) => user(`${n}@acme.com`));
        const rows = list
          .filter((_, i) => listed[i])
          .map((n) => `  ${upper ? n.toUpperCase() : n}@ACME.com ,active,true,,`);
        if (rows.length === 0) return;
        const partials = parseGenericCsv(
          'g.csv',
          `email,status,mfa_enrolled,last_sign_in,aliases\n${rows.join('\n')}\n`,
        );
        const { identities, summary } = joinIdentity(users, [
          { source: 'generic', files: ['g.csv'], formats: ['generic'], records: combineSource(partials) },
        ]);
        identities.forEach((identity, i) => {
          expect(identity !== null).toBe(Boolean(listed[i]));
        });
        expect(summary.matched_any).toBe(rows.length);
      },
    );
  });
});
