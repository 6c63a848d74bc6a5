/**
 * Distinct grants. Users mostly hold the same few grants (the same roles through the same groups), so what a
 * renderer derives from a permission (its cells, labels text, sort keys) is computed once for each distinct one
 * and reused for every user holding it. Two permissions are the same grant when every field of them is equal
 * (role, how it is held, each resource with its name and labels, its own labels), so a reused value is exactly
 * the value computed for that permission.
 */
import type { Label, Permission, Resource } from '../model/document.js';

/** Numbers each distinct grant, from 0 in the order first seen; `grants[id]` is the first permission seen. */
export class GrantIds {
  readonly grants: Permission[] = [];
  // role name → group id ('' when direct) → first resource id ('' when none) → the ids of the grants seen there
  private readonly seen = new Map<string, Map<string, Map<string, number[]>>>();

  id(p: Permission): number {
    const byGroup = at(this.seen, p.role_name, () => new Map());
    const byResource = at(byGroup, p.via.type === 'group' ? p.via.group_id : '', () => new Map());
    const seen = at(byResource, p.resources.length ? (p.resources[0] as Resource).id : '', (): number[] => []);
    for (const id of seen) if (sameGrant(this.grants[id] as Permission, p)) return id;
    const id = this.grants.length;
    this.grants.push(p);
    seen.push(id);
    return id;
  }
}

/** A value computed once per distinct grant. */
export class PerGrant<T> {
  private readonly ids = new GrantIds();
  private readonly values: T[] = [];

  constructor(private readonly compute: (p: Permission) => T) {}

  get(p: Permission): T {
    const id = this.ids.id(p);
    if (id === this.values.length) this.values.push(this.compute(p));
    return this.values[id] as T;
  }
}

/** The map's value for `key`, created empty when missing. */
function at<V>(map: Map<string, V>, key: string, empty: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = empty();
    map.set(key, value);
  }
  return value;
}

function sameGrant(a: Permission, b: Permission): boolean {
  if (a === b) return true;
  if (a.role_id !== b.role_id || a.role_name !== b.role_name || a.via.type !== b.via.type) return false;
  if (a.via.type === 'group' && b.via.type === 'group') {
    if (a.via.group_id !== b.via.group_id || a.via.group_name !== b.via.group_name) return false;
  }
  if (!sameLabels(a.labels, b.labels) || a.resources.length !== b.resources.length) return false;
  for (let i = 0; i < a.resources.length; i += 1)
    if (!sameResource(a.resources[i] as Resource, b.resources[i] as Resource)) return false;
  return true;
}

const sameResource = (a: Resource, b: Resource) =>
  a.type === b.type && a.id === b.id && a.name === b.name && sameLabels(a.labels, b.labels);

function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as Label;
    const y = b[i] as Label;
    if (x.key !== y.key || x.value !== y.value || x.description !== y.description) return false;
  }
  return true;
}
