/**
 * The built-in policies give the same answers in WASM (what uar-check runs) as in OPA's own evaluator
 * (what `opa test` checks), on a generated workspace where every control finds something.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { findOpa, loadPolicies, type PolicySet } from '../../src/engine/index.js';
import { mainRego } from '../../src/engine/main-rego.js';
import { compareText } from '../../src/shared/order.js';

const NOW = new Date('2026-11-28T00:00:00Z');
const PARAMS = { allowed_domains: ['acme.com'] };
let policies: PolicySet;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uar-diff-'));
  policies = await loadPolicies({ policyDirs: ['policies'], cacheDir: join(dir, 'cache'), baseDir: process.cwd() });
});

/** Order-insensitive form: object keys sorted, and the findings/unknown sets sorted. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(canonical).sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

describe('WASM and OPA agree', () => {
  it('on every control of a generated 400-user workspace', async () => {
    const document = syntheticDocument(400, NOW);
    const wasm = await policies.evaluate(document, PARAMS, NOW);

    const opa = await findOpa();
    await writeFile(join(dir, 'input.json'), JSON.stringify(document));
    await writeFile(
      join(dir, 'main.rego'),
      mainRego(policies.controls.map((c) => c.package.split('.').pop() as string)),
    );
    await writeFile(join(dir, 'data.json'), JSON.stringify({ params: PARAMS }));
    const query = `data.uar.main.results with time.now_ns as ${NOW.getTime() * 1e6}`;
    const args = ['eval', '--format', 'json', '--input', join(dir, 'input.json'), '--data', 'policies'];
    args.push('--data', join(dir, 'main.rego'), '--data', join(dir, 'data.json'), '--ignore', '*_test.rego', query);
    const topdown = JSON.parse(execFileSync(opa.path, args, { encoding: 'utf8', maxBuffer: 1 << 28 })).result[0]
      .expressions[0].value;

    let findings = 0;
    for (const control of policies.controls) {
      const output = wasm.outputs.get(control.id);
      findings += output?.findings.length ?? 0;
      const summary = topdown[control.package.split('.').pop() as string];
      const unwrapped = {
        findings: summary.findings[0],
        unknown: summary.unknown[0],
        population: summary.population[0],
      };
      expect(canonical(output), control.id).toEqual(canonical(unwrapped));
    }
    expect(findings).toBeGreaterThan(400); // the comparison is not vacuous
    // Every control but UAR-011 (no generic addresses) and UAR-013 (a recent campaign) finds something.
    for (const control of policies.controls.filter((c) => !['UAR-011', 'UAR-013'].includes(c.id))) {
      expect(wasm.outputs.get(control.id)?.findings.length, `${control.id} finds something`).toBeGreaterThan(0);
    }
  });
});
