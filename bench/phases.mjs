#!/usr/bin/env node
// Phase breakdown of one `uar-check run --snapshot` done in-process, with the library calls the CLI makes:
// load (Node start, imports, config, bundle cache, WASM compile), then runReview's stages as it reports them
// (read, enrich, evaluate = the evaluation threads and, meanwhile on this thread, the snapshot's text (the slices
// of users are cut from it) and its hash, the input hashes, the access summary and access-list.csv; review =
// exceptions and the result), render (with manifest.json), write. Prints two lines: wall time per phase, then CPU time (user + sys: the figure to compare
// on a shared machine) and the peak RSS reached by the end of each phase. Indicative (one run).
//   node bench/phases.mjs SNAPSHOT CONFIG NOW
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [snapshot, configFile, now] = process.argv.slice(2);
const { loadConfig } = await import('../dist/config/config-file.js');
const { loadPolicies } = await import('../dist/engine/index.js');
const { renderAccessListFile, renderAll, writeFilesAtomically } = await import('../dist/report/index.js');
const { withManifest } = await import('../dist/manifest/index.js');
const { runReview } = await import('../dist/review.js');
const { BUILTIN_POLICIES, cacheDir } = await import('../dist/cli/paths.js');

const ORDER = ['load', 'read', 'enrich', 'evaluate', 'review', 'render', 'write'];
const wall = {};
const cpu = {};
const peak = {};
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let last = { wall: 0, cpu: 0 };
/** Ends a phase: the time since the previous one ended (load: since the process started). */
const mark = (name) => {
  const at = { wall: performance.now(), cpu: cpuNow() };
  wall[name] = at.wall - last.wall;
  cpu[name] = at.cpu - last.cpu;
  peak[name] = process.resourceUsage().maxRSS * 1024;
  last = at;
};

const config = await loadConfig(configFile);
const policies = await loadPolicies({ policyDirs: [BUILTIN_POLICIES], cacheDir: cacheDir(process.env), baseDir: '.' });
mark('load');
let accessList;
const review = await runReview({
  source: { kind: 'snapshot', file: snapshot },
  policies,
  config,
  enrich: { identity: [] },
  now: new Date(now),
  toolVersion: 'bench',
  onStage: mark,
  // As cli/commands/run.ts does: access-list.csv is rendered while the evaluation threads run.
  whileEvaluating: (document) => {
    accessList = renderAccessListFile(document);
  },
});
const { result } = review;
const { files: rendered } = renderAll(review, { accessList });
const { tool, snapshot_sha256, bundle_sha256 } = result;
const files = withManifest(rendered, { tool, snapshot_sha256, bundle_sha256 }); // as cli/commands/run.ts does
mark('render');
const out = mkdtempSync(join(tmpdir(), 'uar-bench-phases-'));
try {
  await writeFilesAtomically(out, files);
  mark('write');
} finally {
  rmSync(out, { recursive: true, force: true });
}
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(ORDER.map((k) => `${k} ${seconds(wall[k])}`).join(', '));
console.log(
  `  CPU (peak RSS so far): ${ORDER.map((k) => `${k} ${seconds(cpu[k])} (${(peak[k] / 2 ** 20).toFixed(0)} MiB)`).join(', ')}`,
);
