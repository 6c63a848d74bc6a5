/** The short plain-text summary printed to the terminal (stderr or stdout, as the CLI decides). */
import type { ControlResult, ReviewResult } from '../model/result.js';
import { sortedBy } from '../shared/order.js';
import { printable } from '../shared/printable.js';
import { computeTotals } from './evidence-totals.js';
import { bySeverity, plural } from './markdown-text.js';
import type { SarifTruncation } from './sarif.js';
import { verdictOf } from './verdict.js';

// Names, titles and messages come from Segment and the policy files: printed, never read as terminal or CI commands.
const oneLine = (s: string) => printable(s).trim();

function unknownDetail(unknown: ControlResult['unknown']): string {
  const reasons = [...new Set(unknown.map((u) => oneLine(u.reason)))];
  return reasons.length === 1 ? reasons[0]! : plural(unknown.length, 'undecided subject');
}

export function renderCompactSummary(result: ReviewResult, truncated: SarifTruncation | null): string {
  const t = computeTotals(result);
  const verdict = verdictOf(result);
  const counts = [
    `${plural(t.findings.total, 'finding')}${t.findings.total ? ` (${bySeverity(t.findings)})` : ''}`,
    `${t.controls.fail} fail`,
    `${t.controls.pass} pass`,
    ...(t.controls.unknown ? [`${t.controls.unknown} unknown`] : []),
    ...(t.controls.error ? [`${t.controls.error} error`] : []),
    ...(t.controls.skipped ? [`${t.controls.skipped} skipped`] : []),
    ...(t.excepted ? [`${t.excepted} excepted`] : []),
  ];
  const lines = [
    `uar-check ${result.tool.version} · ${oneLine(result.workspace.name)} (${oneLine(result.workspace.slug)}) · ${result.evaluated_at}${result.complete ? '' : ' · INCOMPLETE DATA'}`,
    `${verdict}: ${counts.join(', ')}`,
  ];
  for (const c of sortedBy(result.controls, (x) => [x.id])) {
    const detail =
      c.status === 'error'
        ? `error: ${oneLine(c.error ?? '')}`
        : c.findings.length
          ? plural(c.findings.length, 'finding')
          : c.status === 'unknown'
            ? unknownDetail(c.unknown)
            : '';
    lines.push(
      `  ${c.status.toUpperCase().padEnd(8)}${oneLine(c.id).padEnd(9)}${c.severity.padEnd(9)}${oneLine(c.title)}${detail ? ` — ${detail}` : ''}`,
    );
  }
  const changes = result.changes;
  if (changes) {
    const ct = changes.totals;
    lines.push(
      `Changes since baseline: ${ct.users_added} users added, ${ct.users_removed} removed, ${ct.gained_access} gained access, ${ct.lost_access} lost access`,
    );
  }
  if (truncated)
    lines.push(
      `SARIF truncated to GitHub's limits: kept ${truncated.kept} of ${truncated.total} results (evidence.json has all).`,
    );
  if (result.exceptions.expired.length) lines.push(`${plural(result.exceptions.expired.length, 'exception')} expired.`);
  return `${lines.join('\n')}\n`;
}
