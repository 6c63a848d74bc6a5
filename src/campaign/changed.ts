/**
 * Decisions taken on access that is no longer what the reviewer was shown: the worksheet row's grants differ
 * from the user's grants in a later snapshot, or the user is gone (a revoke carried out is not a change to
 * report). Only worksheet rows carry the grants shown; plain review files give nothing to compare.
 */
import { type AccessDocument, emailKey } from '../model/document.js';
import type { DecisionOnChangedAccess } from '../model/worksheet.js';
import { compareText } from '../shared/order.js';
import { accessText } from './access-text.js';
import type { WorksheetEntry } from './read-worksheet.js';

export type ChangedDecision = DecisionOnChangedAccess;

export function changedDecisions(entries: WorksheetEntry[], doc: AccessDocument): ChangedDecision[] {
  const current = new Map(doc.users.map((u) => [u.email_key, accessText(u)]));
  const changed: ChangedDecision[] = [];
  for (const e of entries) {
    if (e.decision === null || e.access === null) continue;
    const now = current.get(emailKey(e.subject_email)) ?? null;
    if (now === e.access) continue;
    if (now === null && e.decision === 'revoke') continue;
    changed.push({
      campaign: e.campaign,
      subject_email: e.subject_email,
      reviewer_email: e.reviewer_email,
      decision: e.decision,
      decided_at: e.decided_at,
      shown: e.access,
      now,
    });
  }
  return changed.sort(
    (a, b) =>
      compareText(a.campaign, b.campaign) ||
      compareText(emailKey(a.subject_email), emailKey(b.subject_email)) ||
      compareText(a.reviewer_email, b.reviewer_email),
  );
}
