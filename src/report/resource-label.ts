/** A resource as people read it: `name (id)` when its name was read, else the id (the type when neither). */
import type { Resource } from '../model/document.js';

export function resourceLabel(r: Pick<Resource, 'id' | 'name' | 'type'>): string {
  if (r.name && r.name !== r.id) return `${r.name} (${r.id})`;
  return r.id || r.type;
}
