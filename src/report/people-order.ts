/**
 * The document's users in the order every per-person list of the outputs uses (byEmailKey: email key, then id),
 * sorted once per document for all the renderers that list them. When no key holds a UTF-16 unit at or above
 * 0xD800 (almost always), code-unit order is code-point order, and JavaScript's own string comparison (a native
 * memory compare) gives exactly byEmailKey's order; otherwise byEmailKey itself sorts. Ties keep the document's order.
 */
import type { AccessDocument, User } from '../model/document.js';
import { belowSurrogates, byEmailKey, compareBelowSurrogates } from '../shared/order.js';

export interface PeopleOrder {
  /** The users, sorted. */
  readonly users: readonly User[];
  /**
   * `at[k]`: where `users[k]` is in the document's list. Work done per user reads the users faster in the
   * document's order (the order they lie in memory), then finds each one's result here.
   */
  readonly at: Uint32Array;
}

const sorted = new WeakMap<readonly User[], PeopleOrder>();

export function peopleOrder(doc: AccessDocument): PeopleOrder {
  let order = sorted.get(doc.users);
  if (order === undefined) {
    order = sortPeople(doc.users);
    sorted.set(doc.users, order);
  }
  return order;
}

export function usersByEmailKey(doc: AccessDocument): readonly User[] {
  return peopleOrder(doc).users;
}

function sortPeople(people: readonly User[]): PeopleOrder {
  const at = new Uint32Array(people.length);
  for (let i = 0; i < at.length; i += 1) at[i] = i;
  const person = (i: number) => people[i] as User;
  if (people.every((p) => belowSurrogates(p.email_key) && belowSurrogates(p.id))) {
    at.sort((a, b) => {
      const x = person(a);
      const y = person(b);
      return compareBelowSurrogates(x.email_key, y.email_key) || compareBelowSurrogates(x.id, y.id) || a - b;
    });
  } else at.sort((a, b) => byEmailKey(person(a), person(b)) || a - b);
  return { users: Array.from(at, person), at };
}
