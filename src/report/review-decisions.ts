/** The latest review decision per person: their decision in the newest campaign, joined by email key. */
import type { AccessDocument, Decision } from '../model/document.js';
import { compareText, compareTuple } from '../shared/order.js';

export interface LatestDecisions {
  /** The newest campaign's id ('' when no campaign was given). */
  campaign: string;
  /** A person's decision in it, by email key; null when the person is not in it. */
  of(emailKey: string): Decision | null;
}

/** The newest campaign's decisions; `undefined` when no review decisions were given at all. */
export function latestDecisions(doc: AccessDocument): LatestDecisions | undefined {
  if (!doc.reviews) return undefined;
  const campaigns = doc.reviews.campaigns;
  const newest = [...campaigns].sort((a, b) => compareTuple([a.started_at, a.id], [b.started_at, b.id])).at(-1);
  // Per subject, the decision that sorts last by (decided_at, reviewer, decision); on a tie, the later one listed.
  const bySubject = new Map<string, Decision>();
  for (const d of newest?.decisions ?? []) {
    const best = bySubject.get(d.subject_key);
    if (!best || later(d, best) >= 0) bySubject.set(d.subject_key, d);
  }
  return { campaign: newest?.id ?? '', of: (key) => bySubject.get(key) ?? null };
}

const later = (a: Decision, b: Decision) =>
  compareText(a.decided_at, b.decided_at) ||
  compareText(a.reviewer_key, b.reviewer_key) ||
  compareText(a.decision, b.decision);
