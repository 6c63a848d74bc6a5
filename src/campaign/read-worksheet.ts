/**
 * Reads filled (or partly filled) worksheets back, row by row, pending rows included: what `campaign status`
 * counts and what the access-change check compares. CSV by header name or YAML in the review file's layout;
 * `run --reviews` stays the strict reader of decisions, this one only refuses what it cannot count (a missing
 * column, an unknown decision word, a date that is not one), naming the file and line.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq } from 'yaml';
import { InputError } from '../errors.js';
import { parseYamlInput } from '../shared/yaml-input.js';

export type DecisionWord = 'keep' | 'revoke' | 'modify';

export interface WorksheetEntry {
  file: string;
  line: number;
  campaign: string;
  started_at: string;
  due_at: string | null;
  /** The snapshot the row was built from (null in a plain review file). */
  snapshot_sha256: string | null;
  subject_email: string;
  reviewer_email: string;
  /** null: not decided yet. */
  decision: DecisionWord | null;
  decided_at: string | null;
  /** The grants the reviewer was shown (null in a plain review file). */
  access: string | null;
}

const REQUIRED = ['campaign', 'campaign_started_at', 'subject_email', 'reviewer_email', 'decision', 'decided_at'];

/** A worksheet `campaign start` wrote (it records the grants shown), not a plain review file. */
export function isWorksheet(text: string): boolean {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.indexOf('\n') >>> 0).toLowerCase();
  if (/^\s*campaign\s*,/.test(header))
    return /(^|,)\s*access\s*(,|$)/.test(header) && header.includes('snapshot_sha256');
  return /^\s+snapshot_sha256:/m.test(body) && /^\s+access:/m.test(body);
}

/** By extension (.yaml/.yml → YAML), else by content, as the review readers choose. */
export function readWorksheet(file: string, text: string): WorksheetEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  const yaml = /\.ya?ml$/i.test(file) || (!/\.csv$/i.test(file) && !/^\s*campaign\s*,/i.test(body));
  const raw = yaml ? yamlRows(file, body) : csvRows(file, body);
  return raw.map((r) => entry(file, r));
}

interface RawRow {
  line: number;
  get(name: string): string;
  has(name: string): boolean;
}

function csvRows(file: string, text: string): RawRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (cause) {
    throw new InputError(file, `not a valid CSV file: ${(cause as Error).message}`, {
      cause,
      line: (cause as { lines?: number }).lines,
    });
  }
  const [head, ...rows] = records;
  if (!head) throw new InputError(file, 'the file is empty; expected a worksheet header row');
  const header = head.record.map((h) => h.trim().toLowerCase());
  for (const name of REQUIRED)
    if (!header.includes(name))
      throw new InputError(file, `missing required column "${name}"; a worksheet needs it in the header`, { line: 1 });
  return rows
    .filter((r) => r.record.some((c) => c.trim() !== ''))
    .map((r) => ({
      line: r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
      get: (name: string) => (r.record[header.indexOf(name)] ?? '').trim(),
      has: (name: string) => header.includes(name),
    }));
}

function yamlRows(file: string, text: string): RawRow[] {
  const { doc, lineOf } = parseYamlInput(file, text);
  const campaigns = isMap(doc.contents) ? doc.contents.get('campaigns', true) : undefined;
  if (!isSeq(campaigns)) throw new InputError(file, 'expected a top-level "campaigns:" list', { line: 1 });
  const text_ = (value: unknown) =>
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value).trim();
  const rows: RawRow[] = [];
  for (const c of campaigns.items) {
    if (!isMap(c)) continue;
    const campaign = (name: string) => text_(c.get(name));
    const decisions = c.get('decisions', true);
    for (const d of isSeq(decisions) ? decisions.items : []) {
      if (!isMap(d)) continue;
      const fields: Record<string, string> = {
        campaign: campaign('id'),
        campaign_started_at: campaign('started_at'),
        campaign_due_at: campaign('due_at'),
        snapshot_sha256: campaign('snapshot_sha256'),
        subject_email: text_(d.get('subject')),
        reviewer_email: text_(d.get('reviewer')),
        decision: text_(d.get('decision')),
        decided_at: text_(d.get('decided_at')),
        access: text_(d.get('access')),
      };
      const present = new Set(['campaign', 'campaign_started_at', 'subject_email', 'reviewer_email', 'decision']);
      if (c.has('snapshot_sha256')) present.add('snapshot_sha256');
      if (d.has('access')) present.add('access');
      rows.push({
        line: lineOf(d) ?? 0,
        get: (name) => fields[name] ?? '',
        has: (name) => present.has(name),
      });
    }
  }
  return rows;
}

function entry(file: string, row: RawRow): WorksheetEntry {
  const fail = (detail: string) => new InputError(file, detail, { line: row.line });
  const time = (name: string, required: boolean): string | null => {
    const value = row.get(name).replace(/\.000Z$/, 'Z');
    if (!value) {
      if (required) throw fail(`${name} is empty; every row needs it`);
      return null;
    }
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isFinite(ms)) throw fail(`${name} "${value}" is not a date; expected YYYY-MM-DD or an RFC 3339 time`);
    return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  };
  const word = row.get('decision').toLowerCase();
  if (word && !['keep', 'revoke', 'modify'].includes(word))
    throw fail(`decision "${row.get('decision')}" is not a known decision; expected keep, revoke or modify`);
  const subject = row.get('subject_email');
  if (!subject) throw fail('subject_email is empty; every row needs it');
  const campaign = row.get('campaign');
  if (!campaign) throw fail('campaign is empty; every row needs it');
  return {
    file,
    line: row.line,
    campaign,
    started_at: time('campaign_started_at', true)!,
    due_at: time('campaign_due_at', false),
    snapshot_sha256: row.has('snapshot_sha256') ? row.get('snapshot_sha256') || null : null,
    subject_email: subject,
    reviewer_email: row.get('reviewer_email'),
    decision: (word || null) as DecisionWord | null,
    decided_at: time('decided_at', false),
    access: row.has('access') ? row.get('access') : null,
  };
}
