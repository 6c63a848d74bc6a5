/**
 * Adds the `<name>_ns` integer next to each time of the document that a control compares (see `Nanos` in
 * model/document.ts), recomputed from the text on every run so it always agrees with it (a `_ns` already in the
 * document is dropped, never trusted). Key order is kept: each `_ns` member follows its text, so the snapshot
 * reads the same however the document was obtained.
 */
import type {
  AccessDocument,
  AmbiguousIdentity,
  Campaign,
  Decision,
  HrRecord,
  Identity,
  User,
} from '../model/document.js';
import { toNanos } from './time.js';

/** What the enrich stage's joins decided for each user (by position); a kind not joined keeps the user's own. */
export interface Joined {
  identities: (Identity | null)[] | null;
  ambiguous: AmbiguousIdentity[][] | null;
  hr: (HrRecord | null)[] | null;
}

const NOT_JOINED: Joined = { identities: null, ambiguous: null, hr: null };

/** A new document (the input is not mutated): each user built once, with the joins' members and every `_ns`. */
export function withTimeNs(doc: AccessDocument, joined: Joined = NOT_JOINED): AccessDocument {
  const reviews = doc.reviews && { ...doc.reviews, campaigns: doc.reviews.campaigns.map(campaignNs) };
  const users = doc.users.map((user, i) => userNs(user, i, joined));
  return { ...nsAfter(doc, 'collected_at'), users, reviews };
}

/**
 * The user's members in their order, without `identity_ambiguous` and without a `last_activity_ns` read from
 * the file; `last_activity_ns` right after `last_activity`; `identity` and `hr` (the join's when given, with
 * their own `_ns`) in their places, or after the others when the user had none; `identity_ambiguous` last, only
 * when not empty (the identity join's when given, else the user's own).
 */
function userNs(user: User, i: number, joined: Joined): User {
  const identity = joined.identities ? joined.identities[i]! : user.identity;
  const hr = joined.hr ? joined.hr[i]! : user.hr;
  const unclear = joined.ambiguous ? (joined.ambiguous[i] ?? []) : (user.identity_ambiguous ?? []);
  const source = user as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    if (k === 'identity_ambiguous' || k === 'last_activity_ns') continue;
    out[k] = k === 'identity' ? identityNs(identity) : k === 'hr' ? hrNs(hr) : source[k];
    if (k === 'last_activity') out.last_activity_ns = toNanos(user.last_activity);
  }
  if (!('identity' in out)) out.identity = identityNs(identity);
  if (!('hr' in out)) out.hr = hrNs(hr);
  if (unclear.length > 0) out.identity_ambiguous = unclear;
  return out as User;
}

const identityNs = (identity: Identity | null) => identity && nsAfter(identity, 'last_sign_in');
const hrNs = (hr: HrRecord | null) => hr && nsAfter(hr, 'termination_date');

function campaignNs(campaign: Campaign): Campaign {
  const decisions = campaign.decisions.map((d: Decision) => nsAfter(d, 'decided_at'));
  return { ...nsAfter(nsAfter(campaign, 'started_at'), 'due_at'), decisions };
}

/** A copy of `obj` with `<key>_ns` (from `obj[key]`) placed right after `key`. */
function nsAfter<T extends object>(obj: T, key: keyof T & string): T {
  const nsKey = `${key}_ns`;
  const source = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    if (k === nsKey) continue;
    out[k] = source[k];
    if (k === key) out[nsKey] = toNanos(source[k] as string | null);
  }
  return out as T;
}
