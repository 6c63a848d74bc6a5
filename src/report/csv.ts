/**
 * The CSV writer: BOM, LF record ends, RFC 4180 quoting, formula cells neutralised. A cell holding a carriage
 * return is quoted as well as one holding a line feed: spreadsheets end a row at a bare CR too, so
 * `carol\r=1+2@acme.com` unquoted would start a new row with a live formula. (The same bytes as csv-stringify
 * with `quoted_match: /[\r\n]/`, test/report/access-list.test.ts checks; written here, one string per row,
 * because csv-stringify's per-cell option handling took seconds on large workspaces.)
 */
import { ChunkedText } from './chunked-text.js';

/** Neutralise spreadsheet formulas (CSV injection): a cell starting with = + - @, a tab or a CR gets a ' before it. */
export function safeCell(value: string): string {
  return formulaStart(value.charCodeAt(0)) ? `'${value}` : value;
}

/** = + - @ tab CR (NaN, the first unit of an empty text, is none of them). */
const formulaStart = (unit: number) =>
  unit === 0x3d || unit === 0x2b || unit === 0x2d || unit === 0x40 || unit === 0x09 || unit === 0x0d;

const QUOTED = /[",\n\r]/;

/** One cell as written: neutralised (unless a header), and quoted when it must be. */
export function csvCell(cell: string, neutralise = true): string {
  const value = neutralise ? safeCell(cell) : cell;
  return QUOTED.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, cells joined by commas (see csvCell). */
export function csvRecord(cells: readonly string[], neutralise = true): string {
  let out = '';
  for (let i = 0; i < cells.length; i += 1)
    out += i === 0 ? csvCell(cells[i] ?? '', neutralise) : `,${csvCell(cells[i] ?? '', neutralise)}`;
  return out;
}

/** A whole CSV file: BOM, the header (not neutralised), each record cut to the header's width, LF after each. */
export function toCsv(columns: readonly string[], records: readonly string[][]): string {
  const out = new ChunkedText();
  out.push(`\uFEFF${csvRecord(columns, false)}`);
  for (const r of records) {
    out.push('\n');
    out.push(csvRecord(r.length > columns.length ? r.slice(0, columns.length) : r));
  }
  out.push('\n');
  return out.text();
}
