/**
 * access-list.csv as it was rendered before the per-grant rewrite (main at 77c2c5b, verbatim but for the
 * import paths): the reference the faster renderer must equal byte for byte (test/report/rewrites.test.ts).
 */
import type { AccessDocument, Label, Permission, User } from '../../../src/model/document.js';
import { ChunkedText } from '../../../src/report/chunked-text.js';
import { byEmailKey, compareText, sortedBy } from '../../../src/shared/order.js';
import { type LatestDecision, latestDecisions } from './review-decisions.js';

/** The columns that describe one grant (role … group_name); the rest describe the person. */
const GRANT_COLUMNS = [
  'role',
  'resource_type',
  'resource_id',
  'resource_name',
  'labels',
  'granted_via',
  'group_id',
  'group_name',
] as const;

const ACCESS_LIST_COLUMNS = [
  'kind',
  'user_id',
  'email',
  'name',
  ...GRANT_COLUMNS,
  'user_is_owner',
  'user_is_admin',
  'identity_status',
  'mfa',
  'last_sign_in',
  'hr_status',
  'termination_date',
  'review_campaign',
  'review_decision',
  'reviewer',
  'decided_at',
] as const;
type Column = (typeof ACCESS_LIST_COLUMNS)[number];
const AT = Object.fromEntries(ACCESS_LIST_COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

/** Neutralise spreadsheet formulas (CSV injection). */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const labelText = (labels: Label[]) =>
  labels.length === 0 ? '' : [...new Set(labels.map((l) => `${l.key}:${l.value}`))].sort(compareText).join(';');

/** The grant columns of a row (role … group_name, in column order) and its sort key. */
interface Grant {
  cells: string[];
  order: string[];
}
const GRANT_FIRST = AT.role;

function grant(cells: Record<(typeof GRANT_COLUMNS)[number], string>): Grant {
  const { role, resource_type, resource_id, granted_via, group_id, group_name } = cells;
  return {
    cells: GRANT_COLUMNS.map((c) => cells[c]),
    order: [role, resource_type, resource_id, granted_via, group_name, group_id],
  };
}

function grants(p: Permission): Grant[] {
  const group = p.via.type === 'group' ? p.via : null;
  const resources = p.resources.length ? p.resources : [null];
  return resources.map((r) =>
    grant({
      role: p.role_name,
      resource_type: r?.type ?? '',
      resource_id: r?.id ?? '',
      resource_name: r?.name ?? '',
      labels: labelText(r?.labels.length ? [...p.labels, ...r.labels] : p.labels),
      granted_via: group ? 'group' : 'direct',
      group_id: group?.group_id ?? '',
      group_name: group?.group_name ?? '',
    }),
  );
}

const byGrant = (grants: Grant[]) => sortedBy(grants, (g) => g.order);

/** The person columns of a user's rows, in column order (the grant columns empty, never written). */
function personCells(doc: AccessDocument, u: User, review: LatestDecision | undefined): string[] {
  const missing = (given: boolean) => (given ? 'no_record' : 'not_provided');
  const cells = ACCESS_LIST_COLUMNS.map(() => '');
  cells[AT.kind] = 'user';
  cells[AT.user_id] = u.id;
  cells[AT.email] = u.email;
  cells[AT.name] = u.name;
  cells[AT.user_is_owner] = String(u.is_owner);
  cells[AT.user_is_admin] = String(u.is_admin);
  cells[AT.identity_status] = u.identity?.status ?? missing(doc.coverage.identity);
  cells[AT.mfa] = u.identity?.mfa ?? missing(doc.coverage.identity);
  cells[AT.last_sign_in] = u.identity ? (u.identity.last_sign_in ?? 'unknown') : missing(doc.coverage.identity);
  cells[AT.hr_status] = u.hr?.employment_status ?? missing(doc.coverage.hr);
  cells[AT.termination_date] = u.hr?.termination_date ?? '';
  cells[AT.review_campaign] = review?.campaign ?? '';
  cells[AT.review_decision] = review ? (review.decision?.decision ?? 'not_reviewed') : 'not_provided';
  cells[AT.reviewer] = review?.decision?.reviewer_email ?? '';
  cells[AT.decided_at] = review?.decision?.decided_at ?? '';
  return cells;
}

/** An invite's columns: only its kind and email; everything else empty. */
function inviteCells(email: string): string[] {
  const cells = ACCESS_LIST_COLUMNS.map(() => '');
  cells[AT.kind] = 'invite';
  cells[AT.email] = email;
  return cells;
}

/**
 * A person's (or invite's) columns before and after the grant columns, as CSV, encoded once for all their rows;
 * each row is then those two parts around its grant's columns.
 */
interface Around {
  head: string;
  tail: string;
}
const GRANT_END = GRANT_FIRST + GRANT_COLUMNS.length;
const around = (cells: string[]): Around => ({
  head: csvRecord(cells.slice(0, GRANT_FIRST)),
  tail: csvRecord(cells.slice(GRANT_END)),
});
const NO_GRANT = ','.repeat(GRANT_COLUMNS.length - 1); // eight empty cells
const row = (p: Around, g: Grant | null) => [p.head, g ? csvRecord(g.cells) : NO_GRANT, p.tail].join(',');

const EMPTY = { role: '', resource_type: '', resource_id: '', resource_name: '', labels: '' };

function inviteRecords(doc: AccessDocument, write: (line: string) => void): void {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const invites = sortedBy(doc.invites, (i) => [i.email_key, i.via.type, i.via.type === 'group' ? i.via.group_id : '']);
  for (const i of invites) {
    const base = around(inviteCells(i.email));
    if (i.via.type === 'direct') {
      write(row(base, grant({ ...EMPTY, granted_via: 'direct', group_id: '', group_name: '' })));
      continue;
    }
    const via = i.via;
    const perms = groups.get(via.group_id)?.permissions ?? [];
    const rows = byGrant(perms.flatMap((p) => grants({ ...p, via })));
    if (rows.length === 0)
      write(row(base, grant({ ...EMPTY, granted_via: 'group', group_id: via.group_id, group_name: via.group_name })));
    for (const g of rows) write(row(base, g));
  }
}

export function renderAccessListBefore(doc: AccessDocument): string {
  const review = latestDecisions(doc);
  const out = new ChunkedText();
  out.push(`\uFEFF${csvRecord(ACCESS_LIST_COLUMNS, false)}`);
  const write = (line: string) => {
    out.push('\n');
    out.push(line);
  };
  for (const u of [...doc.users].sort(byEmailKey)) {
    const person = around(personCells(doc, u, review?.(u.email_key)));
    const rows = byGrant(u.permissions.flatMap(grants));
    if (rows.length === 0) write(row(person, null));
    for (const g of rows) write(row(person, g));
  }
  inviteRecords(doc, write);
  out.push('\n');
  return out.text();
}

const QUOTED = /[",\n\r]/;

/** One record, cells joined by commas; each cell neutralised (unless a header) and quoted when it must be. */
function csvRecord(cells: readonly string[], neutralise = true): string {
  return cells
    .map((cell) => {
      const value = neutralise ? safeCell(cell) : cell;
      return QUOTED.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(',');
}
