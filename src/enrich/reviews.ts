/**
 * Review decisions, as CSV or YAML (chosen by extension: .yaml/.yml → YAML, .csv → CSV; otherwise by content).
 * CSV: `campaign,campaign_started_at,subject_email,reviewer_email,decision,decided_at,justification`
 * (justification and an extra `campaign_due_at` are optional; other columns, such as those a campaign worksheet
 * adds, are ignored). A row whose decision, decided_at and justification are all empty is not decided yet: it
 * counts its campaign as started but records no decision. YAML: see reviews-yaml.ts.
 * `decision` is keep | revoke | modify (any case); dates are `YYYY-MM-DD` (→ T00:00:00Z) or RFC 3339.
 * Campaigns are sorted by started_at (then id), decisions by decided_at (then subject, reviewer).
 */

import { InputError } from '../errors.js';
import type { Campaign } from '../model/document.js';
import { compareText } from '../shared/order.js';
import { cell, cellError, findColumn, readCsv, requireColumn, requireRows } from './csv.js';
import { DATE_EXPECTED, decisionWord, makeDecision } from './review-decision.js';
import { parseReviewsYaml } from './reviews-yaml.js';
import { parseDayOrInstant } from './time.js';

export interface ReviewFile {
  format: 'reviews-csv' | 'reviews-yaml';
  campaigns: Campaign[];
}

export function parseReviews(file: string, text: string): ReviewFile {
  const yaml = /\.ya?ml$/i.test(file) || (!/\.csv$/i.test(file) && !/^\s*campaign\s*,/i.test(text));
  const campaigns = yaml ? parseReviewsYaml(file, text) : parseReviewsCsv(file, text);
  if (campaigns.every((c) => c.decisions.length === 0)) {
    throw new InputError(
      file,
      'has no review decisions; a review file without decisions cannot show who reviewed what (export it again, or leave --reviews out)',
    );
  }
  return { format: yaml ? 'reviews-yaml' : 'reviews-csv', campaigns: sortCampaigns(campaigns) };
}

function parseReviewsCsv(file: string, text: string): Campaign[] {
  const table = readCsv(file, text);
  const what = 'review decisions CSV';
  const [campaign, started, subject, reviewer, decision, decided] = (
    ['campaign', 'campaign_started_at', 'subject_email', 'reviewer_email', 'decision', 'decided_at'] as const
  ).map((c) => requireColumn(table, c, what));
  requireRows(table, what);
  const justification = findColumn(table, 'justification');
  const due = findColumn(table, 'campaign_due_at');
  const campaigns = new Map<string, Campaign>();
  for (const row of table.rows) {
    const need = (index: number, label: string): string => {
      const value = cell(row, index);
      if (!value) throw cellError(table, row, index, `${label} is empty; every decision needs it`);
      return value;
    };
    const date = (index: number, label: string): string => {
      const value = parseDayOrInstant(need(index, label));
      if (value === null)
        throw cellError(table, row, index, `${label} "${cell(row, index)}" is not a date; ${DATE_EXPECTED}`);
      return value;
    };
    const id = need(campaign!, 'campaign');
    const startedAt = date(started!, 'campaign_started_at');
    const dueAt = cell(row, due) ? date(due, 'campaign_due_at') : null;
    let entry = campaigns.get(id);
    if (!entry) {
      entry = { id, started_at: startedAt, due_at: dueAt, decisions: [] };
      campaigns.set(id, entry);
    }
    if (entry.started_at !== startedAt) {
      throw cellError(
        table,
        row,
        started!,
        `campaign_started_at ${startedAt} differs from ${entry.started_at} given earlier for campaign "${id}"; expected one start per campaign`,
      );
    }
    entry.due_at ??= dueAt;
    // A worksheet row nobody has decided yet: the campaign counts as started, the user as not reviewed.
    if (!cell(row, decision!) && !cell(row, decided!) && !cell(row, justification)) continue;
    const word = decisionWord(need(decision!, 'decision'));
    if (!word)
      throw cellError(
        table,
        row,
        decision!,
        `decision "${cell(row, decision!)}" is not a known decision; expected keep, revoke or modify`,
      );
    entry.decisions.push(
      makeDecision(
        need(subject!, 'subject_email'),
        need(reviewer!, 'reviewer_email'),
        word,
        date(decided!, 'decided_at'),
        cell(row, justification),
      ),
    );
  }
  return [...campaigns.values()];
}

function sortCampaigns(campaigns: Campaign[]): Campaign[] {
  const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);
  return campaigns
    .map((c) => ({
      ...c,
      decisions: [...c.decisions].sort(
        (a, b) =>
          byTime(a.decided_at, b.decided_at) ||
          compareText(a.subject_key, b.subject_key) ||
          compareText(a.reviewer_key, b.reviewer_key),
      ),
    }))
    .sort((a, b) => byTime(a.started_at, b.started_at) || compareText(a.id, b.id));
}
