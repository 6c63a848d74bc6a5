/**
 * The compact access summary of a document (`ReviewResult.access`, `access` in evidence.json): enough to diff a
 * later run against it (`--baseline evidence.json`) without embedding the whole snapshot. Sorted; one entry per
 * user.
 */
import type { AccessSummary } from '../model/changes.js';
import type { AccessDocument } from '../model/document.js';
import { compareText, sortedBy } from '../shared/order.js';

export function summarizeAccess(doc: AccessDocument): AccessSummary {
  const users = doc.users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: [...new Set(u.effective_roles)].sort(compareText),
    groups: sortedBy(
      u.groups.map((g) => ({ id: g.id, name: g.name })),
      (g) => [g.name, g.id],
    ),
    is_owner: u.is_owner,
    is_admin: u.is_admin,
  }));
  return {
    workspace_id: doc.workspace.id,
    collected_at: doc.collected_at,
    users: sortedBy(users, (u) => [u.email.toLowerCase(), u.id]),
    groups: sortedBy(
      doc.groups.map((g) => ({ id: g.id, name: g.name, member_count: g.member_count })),
      (g) => [g.name, g.id],
    ),
  };
}
