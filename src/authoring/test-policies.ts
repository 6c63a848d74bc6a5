/**
 * `uar-check test --policy DIR…`: runs `opa test` (with coverage) over all the policy directories together
 * (built-ins plus a team's own work the same way), then `opa check --strict` with the WASM capabilities file
 * and the access-document JSON Schema (a single schema file given to `--schema` types `input`), and renders
 * a readable report.
 */
import { opaErrorLines, opaMessage, runOpa } from '../shared/opa-cli.js';
import {
  type CoverageReport,
  describeCoverage,
  describeFailure,
  parseJson,
  type TestResult,
} from './opa-test-report.js';

export interface TestPoliciesOptions {
  policyDirs: string[];
  /** Path of the opa binary (or the engine's `{ path, version }`). */
  opa: string | { path: string };
  capabilitiesFile: string;
  schemaFile: string;
}

export async function testPolicies(options: TestPoliciesOptions): Promise<{ ok: boolean; report: string }> {
  const { policyDirs } = options;
  const opa = typeof options.opa === 'string' ? options.opa : options.opa.path;
  const lines: string[] = [];
  const tests = await runOpa(opa, ['test', '--format', 'json', '--explain', 'fails', ...policyDirs]);
  const results = parseJson<TestResult[]>(tests.stdout);
  let testsOk = false;
  if (!results) {
    lines.push(`opa test: ${opaMessage(tests)}`);
  } else {
    const failed = results.filter((r) => r.fail || r.error);
    const skipped = results.filter((r) => r.skip).length;
    testsOk = failed.length === 0 && tests.code === 0 && results.length > 0;
    const total = results.length;
    lines.push(`opa test: ${total - failed.length - skipped}/${total} passed${skipped ? `, ${skipped} skipped` : ''}`);
    for (const r of failed) lines.push(`  FAIL ${describeFailure(r)}`);
    if (total === 0) lines.push('  (no tests found: add test_* rules in *_test.rego files)');
  }
  if (testsOk) {
    const coverage = await runOpa(opa, ['test', '--coverage', '--format', 'json', ...policyDirs]);
    const report = parseJson<CoverageReport>(coverage.stdout);
    lines.push(...(report ? describeCoverage(report) : [`coverage: unavailable (${opaMessage(coverage)})`]));
  }
  const checkArgs = ['check', '--strict', '--capabilities', options.capabilitiesFile, '--schema', options.schemaFile];
  const check = await runOpa(opa, [...checkArgs, ...policyDirs]);
  const checkOk = check.ok;
  lines.push(
    checkOk
      ? 'opa check --strict (WASM builtins, document schema): ok'
      : 'opa check --strict (WASM builtins, document schema): failed',
  );
  if (!checkOk) lines.push(...opaErrorLines(check).map((l) => `  ${l}`));
  return { ok: testsOk && checkOk, report: `${lines.join('\n')}\n` };
}
