#!/usr/bin/env node
// What users wait for (issue 14): the whole `uar-check run --snapshot` process with the built-in policies and a
// warm bundle cache (all five outputs written) against `opa eval` of the same policies on the same document,
// alternating in one run, on seeded realistic documents (bench/document.mjs). Wall time is the median of
// --runs runs; peak RSS comes from the OS (/usr/bin/time). Both must find the same findings. Then a phase
// breakdown of one in-process run (bench/phases.mjs). Prints the figures; asserts nothing about time.
//   npm run bench                                   (1,000, 10,000, 50,000 and 100,000 users; long)
//   npm run bench -- --sizes 1000,10000 --runs 3    (selected sizes)
//   options: --opa-max N (skip opa eval above N users), --no-phases
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOpa } from '../dist/engine/index.js';
import { mainRego } from '../dist/engine/main-rego.js';
import { benchDocument } from './document.mjs';
import { compareFindings, controlModules, findingsFromEvidence, findingsFromOpa } from './findings.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'bin.js');
const NOW = '2026-11-28T00:00:00Z';
const PARAMS = { allowed_domains: ['acme.com'] };

const args = parseArgs(process.argv.slice(2));
const opa = await findOpa();
const work = mkdtempSync(join(tmpdir(), 'uar-bench-'));
const env = { ...process.env, UAR_CACHE_DIR: join(work, 'cache') };
const hasTime = existsSync('/usr/bin/time');

console.log(
  `uar-check bench: Node ${process.version}, OPA ${opa.version}, ${args.runs} runs per size, ` +
    `load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);
if (!hasTime) console.log('(no /usr/bin/time: peak RSS not measured)');

const rows = [];
try {
  writeFileSync(join(work, 'config.yaml'), `params:\n  allowed_domains: [${PARAMS.allowed_domains.join(', ')}]\n`);
  writeFileSync(join(work, 'main.rego'), mainRego(controlModules(join(ROOT, 'policies'))));
  writeFileSync(join(work, 'data.json'), JSON.stringify({ params: PARAMS }));
  for (const users of args.sizes) {
    const snapshot = join(work, `snapshot-${users}.json`);
    writeFileSync(snapshot, `${JSON.stringify(benchDocument(users, new Date(NOW)), null, 2)}\n`);
    const bytes = readFileSync(snapshot).byteLength;
    const outDir = join(work, `out-${users}`);
    const uarArgs = [CLI, 'run', '--snapshot', snapshot, '--config', join(work, 'config.yaml'), '--out-dir', outDir];
    uarArgs.push('--now', NOW);
    const opaOut = join(work, `opa-${users}.json`);
    const opaArgs = ['eval', '--format', 'json', '--input', snapshot, '--data', join(ROOT, 'policies')];
    opaArgs.push('--data', join(work, 'main.rego'), '--data', join(work, 'data.json'), '--ignore', '*_test.rego');
    opaArgs.push(`data.uar.main.results with time.now_ns as ${BigInt(Date.parse(NOW)) * 1000000n}`);
    const runOpa = users <= args.opaMax;

    measure(process.execPath, uarArgs, null); // warm-up: fills the bundle cache, as a second run of a user would
    const uar = [];
    const opaRuns = [];
    for (let i = 0; i < args.runs; i++) {
      uar.push(measure(process.execPath, uarArgs, null));
      if (runOpa) opaRuns.push(measure(opa.path, opaArgs, opaOut));
    }
    let same = 'not compared';
    if (runOpa) {
      const diff = compareFindings(
        findingsFromEvidence(JSON.parse(readFileSync(join(outDir, 'evidence.json'), 'utf8'))),
        findingsFromOpa(JSON.parse(readFileSync(opaOut, 'utf8'))),
      );
      same = diff ?? 'same findings';
    }
    const findings = JSON.parse(readFileSync(join(outDir, 'evidence.json'), 'utf8')).controls.reduce(
      (n, c) => n + c.findings.length,
      0,
    );
    const row = { users, bytes, findings, uar: summarise(uar), opa: runOpa ? summarise(opaRuns) : null, same };
    rows.push(row);
    console.log(formatRow(row));
    if (args.phases) {
      const phases = spawnSync(
        process.execPath,
        [join(ROOT, 'bench', 'phases.mjs'), snapshot, join(work, 'config.yaml'), NOW],
        { env, encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (phases.status !== 0) throw new Error(`phases.mjs failed: ${phases.stderr}`);
      console.log(`  phases (one in-process run): ${phases.stdout.trim()}`);
    }
    rmSync(opaOut, { force: true });
    rmSync(snapshot, { force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log('');
  console.log(table(rows));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** One process, timed by /usr/bin/time: wall seconds and peak RSS (MiB). stdout goes to `out` or nowhere. */
function measure(command, argv, out) {
  const timeFile = join(work, 'time.txt');
  const start = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...argv], {
        env,
        maxBuffer: 1 << 30,
        stdio: ['ignore', out ? 'pipe' : 'ignore', 'pipe'],
      })
    : spawnSync(command, argv, { env, maxBuffer: 1 << 30, stdio: ['ignore', out ? 'pipe' : 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  // uar-check exits 1 when it finds something (it always does here); 2 is a failed run.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} ${argv.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-2000)}`);
  }
  if (out) writeFileSync(out, result.stdout);
  const rss = hasTime ? Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).pop()) / 1024 : Number.NaN;
  return { wall, rss };
}

function summarise(runs) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(runs.map((r) => r.wall)), rss: Math.max(...runs.map((r) => r.rss)), runs };
}

function formatRow(r) {
  const runs = (s) => s.runs.map((x) => x.wall.toFixed(2)).join(', ');
  const opaText = r.opa
    ? `opa eval ${r.opa.wall.toFixed(2)} s [${runs(r.opa)}], ${mib(r.opa.rss)}`
    : 'opa eval skipped';
  return (
    `${r.users} users (${(r.bytes / 1e6).toFixed(1)} MB, ${r.findings} findings): ` +
    `uar-check ${r.uar.wall.toFixed(2)} s [${runs(r.uar)}], ${mib(r.uar.rss)}; ${opaText}; ${r.same}`
  );
}

function table(all) {
  const lines = [
    '| users | snapshot | uar-check run (wall, peak RSS) | opa eval (wall, peak RSS) | ratio | findings |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of all) {
    const opaCell = r.opa ? `${r.opa.wall.toFixed(2)} s, ${mib(r.opa.rss)}` : '—';
    const ratio = r.opa ? `${(r.uar.wall / r.opa.wall).toFixed(2)}×` : '—';
    lines.push(
      `| ${r.users.toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(0)} MB | ${r.uar.wall.toFixed(2)} s, ${mib(r.uar.rss)} | ${opaCell} | ${ratio} | ${r.findings.toLocaleString('en-US')}${r.opa ? `, ${r.same}` : ''} |`,
    );
  }
  const small = all.find((r) => r.users === 10_000);
  const large = all.find((r) => r.users === 100_000);
  if (small && large)
    lines.push('', `growth 10k → 100k: ${(large.uar.wall / small.uar.wall).toFixed(1)}× (uar-check run)`);
  lines.push('', 'ratio = uar-check wall ÷ opa eval wall (medians, alternating runs in this process)');
  return lines.join('\n');
}

function mib(value) {
  return Number.isNaN(value)
    ? 'RSS n/a'
    : value >= 1024
      ? `${(value / 1024).toFixed(2)} GiB`
      : `${value.toFixed(0)} MiB`;
}

function parseArgs(argv) {
  const out = { sizes: [1000, 10_000, 50_000, 100_000], runs: 3, opaMax: Number.POSITIVE_INFINITY, phases: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes')
      out.sizes = argv[++i].split(',').map((s) => Number(s.replace(/[_k]/g, (m) => (m === 'k' ? '000' : ''))));
    else if (a === '--runs') out.runs = Number(argv[++i]);
    else if (a === '--opa-max') out.opaMax = Number(argv[++i]);
    else if (a === '--no-phases') out.phases = false;
    else throw new Error(`unknown option ${a} (see the comment at the top of bench/run.mjs)`);
  }
  if (!out.sizes.every((n) => Number.isInteger(n) && n > 0) || !(out.runs >= 1)) {
    throw new Error('--sizes takes a comma list of user counts (e.g. 1000,10000) and --runs a number ≥ 1');
  }
  mkdirSync(tmpdir(), { recursive: true });
  return out;
}
