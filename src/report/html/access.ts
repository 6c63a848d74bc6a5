/** The access list (who has what, with search) and the changes since the baseline. */
import type { AccessDocument, Permission } from '../../model/document.js';
import type { ReviewResult } from '../../model/result.js';
import { byEmailKey, compareTuple, sortedBy } from '../../shared/order.js';
import { PerGrant } from '../per-grant.js';
import { resourceLabel } from '../resource-label.js';
import { esc, table } from './escape.js';

export function accessSection(doc: AccessDocument): string {
  return `<div class="filters" data-filter-for="access" role="search" aria-label="Search the access list">
<label>Search<input type="search" placeholder="email, role, resource, group…"></label>
<span class="count" aria-live="polite"></span></div>
${table('One row per person and grant; "Owner" describes the person (access-list.csv has every column)', ['Email', 'Name', 'Role', 'Resource', 'Granted via', 'Owner', 'Identity', 'HR'], accessRows(doc), { id: 'access', sortable: true })}`;
}

/** A row's grant cells (role, resource, how it is held) as HTML, and its sort key within a person's rows. */
interface GrantCells {
  html: string;
  order: string[];
}

function grantCells(p: Permission): GrantCells[] {
  const via = p.via.type === 'group' ? `group ${p.via.group_name}` : 'direct';
  return (p.resources.length ? p.resources : [null]).map((r) => {
    const resource = r ? `${r.type}: ${resourceLabel(r)}` : '—';
    return {
      html: `<td>${esc(p.role_name)}</td><td>${esc(resource)}</td><td>${esc(via)}</td>`,
      order: [p.role_name, resource, via],
    };
  });
}

const NO_GRANT = '<td>(no role)</td><td>—</td><td>—</td>';

/**
 * The access table's rows (each its cells' HTML), one person at a time (people by email key, then their grants),
 * then invites. A grant's cells are written once for every user holding it (PerGrant).
 */
function* accessRows(doc: AccessDocument): Generator<string> {
  const cache = new PerGrant(grantCells);
  for (const u of [...doc.users].sort(byEmailKey)) {
    const grants: GrantCells[] = [];
    for (const p of u.permissions) for (const g of cache.get(p)) grants.push(g);
    if (grants.length > 1) grants.sort((a, b) => compareTuple(a.order, b.order));
    const identity = esc(
      u.identity ? `${u.identity.status}, MFA ${u.identity.mfa}` : doc.coverage.identity ? 'no record' : 'not provided',
    );
    const hr = esc(u.hr ? u.hr.employment_status : doc.coverage.hr ? 'no record' : 'not provided');
    const head = `<td>${esc(u.email)}</td><td>${esc(u.name)}</td>`;
    const tail = `<td>${u.is_owner ? 'yes' : 'no'}</td><td>${identity}</td><td>${hr}</td>`;
    if (grants.length === 0) yield `${head}${NO_GRANT}${tail}`;
    for (const g of grants) yield `${head}${g.html}${tail}`;
  }
  for (const i of sortedBy(doc.invites, (x) => [x.email_key])) {
    const via = esc(i.via.type === 'group' ? `group ${i.via.group_name}` : 'direct');
    yield `<td>${esc(i.email)}</td><td>(pending invite)</td><td>—</td><td>—</td><td>${via}</td><td>no</td><td>—</td><td>—</td>`;
  }
}

export function changesSection(result: ReviewResult): string {
  const ch = result.changes;
  if (!ch) return '<p>No baseline was given (<code>--baseline</code>), so there is nothing to compare with.</p>';
  const t = ch.totals;
  const who = (u: { email: string; id: string }) => esc(u.email || u.id);
  const roles = (r: string[]) => (r.length ? esc(r.join(', ')) : 'no roles');
  const items = [
    ...ch.users_added.map((u) => `<li>New user ${who(u)}: ${roles(u.roles)}</li>`),
    ...ch.users_removed.map((u) => `<li>Removed user ${who(u)} (had ${roles(u.roles)})</li>`),
    ...ch.access_changed.map((c) => {
      const delta = [
        ...c.roles_granted.map((r) => `+${r}`),
        ...c.roles_removed.map((r) => `−${r}`),
        ...c.groups_joined.map((g) => `joined ${g}`),
        ...c.groups_left.map((g) => `left ${g}`),
      ];
      return `<li>${who(c)}: ${esc(delta.join(', '))}</li>`;
    }),
    ...ch.groups_added.map((g) => `<li>New group ${esc(g.name)}</li>`),
    ...ch.groups_removed.map((g) => `<li>Removed group ${esc(g.name)}</li>`),
  ];
  return `<p>Since the baseline collected at ${esc(ch.baseline.collected_at ?? 'an unknown time')}: ${t.users_added} users added, ${t.users_removed} removed, ${t.gained_access} gained access, ${t.lost_access} lost access, ${t.groups_added} groups added, ${t.groups_removed} removed.</p>
${items.length ? `<ul>${items.join('\n')}</ul>` : '<p>No access changed.</p>'}`;
}
