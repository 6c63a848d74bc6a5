/**
 * The HTML access table as it was rendered before the per-grant rewrite (src/report/html/access.ts), kept to
 * check that the rewrite gives the same bytes (test/report/rewrites.test.ts). Not used by the tool.
 */
import type { AccessDocument } from '../../../src/model/document.js';
import { esc, table } from '../../../src/report/html/escape.js';
import { resourceLabel } from '../../../src/report/resource-label.js';
import { byEmailKey, sortedBy } from '../../../src/shared/order.js';

export function accessSectionBefore(doc: AccessDocument): string {
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
