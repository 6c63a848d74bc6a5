/**
 * summary.md: for people and $GITHUB_STEP_SUMMARY. The verdict, one table row per control, the top findings
 * with their remediation, what could not be evaluated and why, exceptions to review, access changes since the
 * last review, and the SARIF truncation note. `compact: true` gives the short plain-text terminal version.
 */
import type { ControlResult, Finding, ReviewResult } from '../model/result.js';
import { sortedBy } from '../shared/order.js';
import { severityOrder, subjectKey, subjectLabel } from './canonical.js';
import { computeTotals } from './evidence-totals.js';
import { acceptedRisksSection } from './markdown-accepted.js';
import { renderCompactSummary } from './markdown-compact.js';
import { changesSection, exceptionsSection, notEvaluated, sarifNote, worksheetSection } from './markdown-sections.js';
import { bySeverity, md, plural, table } from './markdown-text.js';
import type { SarifTruncation } from './sarif.js';
import { verdictOf } from './verdict.js';

export interface SummaryOptions {
  /** What renderSarif left out (its `truncated`), when results.sarif is written; default none. */
  sarifTruncated?: SarifTruncation | null;
  compact?: boolean;
  /** How many findings the "Top findings" table shows (default 10). */
  topFindings?: number;
}

const STATUS = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN', error: 'ERROR', skipped: 'SKIPPED' } as const;

function headline(result: ReviewResult): string {
  const t = computeTotals(result);
  const verdict = verdictOf(result);
  const failing = result.controls.filter((c) => c.status !== 'skipped' && c.findings.length > 0).length;
  const parts = [
    verdict === 'FAIL'
      ? `${plural(t.findings.total, 'finding')} (${bySeverity(t.findings)}) in ${failing} of ${plural(t.controls.total, 'control')}`
      : `no findings in ${plural(t.controls.total, 'control')}`,
    ...(t.controls.error ? [`${plural(t.controls.error, 'control')} could not be evaluated`] : []),
    ...(t.controls.unknown ? [`${t.controls.unknown} could not decide`] : []),
    ...(t.excepted ? [`${t.excepted} excepted`] : []),
  ];
  return `**Verdict: ${verdict}** — ${parts.join('; ')}.`;
}

function controlsTable(result: ReviewResult): string[] {
  const rows = sortedBy(result.controls, (c) => [c.id]).map((c) => [
    STATUS[c.status],
    `${md(c.id)} ${md(c.title)}`,
    c.severity,
    String(c.findings.length),
    String(c.excepted.length),
    String(c.unknown.length),
    c.population === null ? '—' : String(c.population),
  ]);
  return table(
    ['Status', 'Control', 'Severity', 'Findings', 'Excepted', 'Unknown', 'Population'],
    ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
    rows,
  );
}

function topFindings(result: ReviewResult, max: number): string[] {
  const all: { c: ControlResult; f: Finding }[] = result.controls
    .filter((c) => c.status !== 'skipped')
    .flatMap((c) => c.findings.map((f) => ({ c, f })));
  if (all.length === 0) return [];
  const top = sortedBy(all, ({ c, f }) => [severityOrder(c.severity), c.id, ...subjectKey(f.subject), f.message]).slice(
    0,
    max,
  );
  const rows = top.map(({ c, f }) => [c.severity, md(c.id), md(subjectLabel(f.subject)), md(f.message)]);
  const shown =
    top.length < all.length ? `Showing the ${top.length} most severe of ${all.length}; evidence.json lists all.` : '';
  const controls = sortedBy([...new Set(top.map((e) => e.c))], (c) => [severityOrder(c.severity), c.id]);
  return [
    '## Top findings',
    '',
    ...table(['Severity', 'Control', 'Subject', 'Finding'], ['l', 'l', 'l', 'l'], rows),
    ...(shown ? ['', shown] : []),
    '',
    '### Remediation',
    '',
    ...controls.map((c) => `- **${md(c.id)} ${md(c.title)}**: ${md(c.remediation || 'no remediation text given')}`),
    '',
  ];
}

function ciLine(result: ReviewResult): string[] {
  const ci = result.provenance.ci;
  if (!ci) return [];
  const run = ci.run_url
    ? `[run ${md(ci.run_id)} attempt ${md(ci.run_attempt)}](${ci.run_url.replace(/[()\s]/g, encodeURIComponent)})`
    : `run ${md(ci.run_id)}`;
  return [
    '',
    `CI: GitHub Actions ${run} of ${md(ci.repository)} · workflow ${md(ci.workflow_ref)} · commit ${md(ci.sha.slice(0, 12))} · ${md(ci.event)} by ${md(ci.actor)}`,
  ];
}

export function renderSummary(result: ReviewResult, options: SummaryOptions = {}): string {
  const truncated = options.sarifTruncated ?? null;
  if (options.compact) return renderCompactSummary(result, truncated);
  const changes = result.changes;
  const w = result.workspace;
  const lines = [
    `# Access review: ${md(w.name)} (${md(w.slug)})`,
    '',
    headline(result),
    '',
    `Evaluated at ${md(result.evaluated_at)}${result.complete ? '' : ' (incomplete)'} · uar-check ${md(result.tool.version)}` +
      `${result.provenance.tool.commit ? ` (${md(result.provenance.tool.commit.slice(0, 12))})` : ''} · OPA ${md(result.opa_version)}`,
    '',
    `Data: ${md(result.provenance.source.description)}.`,
    ...ciLine(result),
    '',
    ...(truncated ? [`> **SARIF truncated.** ${sarifNote(truncated)}`, ''] : []),
    '## Controls',
    '',
    ...controlsTable(result),
    '',
    ...topFindings(result, options.topFindings ?? 10),
    ...notEvaluated(result),
    ...acceptedRisksSection(result),
    ...exceptionsSection(result),
    ...(changes ? changesSection(changes) : []),
    ...(result.worksheet ? worksheetSection(result.worksheet.changed) : []),
  ];
  while (lines.at(-1) === '') lines.pop();
  return `${lines.join('\n')}\n`;
}
