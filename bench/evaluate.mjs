#!/usr/bin/env node
// Policy evaluation at scale: all 13 built-in controls in one WASM pass (as `uar-check run` does) versus OPA's
// own evaluator (`opa eval`) on the same document, for growing workspaces. Prints the figures; asserts nothing.
//   npm run build && node bench/evaluate.mjs [users…]      (default 1000 10000 50000)
// `opa eval` runs up to 10,000 users: its evaluator groups in quadratic time (policies/README.md §3).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOpa, loadPolicies } from '../dist/engine/index.js';
import { mainRego } from '../dist/engine/main-rego.js';
import { benchDocument } from './document.mjs';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const NOW = new Date('2026-11-28T00:00:00Z');

const time = async (fn) => {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const opa = await findOpa();
const dir = mkdtempSync(join(tmpdir(), 'uar-bench-eval-'));
const policies = await loadPolicies({
  policyDirs: ['policies'],
  cacheDir: join(dir, 'cache'),
  baseDir: process.cwd(),
  opa,
});
const params = { allowed_domains: ['acme.com'] };
writeFileSync(join(dir, 'main.rego'), mainRego(policies.controls.map((c) => c.package.split('.').pop())));
console.log(`OPA ${opa.version}, Node ${process.version}, ${policies.controls.length} controls`);
console.log('users    document   WASM eval (median of 3)   per user   findings   opa eval (process)');
let previous;
for (const users of sizes.length ? sizes : [1000, 10000, 50000]) {
  const doc = benchDocument(users, NOW);
  const json = JSON.stringify(doc);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await time(() => policies.evaluate(doc, params, NOW)));
  const wasm = median(runs.map((r) => r.ms));
  const findings = [...runs[0].value.outputs.values()].reduce((n, o) => n + o.findings.length, 0);
  let opaColumn = 'skipped (> 10,000 users)';
  if (users <= 10_000) {
    const input = join(dir, `input-${users}.json`);
    writeFileSync(input, json);
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ params, uar_check: {} }));
    const opaRun = await time(() =>
      execFileSync(
        opa.path,
        [
          'eval',
          '--format',
          'json',
          '--input',
          input,
          '--data',
          'policies',
          '--data',
          join(dir, 'main.rego'),
          '--data',
          join(dir, 'data.json'),
          '--ignore',
          '*_test.rego',
          `data.uar.main.results with time.now_ns as ${NOW.getTime() * 1e6}`,
        ],
        { maxBuffer: 1 << 30 },
      ),
    );
    const opaFindings = Object.values(JSON.parse(opaRun.value).result[0].expressions[0].value).reduce(
      (n, c) => n + (c.findings[0]?.length ?? 0), // each rule's value wrapped in an array (main-rego.ts)
      0,
    );
    opaColumn = `${opaRun.ms.toFixed(0).padStart(6)} ms (${opaFindings === findings ? 'same findings' : `DIFFERENT: ${opaFindings}`})`;
  }
  const perUser = (wasm / users) * 1000;
  const growth = previous
    ? `  (×${(wasm / previous.ms).toFixed(1)} time for ×${(users / previous.users).toFixed(0)} users)`
    : '';
  console.log(
    `${String(users).padEnd(8)} ${(json.length / 1e6).toFixed(1).padStart(5)} MB  ${wasm.toFixed(0).padStart(10)} ms              ${perUser.toFixed(1).padStart(6)} µs  ${String(findings).padStart(8)}   ${opaColumn}${growth}`,
  );
  previous = { ms: wasm, users };
}
