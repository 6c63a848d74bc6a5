/**
 * Adds the `<name>_ns` integer next to each time of the document that a control compares (see `Nanos` in
 * model/document.ts), recomputed from the text on every run so it always agrees with it. Key order is kept:
 * each `_ns` member follows its text, so the snapshot reads the same however the document was obtained.
 */
import type { AccessDocument, Campaign, Decision, User } from '../model/document.js';
import { toNanos } from './time.js';

export function withTimeNs(doc: AccessDocument): AccessDocument {
  const reviews = doc.reviews && { ...doc.reviews, campaigns: doc.reviews.campaigns.map(campaignNs) };
  return { ...nsAfter(doc, 'collected_at'), users: doc.users.map(userNs), reviews };
}

function userNs(user: User): User {
  const identity = user.identity && nsAfter(user.identity, 'last_sign_in');
  const hr = user.hr && nsAfter(user.hr, 'termination_date');
  return { ...nsAfter(user, 'last_activity'), identity, hr };
}

function campaignNs(campaign: Campaign): Campaign {
  const decisions = campaign.decisions.map((d: Decision) => nsAfter(d, 'decided_at'));
  return { ...nsAfter(nsAfter(campaign, 'started_at'), 'due_at'), decisions };
}

/** A copy of `obj` with `<key>_ns` (from `obj[key]`) placed right after `key`. */
function nsAfter<T extends object>(obj: T, key: keyof T & string): T {
  const nsKey = `${key}_ns`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === nsKey) continue;
    out[k] = v;
    if (k === key) out[nsKey] = toNanos(v as string | null);
  }
  return out as T;
}
