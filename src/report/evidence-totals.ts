/** Totals of a review: controls by status, findings by severity, excepted findings, unknown reasons. */
import type { ReviewResult, Severity } from '../model/result.js';

export interface Totals {
  controls: { total: number; pass: number; fail: number; unknown: number; error: number; skipped: number };
  findings: { total: number } & Record<Severity, number>;
  excepted: number;
  unknown: number;
  exceptions: { expired: number; unused: number };
}

export function computeTotals(result: ReviewResult): Totals {
  const controls = { total: 0, pass: 0, fail: 0, unknown: 0, error: 0, skipped: 0 };
  const findings = { total: 0, critical: 0, high: 0, medium: 0, low: 0 };
  let excepted = 0;
  let unknown = 0;
  for (const c of result.controls) {
    controls.total += 1;
    controls[c.status] += 1;
    findings.total += c.findings.length;
    findings[c.severity] += c.findings.length;
    excepted += c.excepted.length;
    unknown += c.unknown.length;
  }
  return {
    controls,
    findings,
    excepted,
    unknown,
    exceptions: { expired: result.exceptions.expired.length, unused: result.exceptions.unused.length },
  };
}
