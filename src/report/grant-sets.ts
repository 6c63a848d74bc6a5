/**
 * The users of a document in output order, each with their permissions as a grant set, worked out once per
 * document for the renderers that list every person's grants (access-list.csv and report.html's access table).
 * A grant set is a user's permissions as distinct grants (per-grant.ts), in the order they are listed: users
 * holding equal sets get the same grant cells in the same order, so a renderer derives a set's rows once for
 * every user holding it (most users hold one of a few hundred sets).
 */
import type { AccessDocument, Permission, User } from '../model/document.js';
import { usersByEmailKey } from './people-order.js';
import { GrantIds } from './per-grant.js';

export interface GrantSets {
  /** The users, in output order (usersByEmailKey). */
  readonly users: readonly User[];
  /** `setOf[i]`: the grant set of `users[i]`, an index into `sets`. */
  readonly setOf: Uint32Array;
  /** Each set's permissions: the first holder's, equal grant by grant to every other holder's. */
  readonly sets: readonly (readonly Permission[])[];
}

const computed = new WeakMap<readonly User[], GrantSets>();

export function grantSets(doc: AccessDocument): GrantSets {
  let sets = computed.get(doc.users);
  if (sets === undefined) {
    sets = groupBySet(usersByEmailKey(doc));
    computed.set(doc.users, sets);
  }
  return sets;
}

function groupBySet(users: readonly User[]): GrantSets {
  const ids = new GrantIds();
  const byKey = new Map<string, number>(); // the grants' ids, each followed by a comma → set
  const sets: (readonly Permission[])[] = [];
  const setOf = new Uint32Array(users.length);
  for (let i = 0; i < users.length; i += 1) {
    const permissions = (users[i] as User).permissions;
    let key = '';
    for (const p of permissions) key += `${ids.id(p)},`;
    let set = byKey.get(key);
    if (set === undefined) {
      set = sets.length;
      sets.push(permissions);
      byKey.set(key, set);
    }
    setOf[i] = set;
  }
  return { users, setOf, sets };
}
