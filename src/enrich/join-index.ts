/**
 * An address index: email key → the items (identity records, HR rows) that carry it, plus a second map on the
 * `+tag`-stripped key for *probable* matches. Lookups are O(1); nothing is ever compared pairwise.
 */
import { plusStripped } from './address.js';

type Slot<T> = T | T[];

export class AddressIndex<T extends object> {
  private readonly exact = new Map<string, Slot<T>>();
  /** Only keys that carry a `+tag`, under their stripped form (few in practice, so the index stays small). */
  private readonly tagged = new Map<string, Slot<T>>();

  add(key: string, item: T): void {
    put(this.exact, key, item);
    const stripped = plusStripped(key);
    if (stripped !== null) put(this.tagged, stripped, item);
  }

  /** Distinct items whose address set holds exactly this key. */
  find(key: string): T[] {
    return list(this.exact.get(key));
  }

  /** Distinct items that match only when a `+tag` is dropped from the key or from their address. */
  findProbable(key: string): T[] {
    const stripped = plusStripped(key);
    const found = list(this.tagged.get(stripped ?? key));
    if (stripped === null) return found;
    return [...new Set([...list(this.exact.get(stripped)), ...found])];
  }
}

function put<T extends object>(map: Map<string, Slot<T>>, key: string, item: T): void {
  const slot = map.get(key);
  if (slot === undefined) map.set(key, item);
  else if (Array.isArray(slot)) {
    if (!slot.includes(item)) slot.push(item);
  } else if (slot !== item) map.set(key, [slot, item]);
}

function list<T>(slot: Slot<T> | undefined): T[] {
  return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
}
