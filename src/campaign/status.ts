/**
 * How far the newest campaign is: rows decided and pending per reviewer, reviewers still pending after the due
 * date, revoke decisions whose user still has access, and decisions on access that changed since the worksheet.
 * The last two need the workspace's current access (a snapshot or a live fetch); without it they are null
 * ("not checked"), never an empty list.
 */
import { type AccessDocument, emailKey } from '../model/document.js';
import { compareText } from '../shared/order.js';
import { type ChangedDecision, changedDecisions } from './changed.js';
import type { WorksheetEntry } from './read-worksheet.js';

export interface ReviewerProgress {
  reviewer: string;
  rows: number;
  decided: number;
  pending: number;
  overdue: boolean;
}

export interface CampaignStatus {
  campaign: { id: string; started_at: string; due_at: string | null; snapshot_sha256: string | null };
  evaluated_at: string;
  overdue: boolean;
  totals: { rows: number; decided: number; pending: number; keep: number; revoke: number; modify: number };
  reviewers: ReviewerProgress[];
  /** Revoke decisions whose user still has access; null without the current access. */
  revocations_pending: { subject_email: string; reviewer_email: string; decided_at: string | null }[] | null;
  /** Decisions on access that changed since the worksheet; null without the current access. */
  changed: ChangedDecision[] | null;
  /** Other campaigns found in the files (older, not counted). */
  other_campaigns: string[];
}

export function campaignStatus(entries: WorksheetEntry[], now: Date, current: AccessDocument | null): CampaignStatus {
  const newest = [...entries].sort(
    (a, b) => Date.parse(b.started_at) - Date.parse(a.started_at) || compareText(b.campaign, a.campaign),
  )[0];
  if (!newest) throw new Error('campaignStatus needs at least one worksheet row');
  const rows = entries.filter((e) => e.campaign === newest.campaign);
  const dueAt = rows.find((r) => r.due_at)?.due_at ?? null;
  const overdue = dueAt !== null && now.getTime() > Date.parse(dueAt);

  const byReviewer = new Map<string, ReviewerProgress>();
  for (const r of rows) {
    const key = r.reviewer_email ? emailKey(r.reviewer_email) : '';
    const p = byReviewer.get(key) ?? { reviewer: r.reviewer_email, rows: 0, decided: 0, pending: 0, overdue: false };
    p.rows += 1;
    if (r.decision) p.decided += 1;
    else p.pending += 1;
    p.overdue = overdue && p.pending > 0;
    byReviewer.set(key, p);
  }
  const count = (word: string) => rows.filter((r) => r.decision === word).length;
  const decided = rows.filter((r) => r.decision).length;

  const stillThere = current ? new Set(current.users.map((u) => u.email_key)) : null;
  const revocations = stillThere
    ? rows
        .filter((r) => r.decision === 'revoke' && stillThere.has(emailKey(r.subject_email)))
        .map((r) => ({ subject_email: r.subject_email, reviewer_email: r.reviewer_email, decided_at: r.decided_at }))
        .sort((a, b) => compareText(emailKey(a.subject_email), emailKey(b.subject_email)))
    : null;

  return {
    campaign: {
      id: newest.campaign,
      started_at: newest.started_at,
      due_at: dueAt,
      snapshot_sha256: rows.find((r) => r.snapshot_sha256)?.snapshot_sha256 ?? null,
    },
    evaluated_at: now.toISOString().replace(/\.000Z$/, 'Z'),
    overdue,
    totals: {
      rows: rows.length,
      decided,
      pending: rows.length - decided,
      keep: count('keep'),
      revoke: count('revoke'),
      modify: count('modify'),
    },
    // most pending first, then by reviewer (rows without a reviewer last)
    reviewers: [...byReviewer.values()].sort(
      (a, b) =>
        Number(a.reviewer === '') - Number(b.reviewer === '') ||
        b.pending - a.pending ||
        compareText(emailKey(a.reviewer), emailKey(b.reviewer)),
    ),
    revocations_pending: revocations,
    changed: current ? changedDecisions(rows, current) : null,
    other_campaigns: [...new Set(entries.map((e) => e.campaign))]
      .filter((c) => c !== newest.campaign)
      .sort(compareText),
  };
}
