/**
 * The identity join. Key = the Segment user's `email_key` (trimmed, NFC, lower-cased). Per source:
 * - exactly one record holds the key (as primary address or alias) → that record's facts, `matched_by` saying how;
 * - two or more records hold it → a conflict: reported, the source tells nothing about the user's facts, and the
 *   user is marked ambiguous for that source (`identity_ambiguous`: which record is the person is unknown, which
 *   is not the same as no record at all);
 * - none → if records match once a `+tag` is dropped (from either side), a *probable* match: reported, not used.
 * The facts of all sources that matched combine by the rules in identity/facts.ts; each source's facts are kept
 * in `identity.sources` (sorted by source). No source matched → `identity: null`.
 */
import type { AmbiguousIdentity, Identity, IdentityFact, User } from '../model/document.js';
import type { IdentityJoin, JoinConflict, ProbableMatch, RecordRef, SourceJoin } from '../model/join-summary.js';
import { compareText } from '../shared/order.js';
import { plusStripped } from './address.js';
import { combineMfa, combineSignIn, combineStatus } from './identity/facts.js';
import type { IdentityRecord, SourceName } from './identity/record.js';
import { AddressIndex } from './join-index.js';

export interface SourceInput {
  source: SourceName;
  files: string[];
  formats: string[];
  records: IdentityRecord[];
}

export function joinIdentity(
  users: readonly User[],
  sources: SourceInput[],
): { identities: (Identity | null)[]; ambiguous: AmbiguousIdentity[][]; summary: IdentityJoin } {
  const ordered = [...sources].sort((a, b) => compareText(a.source, b.source));
  const facts: IdentityFact[][] = users.map(() => []);
  const ambiguous: AmbiguousIdentity[][] = users.map(() => []);
  const summaries = ordered.map((input) => joinSource(users, input, facts, ambiguous));
  const identities = facts.map((list): Identity | null =>
    list.length === 0
      ? null
      : {
          status: combineStatus(list.map((f) => f.status)),
          mfa: combineMfa(list.map((f) => f.mfa)),
          last_sign_in: combineSignIn(list.map((f) => f.last_sign_in)),
          sources: list,
        },
  );
  const unmatched = users.filter((_, i) => identities[i] === null).map((u) => u.email);
  return {
    identities,
    ambiguous,
    summary: {
      sources: summaries,
      matched_any: users.length - unmatched.length,
      unmatched_users: unmatched.sort(compareText),
    },
  };
}

function joinSource(
  users: readonly User[],
  input: SourceInput,
  facts: IdentityFact[][],
  ambiguous: AmbiguousIdentity[][],
): SourceJoin {
  const index = new AddressIndex<IdentityRecord>();
  for (const record of input.records) for (const key of record.keys.keys()) index.add(key, record);
  const hit = new Set<IdentityRecord>();
  const summary: SourceJoin = {
    source: input.source,
    files: [...input.files].sort(compareText),
    formats: [...input.formats].sort(compareText),
    records: input.records.length,
    matched: 0,
    via_alias: [],
    probable: [],
    conflicts: [],
    unmatched_users: [],
    unmatched_records: 0,
  };
  users.forEach((user, i) => {
    const key = user.email_key;
    const found = index.find(key);
    for (const r of found) hit.add(r);
    if (found.length === 1) {
      const record = found[0]!;
      const matchedBy = record.keys.get(key)!;
      summary.matched++;
      if (matchedBy === 'alias') summary.via_alias.push(user.email);
      facts[i]!.push({
        source: record.source,
        files: record.files,
        record_id: record.record_id,
        matched_by: matchedBy,
        status: record.status,
        mfa: record.mfa,
        last_sign_in: record.last_sign_in,
      });
      return;
    }
    summary.unmatched_users.push(user.email);
    if (found.length > 1) {
      const records = refs(found, (r) => (r.keys.has(key) ? key : ''));
      summary.conflicts.push({ email: user.email, user_id: user.id, records });
      ambiguous[i]!.push({
        source: input.source,
        records: records.map((r) => ({ record_id: r.record_id, origin: r.origin })),
      });
      return;
    }
    const probable = index.findProbable(key);
    if (probable.length > 0)
      summary.probable.push({
        email: user.email,
        user_id: user.id,
        rule: 'plus-tag',
        candidates: refs(probable, (r) => looseAddress(r, key)),
      });
  });
  summary.unmatched_records = input.records.length - hit.size;
  return sortSummary(summary);
}

function refs(records: IdentityRecord[], address: (r: IdentityRecord) => string): RecordRef[] {
  return records
    .map((r) => ({ record_id: r.record_id, origin: r.origin, address: address(r) }))
    .sort((a, b) => compareText(a.origin, b.origin) || compareText(a.address, b.address));
}

/** The record's address that equals `key` once `+tags` are dropped. */
function looseAddress(record: IdentityRecord, key: string): string {
  const strip = (k: string) => plusStripped(k) ?? k;
  const want = strip(key);
  return [...record.keys.keys()].filter((k) => strip(k) === want).sort(compareText)[0] ?? '';
}

export function sortSummary<
  T extends { via_alias?: string[]; probable: ProbableMatch[]; conflicts: JoinConflict[]; unmatched_users: string[] },
>(s: T): T {
  s.via_alias?.sort(compareText);
  s.unmatched_users.sort(compareText);
  s.probable.sort((a, b) => compareText(a.email, b.email) || compareText(a.user_id, b.user_id));
  s.conflicts.sort((a, b) => compareText(a.email, b.email) || compareText(a.user_id, b.user_id));
  return s;
}
