/**
 * The document's users in the order every per-person list of the outputs uses (byEmailKey: email key, then id),
 * sorted once per document for all the renderers that list them. When no key holds a UTF-16 unit at or above
 * 0xD800 (almost always), code-unit order is code-point order, and JavaScript's own string comparison (a native
 * memory compare) gives exactly byEmailKey's order; otherwise byEmailKey itself sorts. Either sort is stable.
 */
import type { AccessDocument, User } from '../model/document.js';
import { byEmailKey } from '../shared/order.js';

const sorted = new WeakMap<readonly User[], readonly User[]>();

export function usersByEmailKey(doc: AccessDocument): readonly User[] {
  let users = sorted.get(doc.users);
  if (users === undefined) {
    users = sortPeople(doc.users);
    sorted.set(doc.users, users);
  }
  return users;
}

/** A unit where code-unit and code-point order can differ (a surrogate, or U+E000 and above). */
const HIGH_UNIT = /[\uD800-\uFFFF]/;

function sortPeople<T extends { email_key: string; id: string }>(people: readonly T[]): T[] {
  const copy = [...people];
  if (copy.some((p) => HIGH_UNIT.test(p.email_key) || HIGH_UNIT.test(p.id))) return copy.sort(byEmailKey);
  return copy.sort(byUnits);
}

function byUnits(a: { email_key: string; id: string }, b: { email_key: string; id: string }): number {
  if (a.email_key !== b.email_key) return a.email_key < b.email_key ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
