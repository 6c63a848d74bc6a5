/**
 * Changes since the last review: what differs between the baseline's access and this run's. Users are matched
 * by Segment user id, then (for ids that changed, e.g. a re-created account) by email key.
 */
import { InputError } from '../errors.js';
import type { AccessSummary, AccessSummaryUser, Changes, UserRef } from '../model/changes.js';
import { emailKey } from '../model/document.js';
import { compareText, sortedBy } from '../shared/order.js';

const minus = (a: string[], b: string[]): string[] => [...new Set(a.filter((x) => !b.includes(x)))].sort(compareText);

function pairUsers(current: AccessSummaryUser[], baseline: AccessSummaryUser[]) {
  const oldById = new Map(baseline.map((u) => [u.id, u]));
  const pairs: [AccessSummaryUser, AccessSummaryUser][] = [];
  const added: AccessSummaryUser[] = [];
  const used = new Set<AccessSummaryUser>();
  const unmatched: AccessSummaryUser[] = [];
  for (const u of current) {
    const old = oldById.get(u.id);
    if (old) {
      pairs.push([u, old]);
      used.add(old);
    } else unmatched.push(u);
  }
  const oldByEmail = new Map(baseline.filter((u) => !used.has(u)).map((u) => [emailKey(u.email), u]));
  for (const u of unmatched) {
    const old = oldByEmail.get(emailKey(u.email));
    if (old && !used.has(old)) {
      pairs.push([u, old]);
      used.add(old);
    } else added.push(u);
  }
  return { pairs, added, removed: baseline.filter((u) => !used.has(u)) };
}

export function diffAccess(current: AccessSummary, baseline: AccessSummary): Changes {
  const { pairs, added, removed } = pairUsers(current.users, baseline.users);
  const ref = (u: AccessSummaryUser) => ({ id: u.id, email: u.email, roles: u.roles });
  const changed = pairs
    .map(([now, then]) => ({
      id: now.id,
      email: now.email,
      roles_granted: minus(now.roles, then.roles),
      roles_removed: minus(then.roles, now.roles),
      groups_joined: minus(
        now.groups.map((g) => g.name),
        then.groups.map((g) => g.name),
      ),
      groups_left: minus(
        then.groups.map((g) => g.name),
        now.groups.map((g) => g.name),
      ),
    }))
    .filter((c) => c.roles_granted.length + c.roles_removed.length + c.groups_joined.length + c.groups_left.length > 0);
  const oldGroups = new Set(baseline.groups.map((g) => g.id));
  const newGroups = new Set(current.groups.map((g) => g.id));
  const group = (g: { id: string; name: string }) => ({ id: g.id, name: g.name });
  const byEmail = (u: UserRef) => [u.email.toLowerCase(), u.id];
  const result = {
    baseline: { workspace_id: baseline.workspace_id, collected_at: baseline.collected_at },
    users_added: sortedBy(added.map(ref), byEmail),
    users_removed: sortedBy(removed.map(ref), byEmail),
    access_changed: sortedBy(changed, byEmail),
    groups_added: sortedBy(current.groups.filter((g) => !oldGroups.has(g.id)).map(group), (g) => [g.name, g.id]),
    groups_removed: sortedBy(baseline.groups.filter((g) => !newGroups.has(g.id)).map(group), (g) => [g.name, g.id]),
  };
  return {
    ...result,
    totals: {
      users_added: result.users_added.length,
      users_removed: result.users_removed.length,
      gained_access:
        added.filter((u) => u.roles.length > 0).length +
        changed.filter((c) => c.roles_granted.length + c.groups_joined.length > 0).length,
      lost_access:
        removed.filter((u) => u.roles.length > 0).length +
        changed.filter((c) => c.roles_removed.length + c.groups_left.length > 0).length,
      groups_added: result.groups_added.length,
      groups_removed: result.groups_removed.length,
    },
  };
}

/** True when there is nothing to report. */
export function isEmptyChanges(c: Changes): boolean {
  return Object.values(c.totals).every((n) => n === 0);
}

/** Changes from `baseline` to `current`. A baseline of another workspace is an InputError naming `file`. */
export function diffBaseline(current: AccessSummary, baseline: AccessSummary, file = 'baseline'): Changes {
  if (current.workspace_id !== baseline.workspace_id) {
    throw new InputError(
      file,
      `baseline is from workspace ${baseline.workspace_id}, this run is ${current.workspace_id}`,
    );
  }
  return diffAccess(current, baseline);
}
