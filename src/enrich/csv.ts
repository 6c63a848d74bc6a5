/**
 * The shared CSV reader: csv-parse over text already decoded by read-input (BOM removed, LF line ends).
 * Quoted commas and newlines work; rows may be shorter or longer than the header (missing cells read as "");
 * empty rows and rows whose every cell is blank are skipped. Columns are found by header name (a name that
 * appears twice is refused: which copy is meant cannot be known), and every row keeps the line it starts on, so
 * errors can say `file:line:column`. A file that has a header but no rows is "given but empty": readers refuse
 * it with `requireRows` rather than let a control read "nobody" as "everybody checked".
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

export function readCsv(file: string, text: string): CsvTable {
  let parsed: Parsed[];
  try {
    parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (cause) {
    const err = cause as { lines?: number; message?: string };
    const detail = (err.message ?? 'cannot parse').replace(/^Invalid Record Length: /, '');
    throw new InputError(file, `not a valid CSV file: ${detail}`, { cause, line: err.lines });
  }
  const [head, ...body] = parsed;
  if (!head) throw new InputError(file, 'the file is empty; expected a CSV header row');
  const header = head.record.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.toLowerCase();
    if (key === '') return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        file,
        `column "${name}" appears twice in the header (columns ${first + 1} and ${index + 1}); remove or rename one copy`,
        { line: 1, column: index + 1 },
      );
    }
    seen.set(key, index);
  });
  const rows: CsvRow[] = [];
  for (const p of body) {
    if (p.record.every((c) => c.trim() === '')) continue;
    // info.lines is the line the record ends on; newlines inside quoted cells tell where it starts
    let inner = 0;
    for (const c of p.record) inner += countNewlines(c);
    rows.push({ line: p.info.lines - inner, cells: p.record });
  }
  return { file, header, rows };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Refuses a table without data rows: "given but empty" must never read as "nothing to report". */
export function requireRows(table: CsvTable, what: string, fix = 'export it again, or leave the flag out'): void {
  if (table.rows.length === 0) throw new InputError(table.file, `the ${what} has a header but no rows; ${fix}`);
}

/** Index of a column by exact header name (case-insensitive, trimmed), or -1. */
export function findColumn(table: CsvTable, name: string): number {
  const want = name.toLowerCase();
  return table.header.findIndex((h) => h.toLowerCase() === want);
}

/** Like findColumn, but a missing column is an InputError on line 1. */
export function requireColumn(table: CsvTable, name: string, what = 'file'): number {
  const index = findColumn(table, name);
  if (index === -1) {
    throw new InputError(table.file, `missing required column "${name}"; this ${what} needs it in the header`, {
      line: 1,
    });
  }
  return index;
}

/** The trimmed cell (or "" when the column is absent or the row is short). */
export function cell(row: CsvRow, index: number): string {
  return index < 0 ? '' : (row.cells[index] ?? '').trim();
}

/** An InputError at a row's line and a column's 1-based position. */
export function cellError(table: CsvTable, row: CsvRow, index: number, detail: string): InputError {
  return new InputError(table.file, detail, { line: row.line, column: index + 1 });
}
