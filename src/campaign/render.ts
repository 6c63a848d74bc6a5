/**
 * Worksheet files. CSV: UTF-8 with a BOM (Excel reads non-ASCII correctly), RFC 4180 quoting, LF line ends, the
 * campaign's id, start, due date, snapshot hash and workspace repeated on every row (so each file split per
 * reviewer carries them), and cells starting with = + - @ prefixed with ' so a spreadsheet never runs them as
 * formulas. YAML: the review file's `campaigns:` layout, one campaign whose decisions are the rows.
 */
import { stringify as csvStringify } from 'csv-stringify/sync';
import { stringify as yamlStringify } from 'yaml';
import { WORKSHEET_COLUMNS, type Worksheet } from './worksheet.js';

export type WorksheetFormat = 'csv' | 'yaml';

export function worksheetFormat(file: string): WorksheetFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'csv';
}

export function renderWorksheet(sheet: Worksheet, format: WorksheetFormat): string {
  return format === 'yaml' ? renderYaml(sheet) : renderCsv(sheet);
}

const safeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function renderCsv(sheet: Worksheet): string {
  const c = sheet.campaign;
  const records = sheet.rows.map((row) => {
    const cells: Record<(typeof WORKSHEET_COLUMNS)[number], string> = {
      campaign: c.id,
      campaign_started_at: c.started_at,
      campaign_due_at: c.due_at ?? '',
      snapshot_sha256: c.snapshot_sha256,
      workspace: c.workspace,
      ...row,
    };
    return WORKSHEET_COLUMNS.map((name) => safeCell(cells[name]));
  });
  return csvStringify(records, {
    header: true,
    columns: [...WORKSHEET_COLUMNS],
    bom: true,
    record_delimiter: 'unix',
  });
}

function renderYaml(sheet: Worksheet): string {
  const c = sheet.campaign;
  const blank = (v: string) => (v === '' ? null : v);
  const body = {
    campaigns: [
      {
        id: c.id,
        started_at: c.started_at,
        due_at: c.due_at,
        snapshot_sha256: c.snapshot_sha256,
        workspace: c.workspace,
        decisions: sheet.rows.map((r) => ({
          subject: r.subject_email,
          subject_name: r.subject_name,
          roles: r.roles,
          access: r.access,
          reviewer: blank(r.reviewer_email),
          reviewer_basis: r.reviewer_basis,
          decision: blank(r.decision),
          decided_at: blank(r.decided_at),
          justification: blank(r.justification),
        })),
      },
    ],
  };
  const head = [
    `# uar-check campaign worksheet: ${c.id} (workspace ${c.workspace})`,
    '# For each user, set decision (keep, revoke or modify), decided_at (YYYY-MM-DD) and a justification.',
    '# Leave both decision and decided_at empty for a user not decided yet. Then: uar-check run --reviews <this file>',
  ];
  return `${head.join('\n')}\n${yamlStringify(body, { nullStr: '', lineWidth: 0 })}`;
}
