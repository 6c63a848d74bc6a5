import { describe, expect, it } from 'vitest';
import { cell, readCsv, requireColumn } from '../../src/enrich/csv.js';
import { decodeText } from '../../src/enrich/read-input.js';
import { errorOf } from './helpers.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('readCsv', () => {
  it('handles BOM, CRLF, quoted commas and newlines, and keeps start lines', () => {
    const text = decodeText(
      bytes('\ufeffname,email\r\n"Silva, Ana",ana@x.com\r\n"Multi\r\nLine",b@x.com\r\nZoë Müller,z@x.com\r\n'),
    );
    const t = readCsv('f.csv', text);
    expect(t.header).toEqual(['name', 'email']);
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, 'Silva, Ana', 'ana@x.com'],
      [3, 'Multi\nLine', 'b@x.com'],
      [5, 'Zoë Müller', 'z@x.com'],
    ]);
  });

  it('skips empty lines and all-blank trailing rows, tolerates short and long rows', () => {
    const t = readCsv('f.csv', 'a,b\n1,2\n\n3\n4,5,6\n,\n , \n\n');
    expect(t.rows.map((r) => [r.line, cell(r, 1)])).toEqual([
      [2, '2'],
      [4, ''],
      [5, '5'],
    ]);
  });

  it('decodes UTF-16 with BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n', 'utf16le')]);
    expect(readCsv('f.csv', decodeText(buf)).rows[0]!.cells).toEqual(['1', '2']);
  });

  it('reports unclosed quotes and missing columns with file and line', () => {
    expect(errorOf(() => readCsv('f.csv', 'a,b\n1,"open\n2,3\n'))).toMatch(
      /^f\.csv:\d+: not a valid CSV file: Quote Not Closed/,
    );
    expect(errorOf(() => readCsv('f.csv', ''))).toBe('f.csv: the file is empty; expected a CSV header row');
    const t = readCsv('f.csv', 'a,b\n');
    expect(errorOf(() => requireColumn(t, 'email'))).toBe(
      'f.csv:1: missing required column "email"; this file needs it in the header',
    );
  });
});
