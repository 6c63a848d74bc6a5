/**
 * Reads `opa test --format json` results and `--coverage` reports, and renders them for people:
 * one line per failing test (file:line, test name, what failed), then coverage per file.
 */
import { readFileSync } from 'node:fs';
import { compareText } from '../shared/order.js';

export interface TestResult {
  location: { file: string; row: number };
  package: string;
  name: string;
  fail?: boolean;
  skip?: boolean;
  error?: { code?: string; message?: string };
  trace?: { Op: string; Location?: { file: string; row: number } | null }[];
}

export interface CoverageReport {
  coverage: number;
  files: Record<string, { coverage?: number; not_covered?: { start: { row: number }; end: { row: number } }[] }>;
}

export function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** "policies/x_test.rego:12 data.uar.tests.x_test.test_y: failed at line 15: count(findings) == 1" */
export function describeFailure(result: TestResult): string {
  const where = `${result.location.file}:${result.location.row} ${result.package}.${result.name}`;
  if (result.error) return `${where}: error: ${result.error.message ?? result.error.code ?? 'unknown error'}`;
  const failed = (result.trace ?? []).find(
    (t) => t.Op === 'Fail' && t.Location?.file && t.Location.row !== result.location.row,
  );
  if (!failed?.Location) return `${where}: failed`;
  const line = sourceLine(failed.Location.file, failed.Location.row);
  return `${where}: failed at ${failed.Location.file}:${failed.Location.row}${line ? `: ${line}` : ''}`;
}

export function describeCoverage(report: CoverageReport): string[] {
  const lines = [`coverage: ${report.coverage.toFixed(1)}%`];
  for (const [file, entry] of Object.entries(report.files).sort(([a], [b]) => compareText(a, b))) {
    const ranges = (entry.not_covered ?? []).map((r) =>
      r.start.row === r.end.row ? `${r.start.row}` : `${r.start.row}-${r.end.row}`,
    );
    const missed = [...new Set(ranges)];
    const pct = (entry.coverage ?? (missed.length > 0 ? 0 : 100)).toFixed(1).padStart(5);
    lines.push(`  ${pct}%  ${file}${missed.length > 0 ? `  (not covered: lines ${missed.join(', ')})` : ''}`);
  }
  return lines;
}

function sourceLine(file: string, row: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n')[row - 1]?.trim();
  } catch {
    return undefined;
  }
}
