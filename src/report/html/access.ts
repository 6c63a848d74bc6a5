/** The access list (who has what, with search) and the changes since the baseline. */
import type { AccessDocument } from '../../model/document.js';
import type { ReviewResult } from '../../model/result.js';
import { byEmailKey, sortedBy } from '../../shared/order.js';
import { resourceLabel } from '../resource-label.js';
import { esc, table } from './escape.js';

export function accessSection(doc: AccessDocument): string {
  return `<div class="filters" data-filter-for="access" role="search" aria-label="Search the access list">
<label>Search<input type="search" placeholder="email, role, resource, group…"></label>
<span class="count" aria-live="polite"></span></div>
${table('One row per person and grant; "Owner" describes the person (access-list.csv has every column)', ['Email', 'Name', 'Role', 'Resource', 'Granted via', 'Owner', 'Identity', 'HR'], accessRows(doc), { id: 'access', sortable: true })}`;
}

/** The access table's rows, one person at a time (people by email key, then their grants), then invites. */
function* accessRows(doc: AccessDocument): Generator<{ cells: string[] }> {
  for (const u of [...doc.users].sort(byEmailKey)) {
    const grants = sortedBy(
      u.permissions.flatMap((p) =>
        (p.resources.length ? p.resources : [null]).map((r) => ({
          role: p.role_name,
          resource: r ? `${r.type}: ${resourceLabel(r)}` : '—',
          via: p.via.type === 'group' ? `group ${p.via.group_name}` : 'direct',
        })),
      ),
      (g) => [g.role, g.resource, g.via],
    );
    const email = esc(u.email);
    const name = esc(u.name);
    const owner = u.is_owner ? 'yes' : 'no';
    const identity = esc(
      u.identity ? `${u.identity.status}, MFA ${u.identity.mfa}` : doc.coverage.identity ? 'no record' : 'not provided',
    );
    const hr = esc(u.hr ? u.hr.employment_status : doc.coverage.hr ? 'no record' : 'not provided');
    for (const g of grants.length ? grants : [{ role: '(no role)', resource: '—', via: '—' }])
      yield { cells: [email, name, esc(g.role), esc(g.resource), esc(g.via), owner, identity, hr] };
  }
  for (const i of sortedBy(doc.invites, (x) => [x.email_key]))
    yield {
      cells: [
        esc(i.email),
        '(pending invite)',
        '—',
        '—',
        esc(i.via.type === 'group' ? `group ${i.via.group_name}` : 'direct'),
        'no',
        '—',
        '—',
      ],
    };
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
