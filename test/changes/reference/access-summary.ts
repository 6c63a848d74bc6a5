/**
 * The access summary as it was computed before it copied lists already in order (main at 77c2c5b, verbatim but
 * for the import paths): the reference the faster one must equal (test/changes/access-summary.test.ts).
 */
import type { AccessSummary } from '../../../src/model/changes.js';
import type { AccessDocument } from '../../../src/model/document.js';
import { compareText, sortedBy } from '../../../src/shared/order.js';

export function summarizeAccessBefore(doc: AccessDocument): AccessSummary {
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
