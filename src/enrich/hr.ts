/**
 * HR rosters. The neutral template is
 *   work_email,employee_id,employment_status,termination_date,manager_email,worker_type
 * (`work_email` and `employment_status` required; the rest optional). Any other layout (BambooHR, Rippling,
 * Workday reports) goes through a mapping from the config file: `columns` names the file's header for each
 * field, and `status_synonyms` maps the file's words to active | leave | terminated (case-insensitive; the
 * three words themselves are always accepted). `termination_date` is `YYYY-MM-DD`; blank and `0000-00-00`
 * mean none. Rows without a work email are skipped and counted (a personal email never grants a match).
 */

import { InputError } from '../errors.js';
import type { HrRecord } from '../model/document.js';
import { addressKey } from './address.js';
import { cell, cellError, findColumn, readCsv, requireColumn, requireRows } from './csv.js';
import { parseDay } from './time.js';

type HrField =
  | 'work_email'
  | 'employee_id'
  | 'employment_status'
  | 'termination_date'
  | 'manager_email'
  | 'worker_type';
type HrStatus = HrRecord['employment_status'];

/** Same shape as the config file's `inputs.hr_mapping` (src/config/config-schema.ts). */
export interface HrMapping {
  columns: { work_email: string; employment_status: string } & Partial<Record<HrField, string>>;
  status_synonyms?: Record<string, HrStatus>;
}

export interface HrRow {
  key: string;
  line: number;
  record: HrRecord;
}

export interface HrRoster {
  format: 'hr-template' | 'hr-mapped';
  rows: HrRow[];
  rows_without_email: number;
}

const STATUSES: HrStatus[] = ['active', 'leave', 'terminated'];

export function parseHr(file: string, text: string, name = file, mapping?: HrMapping): HrRoster {
  const table = readCsv(file, text);
  const header = (field: HrField): string => mapping?.columns[field] ?? field;
  const what = mapping ? 'HR roster (per hr_mapping)' : 'HR roster template';
  const email = requireColumn(table, header('work_email'), what);
  const status = requireColumn(table, header('employment_status'), what);
  const optional = (field: HrField): number => {
    const index = findColumn(table, header(field));
    if (index === -1 && mapping?.columns[field]) requireColumn(table, header(field), what);
    return index;
  };
  const [employeeId, termination, manager, workerType] = (
    ['employee_id', 'termination_date', 'manager_email', 'worker_type'] as const
  ).map(optional);
  requireRows(table, what, 'export the roster again, or leave --hr out (controls that need HR data are then unknown)');
  const words = new Map<string, HrStatus>(STATUSES.map((s) => [s, s]));
  for (const [word, value] of Object.entries(mapping?.status_synonyms ?? {}))
    words.set(word.trim().toLowerCase(), value);
  const expected = [...words.keys()].join(', ');
  const rows: HrRow[] = [];
  let withoutEmail = 0;
  for (const row of table.rows) {
    const address = cell(row, email);
    if (!address) {
      withoutEmail++;
      continue;
    }
    const word = cell(row, status);
    const employment = words.get(word.toLowerCase());
    if (!employment) {
      throw cellError(
        table,
        row,
        status,
        `${header('employment_status')} "${word}" is not a known status; expected one of ${expected}${mapping ? '' : ' (or map other words with inputs.hr_mapping.status_synonyms)'}`,
      );
    }
    const dateText = cell(row, termination!);
    let date: string | null = null;
    if (dateText !== '' && dateText !== '0000-00-00') {
      date = parseDay(dateText);
      if (date === null)
        throw cellError(
          table,
          row,
          termination!,
          `${header('termination_date')} "${dateText}" is not a date; expected YYYY-MM-DD (blank or 0000-00-00 for none)`,
        );
    }
    rows.push({
      key: addressKey(address),
      line: row.line,
      record: {
        employment_status: employment,
        termination_date: date,
        employee_id: cell(row, employeeId!) || null,
        manager_email: cell(row, manager!) || null,
        worker_type: cell(row, workerType!) || null,
        file: name,
      },
    });
  }
  if (rows.length === 0) {
    throw new InputError(
      file,
      `no row has a ${header('work_email')}; the roster cannot tell who works here (check the column mapping, or export it again)`,
    );
  }
  return { format: mapping ? 'hr-mapped' : 'hr-template', rows, rows_without_email: withoutEmail };
}
