/**
 * access-list.csv: who has what, one row per user × grant (role × resource), with how it was granted, the
 * identity and HR facts, and the latest review decision. Grant columns describe the row's grant; `user_*` columns
 * describe the person and repeat on each of their rows. Users without permissions get one row; pending
 * invites are listed too (kind "invite").
 *
 * Spreadsheet-safe: UTF-8 with a BOM (Excel then reads non-ASCII correctly), RFC 4180 quoting (any cell with a
 * CR or LF is quoted), LF line ends, and cells starting with = + - @ (or a tab / carriage return) prefixed with ' so they are never run as
 * formulas. Missing facts are never invented: "not_provided" when no export of that kind was given,
 * "no_record" when one was given but did not list the person.
 */
import { stringify } from 'csv-stringify/sync';
import type { AccessDocument, Label, Permission, User } from '../model/document.js';
import { compareText, sortedBy } from '../shared/order.js';
import { type LatestDecision, latestDecisions } from './review-decisions.js';

export const ACCESS_LIST_COLUMNS = [
  'kind',
  'user_id',
  'email',
  'name',
  'role',
  'resource_type',
  'resource_id',
  'resource_name',
  'labels',
  'granted_via',
  'group_id',
  'group_name',
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
type Row = Record<(typeof ACCESS_LIST_COLUMNS)[number], string>;

/** Neutralise spreadsheet formulas (CSV injection). */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const labelText = (labels: Label[]) =>
  [...new Set(labels.map((l) => `${l.key}:${l.value}`))].sort(compareText).join(';');

function grantCells(p: Permission): Partial<Row>[] {
  const via =
    p.via.type === 'group'
      ? { granted_via: 'group', group_id: p.via.group_id, group_name: p.via.group_name }
      : { granted_via: 'direct' };
  const resources = p.resources.length ? p.resources : [null];
  return resources.map((r) => ({
    role: p.role_name,
    resource_type: r?.type ?? '',
    resource_id: r?.id ?? '',
    resource_name: r?.name ?? '',
    labels: labelText([...p.labels, ...(r?.labels ?? [])]),
    ...via,
  }));
}

function personCells(doc: AccessDocument, u: User, review: LatestDecision | undefined): Partial<Row> {
  const missing = (given: boolean) => (given ? 'no_record' : 'not_provided');
  return {
    kind: 'user',
    user_id: u.id,
    email: u.email,
    name: u.name,
    user_is_owner: String(u.is_owner),
    user_is_admin: String(u.is_admin),
    identity_status: u.identity?.status ?? missing(doc.coverage.identity),
    mfa: u.identity?.mfa ?? missing(doc.coverage.identity),
    last_sign_in: u.identity ? (u.identity.last_sign_in ?? 'unknown') : missing(doc.coverage.identity),
    hr_status: u.hr?.employment_status ?? missing(doc.coverage.hr),
    termination_date: u.hr?.termination_date ?? '',
    review_campaign: review?.campaign ?? '',
    review_decision: review ? (review.decision?.decision ?? 'not_reviewed') : 'not_provided',
    reviewer: review?.decision?.reviewer_email ?? '',
    decided_at: review?.decision?.decided_at ?? '',
  };
}

const rowOrder = (r: Partial<Row>) => [
  r.role ?? '',
  r.resource_type ?? '',
  r.resource_id ?? '',
  r.granted_via ?? '',
  r.group_name ?? '',
  r.group_id ?? '',
];

function inviteRows(doc: AccessDocument): Partial<Row>[] {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const invites = sortedBy(doc.invites, (i) => [i.email_key, i.via.type, i.via.type === 'group' ? i.via.group_id : '']);
  return invites.flatMap((i) => {
    const base = { kind: 'invite', email: i.email };
    if (i.via.type === 'direct') return [{ ...base, granted_via: 'direct' }];
    const via = i.via;
    const perms = groups.get(via.group_id)?.permissions ?? [];
    const grants = perms.map((p) => ({ ...p, via }));
    const rows = sortedBy(grants.flatMap(grantCells), rowOrder);
    return (rows.length ? rows : [{ granted_via: 'group', group_id: via.group_id, group_name: via.group_name }]).map(
      (r) => ({ ...base, ...r }),
    );
  });
}

export function renderAccessList(doc: AccessDocument): string {
  const review = latestDecisions(doc);
  const rows: Partial<Row>[] = [];
  for (const u of sortedBy(doc.users, (x) => [x.email_key, x.id])) {
    const person = personCells(doc, u, review?.(u.email_key));
    const grants = sortedBy(u.permissions.flatMap(grantCells), rowOrder);
    for (const g of grants.length ? grants : [{}]) rows.push({ ...person, ...g });
  }
  for (const row of inviteRows(doc)) rows.push(row);
  return toCsv(
    [...ACCESS_LIST_COLUMNS],
    rows.map((r) => ACCESS_LIST_COLUMNS.map((c) => r[c] ?? '')),
  );
}

/**
 * The CSV writer: BOM, LF record ends, RFC 4180 quoting, formula cells neutralised. A cell holding a carriage
 * return is quoted as well as one holding a line feed: spreadsheets end a row at a bare CR too, so
 * `carol\r=1+2@acme.com` unquoted would start a new row with a live formula.
 */
export function toCsv(columns: string[], records: string[][]): string {
  return stringify(
    records.map((r) => r.map(safeCell)),
    { header: true, columns, bom: true, record_delimiter: 'unix', quoted_match: /[\r\n]/ },
  );
}
