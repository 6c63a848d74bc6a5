#!/usr/bin/env node
// Phase breakdown of one `uar-check run --snapshot` done in-process, stage by stage, with the library calls the
// CLI makes: load (module imports + policy bundle), read, enrich, evaluate, review (exceptions, hashes),
// render (with manifest.json), write. Read and enrich are timed on their own first, then runReview repeats them (so
// review = runReview − read − enrich − evaluate). Prints one line; the figures are indicative (one run).
//   node --expose-gc bench/phases.mjs SNAPSHOT CONFIG NOW
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [snapshot, configFile, now] = process.argv.slice(2);
const { loadConfig } = await import('../dist/config/config-file.js');
const { loadPolicies } = await import('../dist/engine/index.js');
const { enrichDocument } = await import('../dist/enrich/enrich.js');
const { renderAll, writeFilesAtomically } = await import('../dist/report/index.js');
const { withManifest } = await import('../dist/manifest/index.js');
const { runReview } = await import('../dist/review.js');
const { readSnapshot } = await import('../dist/source/snapshot.js');
const { BUILTIN_POLICIES, cacheDir } = await import('../dist/cli/paths.js');

const times = {};
const gc = globalThis.gc ?? (() => {});
const phase = async (name, fn) => {
  gc();
  const t = performance.now();
  const value = await fn();
  times[name] = performance.now() - t;
  return value;
};

const config = await loadConfig(configFile);
const policies = await loadPolicies({ policyDirs: [BUILTIN_POLICIES], cacheDir: cacheDir(process.env), baseDir: '.' });
times.load = performance.now(); // since the process started: Node, imports, config, bundle cache, WASM compile
const document = await phase('read', () => readSnapshot(snapshot));
await phase('enrich', () => enrichDocument(document, { identity: [] }));
const evaluate = policies.evaluate;
policies.evaluate = (...args) => {
  const t = performance.now();
  const value = evaluate(...args);
  times.evaluate = performance.now() - t;
  return value;
};
const review = await phase('runReview', () =>
  runReview({
    source: { kind: 'snapshot', file: snapshot },
    policies,
    config,
    enrich: { identity: [] },
    now: new Date(now),
    toolVersion: 'bench',
  }),
);
const files = await phase('render', () => {
  const { result } = review;
  const { files: rendered } = renderAll(review);
  const { tool, snapshot_sha256, bundle_sha256 } = result;
  return withManifest(rendered, { tool, snapshot_sha256, bundle_sha256 }); // as cli/commands/run.ts does
});
const out = mkdtempSync(join(tmpdir(), 'uar-bench-phases-'));
try {
  await phase('write', () => writeFilesAtomically(out, files));
} finally {
  rmSync(out, { recursive: true, force: true });
}
times.review = times.runReview - times.read - times.enrich - times.evaluate;
delete times.runReview;
const order = ['load', 'read', 'enrich', 'evaluate', 'review', 'render', 'write'];
console.log(order.map((k) => `${k} ${(times[k] / 1000).toFixed(2)} s`).join(', '));
