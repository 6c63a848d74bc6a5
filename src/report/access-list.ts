/**
 * access-list.csv: who has what, one row per user × grant (role × resource), with how it was granted, the
 * identity and HR facts, and the latest review decision. Grant columns describe the row's grant; `user_*` columns
 * describe the person and repeat on each of their rows. Users without permissions get one row; pending
 * invites are listed too (kind "invite").
 *
 * Spreadsheet-safe (src/report/csv.ts): UTF-8 with a BOM (Excel then reads non-ASCII correctly), RFC 4180
 * quoting (any cell with a CR or LF is quoted), LF line ends, and cells starting with = + - @ (or a tab /
 * carriage return) prefixed with ' so they are never run as formulas. Missing facts are never invented:
 * "not_provided" when no export of that kind was given, "no_record" when one was given but did not list the
 * person.
 *
 * Each row is three pieces of CSV text: the person's columns before the grant columns, the grant's columns, the
 * person's columns after them. A person's pieces are encoded once for all their rows; a grant's once for every
 * user holding it, and the grant columns of a person's rows in order once for every user holding the same grant
 * set (grant-sets.ts; an invite's grants, those of its group, once per distinct grant: PerGrant).
 */
import type { AccessDocument, Label, Permission, User } from '../model/document.js';
import { compareText, compareTuple, sortedBy } from '../shared/order.js';
import { ChunkedText } from './chunked-text.js';
import { csvCell, csvRecord } from './csv.js';
import { forEachPerson } from './grant-sets.js';
import { PerGrant } from './per-grant.js';
import { type LatestDecisions, latestDecisions } from './review-decisions.js';

export { safeCell, toCsv } from './csv.js';

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

export const ACCESS_LIST_COLUMNS = [
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

const labelText = (labels: Label[]) =>
  labels.length === 0 ? '' : [...new Set(labels.map((l) => `${l.key}:${l.value}`))].sort(compareText).join(';');

/** A row's grant columns (role … group_name) as CSV, and the row's sort key within a person's rows. */
interface GrantRow {
  csv: string;
  order: string[];
}

function grantRow(cells: Record<(typeof GRANT_COLUMNS)[number], string>): GrantRow {
  const { role, resource_type, resource_id, granted_via, group_id, group_name } = cells;
  return {
    csv: csvRecord(GRANT_COLUMNS.map((c) => cells[c])),
    order: [role, resource_type, resource_id, granted_via, group_name, group_id],
  };
}

/** One row per resource of the permission (one row when it lists none). */
function grantRows(p: Permission): GrantRow[] {
  const group = p.via.type === 'group' ? p.via : null;
  const resources = p.resources.length ? p.resources : [null];
  return resources.map((r) =>
    grantRow({
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

/** The rows of these grants (each's rows), sorted (stable: rows with equal keys keep the grants' order). */
function sortedRows(grants: Iterable<readonly GrantRow[]>): GrantRow[] {
  const rows: GrantRow[] = [];
  for (const g of grants) for (const r of g) rows.push(r);
  return rows.length < 2 ? rows : rows.sort((a, b) => compareTuple(a.order, b.order));
}

/**
 * A person's row around the grant columns: `start` (the line end before the row, the person's columns and a comma)
 * and `end` (a comma and the person's other columns), each one flat string, not concatenations: they are made in
 * the document's order and read in output order (see accessListChunks), so each is read from one place.
 */
interface Around {
  start: string;
  end: string;
}

function person(doc: AccessDocument, u: User, reviews: LatestDecisions | undefined): Around {
  const id = u.identity;
  const noIdentity = doc.coverage.identity ? 'no_record' : 'not_provided';
  const noHr = doc.coverage.hr ? 'no_record' : 'not_provided';
  const d = reviews ? reviews.of(u.email_key) : null;
  const end = [
    '',
    csvCell(String(u.is_owner)),
    csvCell(String(u.is_admin)),
    csvCell(id ? (id.status ?? noIdentity) : noIdentity),
    csvCell(id ? (id.mfa ?? noIdentity) : noIdentity),
    csvCell(id ? (id.last_sign_in ?? 'unknown') : noIdentity),
    csvCell(u.hr?.employment_status ?? noHr),
    csvCell(u.hr?.termination_date ?? ''),
    reviews ? csvCell(reviews.campaign) : '',
    reviews ? (d ? csvCell(d.decision ?? 'not_reviewed') : 'not_reviewed') : 'not_provided',
    csvCell(d?.reviewer_email ?? ''),
    csvCell(d?.decided_at ?? ''),
  ].join(',');
  return { start: ['\nuser', csvCell(u.id), csvCell(u.email), csvCell(u.name), ''].join(','), end };
}

/** An invite's columns: only its kind and email; everything else empty. */
const invite = (email: string) => ({ head: `invite,,${csvCell(email)},`, tail: ',,,,,,,,,,' });

const NO_GRANT = ','.repeat(GRANT_COLUMNS.length - 1); // eight empty cells
const EMPTY = { role: '', resource_type: '', resource_id: '', resource_name: '', labels: '' };

function inviteRecords(doc: AccessDocument, cache: PerGrant<GrantRow[]>, write: (line: string) => void): void {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const invites = sortedBy(doc.invites, (i) => [i.email_key, i.via.type, i.via.type === 'group' ? i.via.group_id : '']);
  for (const i of invites) {
    const { head, tail } = invite(i.email);
    if (i.via.type === 'direct') {
      write(`${head},${grantRow({ ...EMPTY, granted_via: 'direct', group_id: '', group_name: '' }).csv},${tail}`);
      continue;
    }
    const via = i.via;
    const perms = (groups.get(via.group_id)?.permissions ?? []).map((p) => ({ ...p, via }));
    const rows = sortedRows(perms.map((p) => cache.get(p)));
    if (rows.length === 0) {
      const none = grantRow({ ...EMPTY, granted_via: 'group', group_id: via.group_id, group_name: via.group_name });
      write(`${head},${none.csv},${tail}`);
    }
    for (const g of rows) write(`${head},${g.csv},${tail}`);
  }
}

export function renderAccessList(doc: AccessDocument): string {
  return accessListChunks(doc).join('');
}

/** access-list.csv in chunks (renderAll hashes and writes them without joining them). */
export function accessListChunks(doc: AccessDocument): string[] {
  const reviews = latestDecisions(doc);
  const cache = new PerGrant(grantRows);
  const out = new ChunkedText();
  out.push(`\uFEFF${csvRecord(ACCESS_LIST_COLUMNS, false)}`);
  const write = (line: string) => {
    out.push('\n');
    out.push(line);
  };
  forEachPerson(
    doc,
    grantRows,
    (grants) => {
      const sorted = sortedRows(grants);
      return sorted.length === 0 ? [NO_GRANT] : sorted.map((r) => r.csv);
    },
    (u) => person(doc, u, reviews),
    ({ start, end }, rows) => {
      for (const g of rows) {
        out.push(start);
        out.push(g);
        out.push(end);
      }
    },
  );
  inviteRecords(doc, cache, write);
  out.push('\n');
  return out.parts();
}
