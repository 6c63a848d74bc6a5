/**
 * The users of a document in output order, each with their permissions as a grant set, worked out once per
 * document for the renderers that list every person's grants (access-list.csv and report.html's access table).
 * A grant set is a user's permissions as distinct grants (per-grant.ts), in the order they are listed: users
 * holding equal sets get the same grant cells in the same order, so a renderer derives a grant's cells once for
 * every user holding it and a set's rows once for every user holding it (most users hold one of a few thousand
 * sets, made of a few hundred grants).
 */
import type { AccessDocument, Permission, User } from '../model/document.js';
import { type PeopleOrder, peopleOrder } from './people-order.js';
import { GrantIds } from './per-grant.js';

export interface GrantSets {
  /** The users, in output order (usersByEmailKey). */
  readonly users: readonly User[];
  /** `setOf[i]`: the grant set of `users[i]`, an index into `sets`. */
  readonly setOf: Uint32Array;
  /** Each set: its grants' ids (indexes into `grants`), in the order the holders list them. */
  readonly sets: readonly (readonly number[])[];
  /** Each distinct grant: the first permission seen that is that grant. */
  readonly grants: readonly Permission[];
}

const computed = new WeakMap<readonly User[], GrantSets>();

export function grantSets(doc: AccessDocument): GrantSets {
  let sets = computed.get(doc.users);
  if (sets === undefined) {
    sets = groupBySet(doc.users, peopleOrder(doc));
    computed.set(doc.users, sets);
  }
  return sets;
}

/** The grant set of each user, found in the document's order (faster: see PeopleOrder), listed in output order. */
function groupBySet(documentUsers: readonly User[], { users, at }: PeopleOrder): GrantSets {
  const ids = new GrantIds();
  const byKey = new Map<number | string, number>(); // setKey → set
  const sets: (readonly number[])[] = [];
  const setAt = new Uint32Array(documentUsers.length); // by place in the document
  const held: number[] = [];
  for (let i = 0; i < documentUsers.length; i += 1) {
    held.length = 0;
    for (const p of (documentUsers[i] as User).permissions) held.push(ids.id(p));
    const key = setKey(held);
    let set = byKey.get(key);
    if (set === undefined) {
      set = sets.length;
      sets.push([...held]);
      byKey.set(key, set);
    }
    setAt[i] = set;
  }
  const setOf = new Uint32Array(users.length);
  for (let k = 0; k < users.length; k += 1) setOf[k] = setAt[at[k] as number] as number;
  return { users, setOf, sets, grants: ids.grants };
}

/** Each digit of a number key: a grant's id + 1, so below this (three such digits fit in a double exactly). */
const BASE = 1 << 16;

/**
 * Grant ids in order, as a key: a number for up to three ids (most people; 0 for none), each id + 1 a digit in
 * base BASE; else, or when an id is too large for a digit, the ids as text, each followed by a comma.
 */
function setKey(held: readonly number[]): number | string {
  if (held.length <= 3) {
    let key = 0;
    let digits = true;
    for (const id of held) {
      if (id + 1 >= BASE) digits = false;
      key = key * BASE + id + 1;
    }
    if (digits) return key;
  }
  let text = '';
  for (const id of held) text += `${id},`;
  return text;
}

/**
 * Each person's rows, in output order, for a renderer that lists every person's grants: `each(around, rows)` with
 * the person's own part of a row (`around`, made for every user in the document's order: faster, see PeopleOrder)
 * and the rows of their grant set (`setRows` of its grants' rows, made once per set; `grantRows` once per grant).
 */
export function forEachPerson<G, A>(
  doc: AccessDocument,
  grantRows: (grant: Permission) => G,
  setRows: (grants: G[]) => readonly string[],
  around: (user: User) => A,
  each: (around: A, rows: readonly string[]) => void,
): void {
  const { users, setOf, sets, grants } = grantSets(doc);
  const { at } = peopleOrder(doc);
  const arounds = doc.users.map(around);
  const ofGrant: G[] = new Array(grants.length); // per grant id, when first needed
  const rowsOfGrant = (id: number) => (ofGrant[id] ??= grantRows(grants[id] as Permission));
  const ofSet: (readonly string[])[] = new Array(sets.length);
  for (let k = 0; k < users.length; k += 1) {
    const set = setOf[k] as number;
    ofSet[set] ??= setRows((sets[set] as readonly number[]).map(rowsOfGrant));
    each(arounds[at[k] as number] as A, ofSet[set]);
  }
}
