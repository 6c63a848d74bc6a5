/**
 * The HR join (exact work-email key; `+tag`-only matches are probable and not used; two rows with the same
 * key are a conflict and the user gets `hr: null`), and the summary of a review file against the users.
 */
import type { Campaign, HrRecord, User } from '../model/document.js';
import type { HrJoin, RecordRef, ReviewsJoin } from '../model/join-summary.js';
import { compareText } from '../shared/order.js';
import type { HrRoster, HrRow } from './hr.js';
import { sortSummary } from './join.js';
import { AddressIndex } from './join-index.js';

export function joinHr(
  users: readonly User[],
  roster: HrRoster,
  file: string,
): { records: (HrRecord | null)[]; summary: HrJoin } {
  const index = new AddressIndex<HrRow>();
  for (const row of roster.rows) index.add(row.key, row);
  const hit = new Set<HrRow>();
  const summary: HrJoin = {
    file,
    format: roster.format,
    rows: roster.rows.length + roster.rows_without_email,
    rows_without_email: roster.rows_without_email,
    matched: 0,
    probable: [],
    conflicts: [],
    unmatched_users: [],
    unmatched_records: 0,
  };
  const ref = (row: HrRow): RecordRef => ({
    record_id: row.record.employee_id,
    origin: `${row.record.file}:${row.line}`,
    address: row.key,
  });
  const records = users.map((user): HrRecord | null => {
    const found = index.find(user.email_key);
    for (const row of found) hit.add(row);
    if (found.length === 1) {
      summary.matched++;
      return found[0]!.record;
    }
    summary.unmatched_users.push(user.email);
    if (found.length > 1) summary.conflicts.push({ email: user.email, user_id: user.id, records: found.map(ref) });
    else {
      const probable = index.findProbable(user.email_key);
      if (probable.length > 0)
        summary.probable.push({ email: user.email, user_id: user.id, rule: 'plus-tag', candidates: probable.map(ref) });
    }
    return null;
  });
  summary.unmatched_records = roster.rows.length - hit.size;
  return { records, summary: sortSummary(summary) };
}

export function summariseReviews(
  users: readonly User[],
  campaigns: Campaign[],
  file: string,
  format: string,
): ReviewsJoin {
  const keys = new Set(users.map((u) => u.email_key));
  const outside = new Set<string>();
  for (const c of campaigns) for (const d of c.decisions) if (!keys.has(d.subject_key)) outside.add(d.subject_email);
  return {
    file,
    format,
    campaigns: campaigns.map((c) => ({ id: c.id, started_at: c.started_at, decisions: c.decisions.length })),
    decisions: campaigns.reduce((n, c) => n + c.decisions.length, 0),
    subjects_not_in_workspace: [...outside].sort(compareText),
  };
}
