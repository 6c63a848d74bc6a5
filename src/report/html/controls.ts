/** Verdict header, the controls chart (status × severity) and the controls table. */
import { type ControlStatus, type ReviewResult, SEVERITIES, severityRank } from '../../model/result.js';
import { sortedBy } from '../../shared/order.js';
import { computeTotals } from '../evidence-totals.js';
import { verdictOf } from '../verdict.js';
import { esc, table } from './escape.js';

export const STATUSES: ControlStatus[] = ['fail', 'error', 'unknown', 'pass', 'skipped'];
const COLOURS: Record<ControlStatus, string> = {
  fail: '#a4161a',
  error: '#7a3e00',
  unknown: '#5b3f8c',
  pass: '#1d6b34',
  skipped: '#6b7280',
};

export const statusCell = (s: ControlStatus) => `<span class="status status-${s}">${s.toUpperCase()}</span>`;

export function verdictBlock(result: ReviewResult): string {
  const verdict = verdictOf(result);
  const t = computeTotals(result);
  const parts = [
    `${t.findings.total} open finding${t.findings.total === 1 ? '' : 's'} (${SEVERITIES.map((s) => `${t.findings[s]} ${s}`).join(', ')})`,
    `${t.excepted} excepted`,
    `${t.controls.fail} of ${t.controls.total} controls failing`,
    `${t.controls.error} errored`,
    `${t.controls.unknown} unknown`,
    `${t.controls.skipped} skipped`,
  ];
  return `<p><span class="verdict verdict-${verdict}">Verdict: ${verdict}</span></p>
<p>${esc(parts.join(' · '))}.</p>${result.complete ? '' : '<p class="note"><strong>Collection incomplete:</strong> not every page of every endpoint was read; no control can pass.</p>'}`;
}

/** Horizontal stacked bars: one per severity, segments by status, with a text equivalent in a table. */
export function controlsChart(result: ReviewResult): string {
  const counts = SEVERITIES.map((sev) => {
    const row = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
    for (const c of result.controls) if (c.severity === sev) row[c.status] += 1;
    return { sev, row, total: STATUSES.reduce((n, s) => n + row[s], 0) };
  });
  const max = Math.max(1, ...counts.map((c) => c.total));
  const width = 520;
  const bars = counts
    .map(({ sev, row, total }, i) => {
      let x = 90;
      const y = 10 + i * 30;
      const segments = STATUSES.filter((s) => row[s] > 0)
        .map((s) => {
          const w = Math.max(2, Math.round((row[s] / max) * width));
          const rect = `<rect x="${x}" y="${y}" width="${w}" height="20" fill="${COLOURS[s]}"><title>${sev}: ${row[s]} ${s}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="0" y="${y + 15}">${sev}</text>${segments}<text x="${x + 6}" y="${y + 15}">${total}</text>`;
    })
    .join('');
  const legend = STATUSES.map(
    (s, i) =>
      `<rect x="${90 + i * 100}" y="135" width="12" height="12" fill="${COLOURS[s]}"></rect><text x="${106 + i * 100}" y="146">${s}</text>`,
  ).join('');
  const svg = `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 680 155" width="680" height="155"><title id="chart-title">Controls by severity and status</title>${bars}${legend}</svg>`;
  const rows = counts.map(({ sev, row, total }) => ({
    cells: [esc(sev), ...STATUSES.map((s) => String(row[s])), String(total)],
  }));
  return `<figure>${svg}<figcaption class="count">Each bar is a severity; its segments count the controls by status.</figcaption></figure>
${table('Controls by severity and status', ['Severity', ...STATUSES, 'total'], rows, { numeric: [1, 2, 3, 4, 5, 6] })}`;
}

export function controlsTable(result: ReviewResult): string {
  const rows = sortedBy(result.controls, (c) => [STATUSES.indexOf(c.status), -severityRank[c.severity], c.id]).map(
    (c) => ({
      cells: [
        statusCell(c.status),
        `<code>${esc(c.id)}</code> ${esc(c.title)}`,
        `<span data-sort="${5 - severityRank[c.severity]}">${esc(c.severity)}</span>`,
        String(c.findings.length),
        String(c.excepted.length),
        String(c.unknown.length),
        c.population === null ? '—' : String(c.population),
        esc(c.frameworks.join('; ')),
      ],
    }),
  );
  return table(
    'Every control, most urgent first (click a header to sort)',
    ['Status', 'Control', 'Severity', 'Findings', 'Excepted', 'Unknown', 'Population', 'Frameworks'],
    rows,
    { id: 'controls', sortable: true, numeric: [3, 4, 5, 6] },
  );
}
