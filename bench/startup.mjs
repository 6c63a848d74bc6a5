#!/usr/bin/env node
// Start-up (issue 14): `uar-check --help` and the example workspace's run (the bundled example workspace saved
// as a snapshot, with its config, identity, HR and review files; built-in bundle, warm cache), each a whole
// process, repeated and alternating. Prints median wall time and median CPU time (user + system, from
// /usr/bin/time; it varies less than wall time on a shared machine). Asserts nothing about time.
//   npm run build && node bench/startup.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';
import { loadWorkspace, startLookalike } from '../dist/lookalike/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'bin.js');
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 11;
const hasTime = existsSync('/usr/bin/time');

const work = mkdtempSync(join(tmpdir(), 'uar-bench-startup-'));
const env = { ...process.env, UAR_CACHE_DIR: join(work, 'cache') };
delete env.SEGMENT_PUBLIC_API_TOKEN;
try {
  const snapshot = join(work, 'example-snapshot.json');
  await fetchExample(snapshot);
  const cases = {
    '--help': ['--help'],
    'example run (snapshot, warm cache)': [
      'run',
      '--snapshot',
      snapshot,
      '--config',
      'fixtures/example/uar-check.yaml',
      '--out-dir',
      join(work, 'out'),
      '--now',
      '2026-11-28T00:00:00Z',
    ],
  };
  for (const argv of Object.values(cases)) spawn(argv); // warm-up: fills the cache, as a user's second run finds it
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(cases)) times[name].push(spawn(argv));
  for (const [name, list] of Object.entries(times)) {
    const wall = median(list.map((t) => t.wall));
    const cpu = hasTime ? `, CPU ${median(list.map((t) => t.cpu)).toFixed(3)} s` : '';
    console.log(`${name}: median wall ${wall.toFixed(3)} s${cpu} (${RUNS} runs)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The example workspace, read from the look-alike once and saved as a snapshot (`uar-check fetch`). */
async function fetchExample(out) {
  const token = `sgp_${'demo'.repeat(16)}`;
  const lookalike = await startLookalike({
    workspace: await loadWorkspace(join(ROOT, 'fixtures/example/segment-workspace.json')),
    token,
    maxSeconds: 60,
  });
  try {
    const quiet = () => {};
    const code = await main(['fetch', '--api-url', lookalike.url, '--out', out], {
      stdout: quiet,
      stderr: quiet,
      env: { ...env, SEGMENT_PUBLIC_API_TOKEN: token },
      cwd: ROOT,
      stdin: process.stdin,
      isTTY: false,
    });
    if (code !== 0) throw new Error(`uar-check fetch exited ${code}`);
  } finally {
    await lookalike.close();
  }
}

function spawn(argv) {
  const timeFile = join(work, 'time.txt');
  const command = hasTime
    ? ['/usr/bin/time', ['-f', '%e %U %S', '-o', timeFile, process.execPath, CLI, ...argv]]
    : [process.execPath, [CLI, ...argv]];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  // The example is built to find something: exit 1 is expected; 2 is a failed run.
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`uar-check ${argv.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-2000)}`);
  if (!hasTime) return { wall };
  const [, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: user + sys };
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
