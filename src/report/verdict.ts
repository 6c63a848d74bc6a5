/** The overall verdict the summary leads with (independent of --fail-on, which decides the exit code). */
import type { ReviewResult } from '../model/result.js';

export type Verdict = 'FAIL' | 'ERROR' | 'INCOMPLETE' | 'PASS';

/**
 * FAIL: at least one finding not covered by an exception. ERROR: no findings, but a control could not be
 * evaluated. INCOMPLETE: no findings, but a control could not decide or not everything was read. PASS otherwise:
 * a run that could not read or decide everything never says PASS.
 */
export function verdictOf(result: ReviewResult): Verdict {
  const active = result.controls.filter((c) => c.status !== 'skipped');
  if (active.some((c) => c.findings.length > 0)) return 'FAIL';
  if (active.some((c) => c.status === 'error')) return 'ERROR';
  if (!result.complete || active.some((c) => c.status === 'unknown')) return 'INCOMPLETE';
  return 'PASS';
}
