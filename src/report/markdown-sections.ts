/** Summary sections: what could not be evaluated, exceptions, changes since the last review, SARIF limits. */
import type { Changes } from '../model/changes.js';
import type { Exception, ReviewResult } from '../model/result.js';
import type { DecisionOnChangedAccess } from '../model/worksheet.js';
import { compareTuple, sortedBy } from '../shared/order.js';
import { exceptionTrail } from './markdown-accepted.js';
import { capped, md, plural } from './markdown-text.js';
import type { SarifTruncation } from './sarif.js';

const MAX_LIST = 50;

function list<T>(items: T[], line: (item: T) => string): string[] {
  const { shown, more } = capped(items, MAX_LIST);
  return [...shown.map((i) => `- ${line(i)}`), ...(more ? [`- … and ${more} more (see evidence.json)`] : [])];
}

export function notEvaluated(result: ReviewResult): string[] {
  const out: string[] = [];
  if (!result.complete)
    out.push(
      '- **Collection incomplete**: not every page of every endpoint was read; a missing user cannot be judged.',
    );
  for (const i of result.collection?.incomplete ?? [])
    out.push(`- **Read in part**: ${md(i.endpoint)}: ${md(i.reason)}`);
  for (const u of result.collection?.unavailable ?? []) {
    const what = u.feature === 'groups' ? 'user groups' : 'the audit trail';
    const said = u.message ? ` (Segment said: ${md(u.message)})` : '';
    out.push(`- **Not offered by the workspace's plan**: ${what}, HTTP ${u.status} from ${md(u.endpoint)}${said}`);
  }
  const removed = result.collection?.removed_during_collection ?? [];
  if (removed.length > 0) {
    const who = removed.map((r) => `${r.type} ${md(r.email ?? r.id)}${r.email ? ` (${md(r.id)})` : ''}`).join(', ');
    out.push(`- **Removed during the collection** (gone when read, left out of this review): ${who}`);
  }
  for (const n of result.collection?.resource_names ?? []) {
    if (n.read) continue;
    const said = n.message ? ` (${md(n.message)})` : '';
    const status = n.status === null ? 'no answer' : `HTTP ${n.status}`;
    out.push(`- **Resource names not read**: ${n.type}, ${status} from ${md(n.endpoint)}${said}; shown by id only`);
  }
  for (const c of result.controls) {
    const name = `**${md(c.id)}** ${md(c.title)}`;
    if (c.status === 'error') out.push(`- ${name}: error: ${md(c.error ?? 'unknown error')}`);
    if (c.status === 'skipped') out.push(`- ${name}: skipped (disabled in the configuration; see Accepted risks)`);
    if (c.unknown.length === 0) continue;
    const reasons = new Map<string, number>();
    for (const u of c.unknown) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
    const grouped = [...reasons].sort((a, b) => compareTuple([-a[1], a[0]], [-b[1], b[0]]));
    const text = grouped.map(([reason, n]) => `${md(reason)} (${plural(n, 'subject')})`).join('; ');
    out.push(`- ${name}: ${c.status === 'unknown' ? 'unknown' : 'partly unknown'}: ${text}`);
  }
  return out.length ? ['## What could not be evaluated', '', ...out, ''] : [];
}

const exceptionLine = (e: Exception) => `${md(e.control)} for ${md(e.subject)}: ${md(e.reason)} (${exceptionTrail(e)})`;

export function exceptionsSection(result: ReviewResult): string[] {
  const { expired, unused } = result.exceptions;
  if (expired.length + unused.length === 0) return [];
  const order = (e: Exception) => [e.control, e.subject, e.expires];
  return [
    '## Exceptions to review',
    '',
    ...(expired.length
      ? ['Expired (no longer applied):', '', ...list(sortedBy(expired, order), exceptionLine), '']
      : []),
    ...(unused.length
      ? ['Unused (matched no finding; remove them):', '', ...list(sortedBy(unused, order), exceptionLine), '']
      : []),
  ];
}

export function changesSection(changes: Changes): string[] {
  const t = changes.totals;
  const who = (u: { email: string; id: string }) => md(u.email || u.id);
  const roles = (r: string[]) => (r.length ? r.map(md).join(', ') : 'no roles');
  const delta = (c: Changes['access_changed'][number]) =>
    [
      ...c.roles_granted.map((r) => `+${md(r)}`),
      ...c.roles_removed.map((r) => `−${md(r)}`),
      ...c.groups_joined.map((g) => `joined group ${md(g)}`),
      ...c.groups_left.map((g) => `left group ${md(g)}`),
    ].join(', ');
  const since = changes.baseline.collected_at ? ` (baseline collected ${md(changes.baseline.collected_at)})` : '';
  const body = [
    `${plural(t.users_added, 'user')} added, ${t.users_removed} removed; ${t.gained_access} gained access, ${t.lost_access} lost access; ${plural(t.groups_added, 'group')} added, ${t.groups_removed} removed.`,
    '',
    ...(changes.users_added.length
      ? ['New users:', '', ...list(changes.users_added, (u) => `${who(u)}: ${roles(u.roles)}`), '']
      : []),
    ...(changes.users_removed.length
      ? ['Removed users:', '', ...list(changes.users_removed, (u) => `${who(u)}: had ${roles(u.roles)}`), '']
      : []),
    ...(changes.access_changed.length
      ? ['Access changed:', '', ...list(changes.access_changed, (c) => `${who(c)}: ${delta(c)}`), '']
      : []),
    ...(changes.groups_added.length ? ['New groups:', '', ...list(changes.groups_added, (g) => md(g.name)), ''] : []),
    ...(changes.groups_removed.length
      ? ['Removed groups:', '', ...list(changes.groups_removed, (g) => md(g.name)), '']
      : []),
  ];
  return [`## Access changes since the last review${since}`, '', ...body];
}

export function sarifNote(truncated: SarifTruncation): string {
  return (
    `results.sarif holds the ${truncated.kept.toLocaleString('en-US')} most severe of ${truncated.total.toLocaleString('en-US')} findings: ` +
    'GitHub code scanning rejects more than 25,000 results per run or more than 10 MB gzipped (and shows at most 5,000); ' +
    'alerts for the findings left out may show as fixed there. evidence.json lists every finding.'
  );
}

/** With a campaign worksheet as the review file: decisions taken on access that has changed since. */
export function worksheetSection(changed: DecisionOnChangedAccess[]): string[] {
  if (changed.length === 0) return [];
  return [
    '## Decisions on access that changed since the worksheet',
    '',
    'These decisions were taken on the access the worksheet showed, which is no longer the access the user has: review them again.',
    '',
    ...list(
      changed,
      (c) =>
        `${md(c.subject_email)}: ${c.decision} by ${md(c.reviewer_email || '(no reviewer)')} (campaign ${md(c.campaign)}); shown ${md(c.shown || 'no grants')}; now ${md(c.now ?? 'no access')}`,
    ),
    '',
  ];
}
