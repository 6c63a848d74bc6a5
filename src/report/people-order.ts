/**
 * The document's users in the order every per-person list of the outputs uses (byEmailKey: email key, then id),
 * sorted once per document for all the renderers that list them. When no key holds a UTF-16 unit at or above
 * 0xD800 (almost always), code-unit order is code-point order, and JavaScript's own string comparison (a native
 * memory compare) gives exactly byEmailKey's order; otherwise byEmailKey itself sorts. Either sort is stable.
 */
import type { AccessDocument, User } from '../model/document.js';
import { belowSurrogates, byEmailKey, compareBelowSurrogates } from '../shared/order.js';

const sorted = new WeakMap<readonly User[], readonly User[]>();

export function usersByEmailKey(doc: AccessDocument): readonly User[] {
  let users = sorted.get(doc.users);
  if (users === undefined) {
    users = sortPeople(doc.users);
    sorted.set(doc.users, users);
  }
  return users;
}

function sortPeople<T extends { email_key: string; id: string }>(people: readonly T[]): T[] {
  const copy = [...people];
  if (!copy.every((p) => belowSurrogates(p.email_key) && belowSurrogates(p.id))) return copy.sort(byEmailKey);
  return copy.sort((a, b) => compareBelowSurrogates(a.email_key, b.email_key) || compareBelowSurrogates(a.id, b.id));
}
