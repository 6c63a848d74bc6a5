/**
 * The compact access summary of a document (`ReviewResult.access`, `access` in evidence.json): enough to diff a
 * later run against it (`--baseline evidence.json`) without embedding the whole snapshot. Sorted; one entry per
 * user. Lists that are already in order (the roles and groups the collector wrote) are copied, not sorted again.
 */
import type { AccessSummary } from '../model/changes.js';
import type { AccessDocument } from '../model/document.js';
import { belowSurrogates, compareBelowSurrogates, compareText, sortedBy } from '../shared/order.js';

type Named = { id: string; name: string };
const byNameThenId = (a: Named, b: Named) => compareText(a.name, b.name) || compareText(a.id, b.id);

export function summarizeAccess(doc: AccessDocument): AccessSummary {
  const users = doc.users.map((u) => ({
    key: u.email.toLowerCase(),
    user: {
      id: u.id,
      email: u.email,
      name: u.name,
      roles: sortedUnique(u.effective_roles),
      groups: inOrder(
        u.groups.map((g) => ({ id: g.id, name: g.name })),
        byNameThenId,
      ),
      is_owner: u.is_owner,
      is_admin: u.is_admin,
    },
  }));
  // The same order natively when no key or id has a unit from U+D800 up (see belowSurrogates): twice as fast.
  const text = users.every((e) => belowSurrogates(e.key) && belowSurrogates(e.user.id))
    ? compareBelowSurrogates
    : compareText;
  users.sort((a, b) => text(a.key, b.key) || text(a.user.id, b.user.id));
  return {
    workspace_id: doc.workspace.id,
    collected_at: doc.collected_at,
    users: users.map((e) => e.user),
    groups: sortedBy(
      doc.groups.map((g) => ({ id: g.id, name: g.name, member_count: g.member_count })),
      (g) => [g.name, g.id],
    ),
  };
}

/** The distinct texts in code-point order (a copy when they already are). */
function sortedUnique(texts: readonly string[]): string[] {
  for (let i = 1; i < texts.length; i += 1)
    if (compareText(texts[i - 1] as string, texts[i] as string) >= 0) return [...new Set(texts)].sort(compareText);
  return texts.slice();
}

/** The list sorted (stable), left as it is when already in order. */
function inOrder<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i += 1) if (compare(list[i - 1] as T, list[i] as T) > 0) return list.sort(compare);
  return list;
}
