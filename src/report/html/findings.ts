/** Findings (open and excepted) with filters, and what could not be evaluated. */
import type { ControlResult, Finding, ReviewResult } from '../../model/result.js';
import { severityRank } from '../../model/result.js';
import { compareText, compareTuple, sortedBy } from '../../shared/order.js';
import { subjectKey, subjectLabel } from '../canonical.js';
import { resourceLabel } from '../resource-label.js';
import { esc, table } from './escape.js';

/** A fact's value as text: a resource as `name (id)`, lists joined, objects as compact JSON. */
export function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(factText).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.id === 'string' && (typeof v.name === 'string' || typeof v.type === 'string'))
      return resourceLabel({ id: v.id, name: typeof v.name === 'string' ? v.name : null, type: String(v.type ?? '') });
    return JSON.stringify(value);
  }
  return String(value);
}

function facts(f: Finding): string {
  const entries = Object.keys(f.facts).sort(compareText);
  if (entries.length === 0) return '';
  return `<dl class="facts">${entries.map((k) => `<dt>${esc(k)}</dt><dd>${esc(factText(f.facts[k]))}</dd>`).join('')}</dl>`;
}

export function findingsSection(result: ReviewResult): string {
  const active = result.controls.filter((c) => c.status !== 'skipped');
  const all: { c: ControlResult; f: Finding; state: 'open' | 'excepted'; note: string }[] = [
    ...active.flatMap((c) => c.findings.map((f) => ({ c, f, state: 'open' as const, note: '' }))),
    ...active.flatMap((c) =>
      c.excepted.map((f) => ({
        c,
        f,
        state: 'excepted' as const,
        note: `excepted until ${f.exception.expires}: ${f.exception.reason}`,
      })),
    ),
  ];
  if (all.length === 0) return '<p>No findings.</p>';
  const rows = sortedBy(all, ({ c, f, state }) => [
    state === 'open' ? 0 : 1,
    -severityRank[c.severity],
    c.id,
    ...subjectKey(f.subject),
    f.message,
  ]).map(({ c, f, state, note }) => ({
    attrs: `data-severity="${esc(c.severity)}" data-control="${esc(c.id.toLowerCase())}" data-state="${state}"`,
    cells: [
      `<span data-sort="${5 - severityRank[c.severity]}">${esc(c.severity)}</span>`,
      `<code>${esc(c.id)}</code> ${esc(c.title)}`,
      esc(subjectLabel(f.subject)),
      esc(f.message),
      facts(f),
      state === 'open' ? 'open' : `excepted<br><small>${esc(note)}</small>`,
    ],
  }));
  const controls = sortedBy([...new Set(all.map((e) => e.c))], (c) => [c.id]);
  const options = (values: [string, string][]) =>
    [
      '<option value="">all</option>',
      ...values.map(([v, label]) => `<option value="${esc(v)}">${esc(label)}</option>`),
    ].join('');
  return `<div class="filters" data-filter-for="findings" role="search" aria-label="Filter findings">
<label>Severity<select data-key="severity">${options(['critical', 'high', 'medium', 'low'].map((s) => [s, s]))}</select></label>
<label>Control<select data-key="control">${options(controls.map((c) => [c.id.toLowerCase(), `${c.id} ${c.title}`]))}</select></label>
<label>State<select data-key="state">${options([
    ['open', 'open'],
    ['excepted', 'excepted'],
  ])}</select></label>
<label>Search<input type="search" placeholder="email, message, fact…"></label>
<span class="count" aria-live="polite"></span></div>
${table('Findings (click a header to sort)', ['Severity', 'Control', 'Subject', 'Finding', 'Facts', 'State'], rows, { id: 'findings', sortable: true })}`;
}

export function unknownsSection(result: ReviewResult): string {
  const items: string[] = [];
  if (!result.complete)
    items.push('<li><strong>Collection incomplete</strong>: not every page of every endpoint was read.</li>');
  const collection = result.collection;
  for (const i of collection?.incomplete ?? [])
    items.push(`<li><strong>Read in part</strong>: ${esc(i.endpoint)}: ${esc(i.reason)}</li>`);
  for (const u of collection?.unavailable ?? []) {
    const what = u.feature === 'groups' ? 'user groups' : 'the audit trail';
    const said = u.message ? ` (Segment said: ${esc(u.message)})` : '';
    items.push(
      `<li><strong>Not offered by the workspace's plan</strong>: ${what}, HTTP ${u.status} from ${esc(u.endpoint)}${said}</li>`,
    );
  }
  const removed = collection?.removed_during_collection ?? [];
  if (removed.length > 0) {
    const who = removed.map((r) => `${r.type} ${r.email ?? r.id}${r.email ? ` (${r.id})` : ''}`).join(', ');
    items.push(`<li><strong>Removed during the collection</strong> (gone when read, left out): ${esc(who)}</li>`);
  }
  for (const n of collection?.resource_names ?? []) {
    if (n.read) continue;
    const said = n.message ? ` (${esc(n.message)})` : '';
    const status = n.status === null ? 'no answer' : `HTTP ${n.status}`;
    items.push(
      `<li><strong>Resource names not read</strong>: ${esc(n.type)}, ${status} from ${esc(n.endpoint)}${said}; shown by id only</li>`,
    );
  }
  for (const c of sortedBy(result.controls, (x) => [x.id])) {
    const name = `<code>${esc(c.id)}</code> ${esc(c.title)}`;
    if (c.status === 'error')
      items.push(`<li>${name}: <strong>error</strong>: ${esc(c.error ?? 'unknown error')}</li>`);
    if (c.status === 'skipped') items.push(`<li>${name}: skipped (disabled in the config; see Accepted risks)</li>`);
    if (c.unknown.length === 0) continue;
    const reasons = new Map<string, number>();
    for (const u of c.unknown) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
    const grouped = [...reasons].sort((a, b) => compareTuple([-a[1], a[0]], [-b[1], b[0]]));
    items.push(
      `<li>${name}: ${c.status === 'unknown' ? '<strong>unknown</strong>' : 'partly unknown'}<ul class="compact">${grouped
        .map(([reason, n]) => `<li>${esc(reason)} (${n} subject${n === 1 ? '' : 's'})</li>`)
        .join('')}</ul></li>`,
    );
  }
  return items.length ? `<ul>${items.join('\n')}</ul>` : '<p>Every control could be evaluated.</p>';
}
