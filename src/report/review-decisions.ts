/** The latest review decision per person: their decision in the newest campaign, joined by email key. */
import type { AccessDocument, Decision } from '../model/document.js';
import { compareTuple } from '../shared/order.js';

export interface LatestDecision {
  campaign: string;
  decision: Decision | null; // null: the person is not in the newest campaign
}

/** Lookup by email key; `undefined` when no review decisions were given at all. */
export function latestDecisions(doc: AccessDocument): ((emailKey: string) => LatestDecision) | undefined {
  if (!doc.reviews) return undefined;
  const campaigns = doc.reviews.campaigns;
  const newest = [...campaigns].sort((a, b) => compareTuple([a.started_at, a.id], [b.started_at, b.id])).at(-1);
  const bySubject = new Map<string, Decision>();
  if (newest) {
    const ordered = [...newest.decisions].sort((a, b) =>
      compareTuple([a.decided_at, a.reviewer_key, a.decision], [b.decided_at, b.reviewer_key, b.decision]),
    );
    for (const d of ordered) bySubject.set(d.subject_key, d); // the last decision of the campaign wins
  }
  const campaign = newest?.id ?? '';
  return (key) => ({ campaign, decision: bySubject.get(key) ?? null });
}
