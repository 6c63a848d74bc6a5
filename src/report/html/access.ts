/** The access list (who has what, with search) and the changes since the baseline. */
import type { AccessDocument, Permission } from '../../model/document.js';
import type { ReviewResult } from '../../model/result.js';
import { compareTuple, sortedBy } from '../../shared/order.js';
import { ChunkedText } from '../chunked-text.js';
import { forEachPerson } from '../grant-sets.js';
import { resourceLabel } from '../resource-label.js';
import { esc, TABLE_END, tableHead } from './escape.js';

/** The access section's body, in chunks (the table has a row per person and grant). */
export function accessSection(doc: AccessDocument): string[] {
  const head = `<div class="filters" data-filter-for="access" role="search" aria-label="Search the access list">
<label>Search<input type="search" placeholder="email, role, resource, group…"></label>
<span class="count" aria-live="polite"></span></div>
${tableHead('One row per person and grant; "Owner" describes the person (access-list.csv has every column)', ['Email', 'Name', 'Role', 'Resource', 'Granted via', 'Owner', 'Identity', 'HR'], { id: 'access', sortable: true })}`;
  return [head, ...accessRows(doc), TABLE_END];
}

/** A grant's three cells (role, resource, granted via) as HTML, and their text to sort a person's rows by. */
interface GrantCells {
  html: string;
  key: [string, string, string];
}

/**
 * One per resource of the permission (one when it lists none), sorted as a person's rows are: a person's rows
 * are then these when they hold one permission, and sorting the concatenation of several permissions' sorted
 * cells gives the same order as sorting them unsorted (the sort is stable).
 */
function grantCells(p: Permission): GrantCells[] {
  const via = p.via.type === 'group' ? `group ${p.via.group_name}` : 'direct';
  const cells = (p.resources.length ? p.resources : [null]).map((r): GrantCells => {
    const resource = r ? `${r.type}: ${resourceLabel(r)}` : '—';
    return {
      html: `<td>${esc(p.role_name)}</td><td>${esc(resource)}</td><td>${esc(via)}</td>`,
      key: [p.role_name, resource, via],
    };
  });
  return cells.length < 2 ? cells : cells.sort(byKey);
}

const byKey = (a: GrantCells, b: GrantCells) => compareTuple(a.key, b.key);

const NO_GRANT: GrantCells[] = [{ html: '<td>(no role)</td><td>—</td><td>—</td>', key: ['', '', ''] }];

/**
 * The access table's rows (as table() writes them), one person at a time (people by email key, then their
 * grants by role, resource, granted via), then invites. A grant's cells are escaped once for every person holding
 * it, and a person's grant cells sorted once for every person holding the same grant set (grant-sets.ts).
 */
function accessRows(doc: AccessDocument): string[] {
  const out = new ChunkedText();
  const noIdentity = doc.coverage.identity ? 'no record' : 'not provided';
  const noHr = doc.coverage.hr ? 'no record' : 'not provided';
  let first = true;
  forEachPerson(
    doc,
    grantCells,
    (grants) => {
      const sorted = sortedGrants(grants);
      return (sorted.length ? sorted : NO_GRANT).map((g) => g.html);
    },
    // The person's cells before and after the grant cells, as flat strings (joined, not concatenated), so each
    // is read back from one place in output order.
    (u) => ({
      // one per row; the table's first has no \n
      start: ['\n<tr><td>', esc(u.email), '</td><td>', esc(u.name), '</td>'].join(''),
      rest: [
        '<td>',
        u.is_owner ? 'yes' : 'no',
        '</td><td>',
        esc(u.identity ? `${u.identity.status}, MFA ${u.identity.mfa}` : noIdentity),
        '</td><td>',
        esc(u.hr ? u.hr.employment_status : noHr),
        '</td></tr>',
      ].join(''),
    }),
    ({ start, rest }, cells) => {
      for (const grant of cells) {
        out.push(first ? start.slice(1) : start);
        out.push(grant);
        out.push(rest);
        first = false;
      }
    },
  );
  for (const i of sortedBy(doc.invites, (x) => [x.email_key])) {
    const via = esc(i.via.type === 'group' ? `group ${i.via.group_name}` : 'direct');
    const start = `\n<tr><td>${esc(i.email)}</td><td>(pending invite)</td>`;
    out.push(first ? start.slice(1) : start);
    out.push(`<td>—</td><td>—</td><td>${via}</td>`);
    out.push('<td>no</td><td>—</td><td>—</td></tr>');
    first = false;
  }
  return out.parts();
}

/** The grants' cells, sorted by role, resource, granted via (stable: equal keys keep the grants' order). */
function sortedGrants(grants: readonly (readonly GrantCells[])[]): GrantCells[] {
  const all: GrantCells[] = [];
  for (const g of grants) for (const c of g) all.push(c);
  return all.length < 2 ? all : all.sort(byKey);
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
