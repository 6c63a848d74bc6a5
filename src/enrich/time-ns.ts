/**
 * Adds the `<name>_ns` integer next to each time of the document that a control compares (see `Nanos` in
 * model/document.ts), recomputed from the text on every run so it always agrees with it (a `_ns` already in the
 * document is never trusted: it stays only where it is the value recomputed, in its place). Key order is kept:
 * each `_ns` member follows its text, so the snapshot reads the same however the document was obtained.
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

/**
 * A new document (the input is not mutated): each user built once, with the joins' members and every `_ns`; a
 * user, identity, HR record, decision or campaign that already is as it would be built is the input's own.
 */
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
 *
 * Two common layouts (see `layout`) get the same result without building it member by member, which costs
 * more than the rest of this stage: the members the collector writes, in its order; and members already where
 * they go (a snapshot uar-check wrote), then the user itself when every value is already right.
 */
function userNs(user: User, i: number, joined: Joined): User {
  const identity = identityNs(joined.identities ? joined.identities[i]! : user.identity);
  const hr = hrNs(joined.hr ? joined.hr[i]! : user.hr);
  const unclear = joined.ambiguous ? (joined.ambiguous[i] ?? []) : (user.identity_ambiguous ?? []);
  const source = user as unknown as Record<string, unknown>;
  const at = layout(source, unclear.length > 0);
  if (at === 'collected') {
    const out: Record<string, unknown> = {
      id: user.id,
      email: user.email,
      email_key: user.email_key,
      name: user.name,
      permissions: user.permissions,
      groups: user.groups,
      effective_roles: user.effective_roles,
      is_owner: user.is_owner,
      is_admin: user.is_admin,
      identity,
      hr,
      last_activity: user.last_activity,
      last_activity_ns: toNanos(user.last_activity),
    };
    if (unclear.length > 0) out.identity_ambiguous = unclear;
    return out as User;
  }
  if (at !== 'other') {
    const activityNs = at === 'in place' ? toNanos(user.last_activity) : undefined;
    if (
      identity === user.identity &&
      hr === user.hr &&
      Object.is(activityNs, source.last_activity_ns) &&
      (unclear.length === 0 || unclear === user.identity_ambiguous)
    ) {
      return user;
    }
    // Every member is in its place: a copy with the values set in place (appending to a spread copy is slow).
    const out: Record<string, unknown> = { ...source };
    if (at === 'in place') out.last_activity_ns = activityNs;
    out.identity = identity;
    out.hr = hr;
    if (unclear.length > 0) out.identity_ambiguous = unclear;
    return out as User;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    if (k === 'identity_ambiguous' || k === 'last_activity_ns') continue;
    out[k] = k === 'identity' ? identity : k === 'hr' ? hr : source[k];
    if (k === 'last_activity') out.last_activity_ns = toNanos(user.last_activity);
  }
  if (!('identity' in out)) out.identity = identity;
  if (!('hr' in out)) out.hr = hr;
  if (unclear.length > 0) out.identity_ambiguous = unclear;
  return out as User;
}

/** A user's members as the collector writes them (src/source/segment/normalize.ts), in its order. */
const COLLECTED = [
  'id',
  'email',
  'email_key',
  'name',
  'permissions',
  'groups',
  'effective_roles',
  'is_owner',
  'is_admin',
  'identity',
  'hr',
  'last_activity',
];

/**
 * Where the user's members are, for userNs's shortcuts. 'collected': exactly the members of COLLECTED, in its
 * order. Else, when `identity` and `hr` are there and `identity_ambiguous`, if there, is the last member and
 * stays (`unclear`): 'in place' when `last_activity_ns` follows `last_activity`, 'none' when neither is there.
 * Anything else: 'other'. In 'in place' and 'none', userNs's members are the user's, in the user's order.
 */
function layout(user: Record<string, unknown>, unclear: boolean): 'collected' | 'in place' | 'none' | 'other' {
  let identity = false;
  let hr = false;
  let activity: 'in place' | 'none' | 'pending' = 'none';
  let ambiguous = false;
  let collected = 0; // members in COLLECTED's order so far
  for (const k in user) {
    if (collected >= 0) collected = COLLECTED[collected] === k ? collected + 1 : -1;
    if (ambiguous) return 'other'; // a member after identity_ambiguous
    if (activity === 'pending') {
      if (k !== 'last_activity_ns') return 'other'; // last_activity_ns goes right after last_activity
      activity = 'in place';
    } else if (k === 'last_activity') activity = 'pending';
    else if (k === 'last_activity_ns' || k === '__proto__')
      return 'other'; // a copy member by member drops __proto__
    else if (k === 'identity') identity = true;
    else if (k === 'hr') hr = true;
    else if (k === 'identity_ambiguous') {
      if (!unclear) return 'other'; // it goes
      ambiguous = true;
    }
  }
  if (collected === COLLECTED.length) return 'collected';
  return identity && hr && activity !== 'pending' ? activity : 'other';
}

const identityNs = (identity: Identity | null) => identity && nsAfter(identity, 'last_sign_in');
const hrNs = (hr: HrRecord | null) => hr && nsAfter(hr, 'termination_date');

/** The campaign itself when its times and every decision's already carry the right `_ns`. */
function campaignNs(campaign: Campaign): Campaign {
  let same = true;
  const decisions = campaign.decisions.map((d: Decision) => {
    const out = nsAfter(d, 'decided_at');
    if (out !== d) same = false;
    return out;
  });
  const times = nsAfter(nsAfter(campaign, 'started_at'), 'due_at');
  if (same && times === campaign) return campaign;
  return { ...times, decisions };
}

/**
 * `obj` with `<key>_ns` (from `obj[key]`) right after `key`: `obj` itself when it already is there with that
 * value, else a copy.
 */
function nsAfter<T extends object>(obj: T, key: keyof T & string): T {
  const nsKey = `${key}_ns`;
  const source = obj as Record<string, unknown>;
  const ns = toNanos(source[key] as string | null);
  let previous: string | undefined;
  for (const k in source) {
    if (k === nsKey) {
      if (previous === key && Object.is(source[k], ns)) return obj;
      break;
    }
    if (k === '__proto__') break; // a copy member by member drops it
    previous = k;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    if (k === nsKey) continue;
    out[k] = source[k];
    if (k === key) out[nsKey] = ns;
  }
  return out as T;
}
