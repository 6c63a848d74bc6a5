/**
 * A user's access as the worksheet shows it, one text per cell, so the same text computed later from another
 * snapshot tells whether the access a reviewer decided on has changed. The workspace is "the workspace"; other
 * resources are their type, name and id (only the id when the collector could not read the name).
 */
import type { Label, Permission, Resource, User } from '../model/document.js';
import { compareText } from '../shared/order.js';

const uniqueSorted = (items: string[]) => [...new Set(items)].sort(compareText);

function labelsText(labels: Label[]): string {
  const pairs = uniqueSorted(labels.map((l) => `${l.key}:${l.value}`));
  return pairs.length ? ` [${pairs.join(', ')}]` : '';
}

function resourceText(r: Resource): string {
  const kind = String(r.type).toLowerCase();
  const what = r.type === 'WORKSPACE' ? 'the workspace' : r.name ? `${kind} ${r.name} (${r.id})` : `${kind} ${r.id}`;
  return `${what}${labelsText(r.labels)}`;
}

function grantTexts(p: Permission): string[] {
  const via = p.via.type === 'group' ? `via group ${p.via.group_name}` : 'direct';
  const resources = p.resources.length ? p.resources.map(resourceText) : ['no resource'];
  return resources.map((r) => `${p.role_name} on ${r}${labelsText(p.labels)} (${via})`);
}

/** "Source Admin; Workspace Member": the effective roles. */
export function rolesText(user: User): string {
  return uniqueSorted(user.effective_roles).join('; ');
}

/** "Source Admin on source src_1 (via group Data); Workspace Owner on the workspace (direct)": every grant. */
export function accessText(user: User): string {
  return uniqueSorted(user.permissions.flatMap(grantTexts)).join('; ');
}
