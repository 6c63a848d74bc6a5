/** review-decisions.ts as it was before (main at 77c2c5b, verbatim but for the import paths), for reference/access-list.ts. */
/** The latest review decision per person: their decision in the newest campaign, joined by email key. */
import type { AccessDocument, Decision } from '../../../src/model/document.js';
import { compareTuple } from '../../../src/shared/order.js';

export interface LatestDecision {
  campaign: string;
  decision: Decision | null; // null: the person is not in the newest campaign
}

/** Lookup by email key; `undefined` when no review decisions were given at all. */
export function latestDecisions(doc: AccessDocument): ((emailKey: string) => LatestDecision) | undefined {
  if (!doc.reviews) return undefined;
  const campaigns = doc.reviews.campaigns;
  const newest = [...campaigns].sort((a, b) => compareTuple([a.started_at, a.id], [b.started_at, b.id])).at(-1);
  // Per subject, the decision that sorts last by (decided_at, reviewer, decision); on a tie, the later one listed.
  const bySubject = new Map<string, { d: Decision; key: string[] }>();
  for (const d of newest?.decisions ?? []) {
    const key = [d.decided_at, d.reviewer_key, d.decision];
    const best = bySubject.get(d.subject_key);
    if (!best || compareTuple(key, best.key) >= 0) bySubject.set(d.subject_key, { d, key });
  }
  const campaign = newest?.id ?? '';
  return (key) => ({ campaign, decision: bySubject.get(key)?.d ?? null });
}
