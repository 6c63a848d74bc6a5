/**
 * The exit code of a review that ran to the end (a run that failed is a UarError: exit 2, set by the CLI).
 *
 * 1 when any control at or above `failOn` severity (a control's findings carry its severity):
 *   - has at least one finding not covered by a live exception (whatever its status says);
 *   - has status `error`: it was not evaluated, so it can never count as passing, with or without
 *     `--fail-on-unknown` (below `failOn` it could not have produced a finding that matters);
 *   - has status `unknown`, when `failOnUnknown`.
 * With `failOnUnknown`, an incomplete collection (`complete: false`) also gives 1.
 * `skipped` controls (disabled in the config) never count. Otherwise 0.
 */
import { type ReviewResult, type Severity, severityRank } from '../model/result.js';

export function exitCodeFor(result: ReviewResult, failOn: Severity, failOnUnknown: boolean): 0 | 1 {
  if (failOnUnknown && !result.complete) return 1;
  for (const c of result.controls) {
    if (severityRank[c.severity] < severityRank[failOn]) continue;
    if (c.status === 'skipped') continue;
    if (c.findings.length > 0) return 1;
    if (c.status === 'error') return 1;
    if (c.status === 'unknown' && failOnUnknown) return 1;
  }
  return 0;
}
