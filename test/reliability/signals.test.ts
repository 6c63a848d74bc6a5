/**
 * SIGINT and SIGTERM sent to the real binary in each phase after the collection (the collection itself:
 * out-dir.test.ts): enrich, evaluate and write. Every run must exit 130/143 with one line on stderr, leave no
 * temporary file (in the out-dir or the temporary directory) and leave the out-dir holding one complete set —
 * the previous one, or (only when the line says the new outputs had already been written) the new one.
 *
 * The phases are reached by events, not by timing:
 *   - enrich: after the out-dir lock appears (the input checks are done), the identity export is replaced by a
 *     FIFO; the signal is sent once the run has opened it for reading (enrichment is reading its inputs), then
 *     the export's bytes are delivered (Node's exit waits for a read in progress);
 *   - evaluate: `UAR_OPA` is a wrapper that, for `opa eval` (the cross-check of custom controls, run after
 *     the WASM evaluation), marks that it started and waits: the signal is sent while it waits;
 *   - write: the signal is sent when the first temporary output file appears (outputs of a 3,000-user
 *     workspace). Whether the write finishes first is a matter of timing, so both outcomes are accepted — but
 *     each must match what the line says, and the files must be exactly one set.
 * Prints its counts.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { LOCK_NAME } from '../../src/cli/out-dir-lock.js';
import { findOpa } from '../../src/engine/index.js';

const NOW = '2026-11-28T00:00:00Z';
const BIN = 'dist/cli/bin.js';
const IDENTITY = 'fixtures/example/identity/google-users.csv';
const root = mkdtempSync(join(tmpdir(), 'uar-signals-'));
const tally = { runs: 0, exits: 0, oneSet: 0, leftovers: 0, hangs: 0 };
let small: string;
let big: string;
let reference: { small: Record<string, string>; big: Record<string, string> };

const until = async (ready: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 1200; i++) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never saw ${what}`);
};

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

/** A previous set: the outputs of a finished run of another snapshot. */
function previousSet(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(reference.small)) writeFileSync(join(dir, file), text);
  return dir;
}

let started = 0;
function start(args: string[], env: Record<string, string> = {}) {
  const temp = join(root, `tmp-${started++}`);
  mkdirSync(temp);
  const child = spawn(process.execPath, [BIN, ...args, '--now', NOW], {
    env: { ...process.env, TMPDIR: temp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdout.resume();
  const exit = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      tally.hangs++;
      child.kill('SIGKILL');
    }, 60_000); // a hang fails the test, it does not stall it
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { child, exit, stderr: () => stderr, temp };
}

/** Exit 130/143 and one line; no temporary files; the out-dir is the previous set or, if the line says so, the new one. */
async function expectClean(
  run: ReturnType<typeof start>,
  signal: 'SIGINT' | 'SIGTERM',
  dir: string,
  before: Record<string, string>,
  after?: Record<string, string>,
) {
  tally.runs++;
  const code = await run.exit;
  const line = run.stderr();
  const wrote = line === `uar-check: interrupted by ${signal}; the new outputs had already been written\n`;
  if (
    code === (signal === 'SIGINT' ? 130 : 143) &&
    (wrote || line === `uar-check: interrupted by ${signal}; no output file was changed\n`)
  )
    tally.exits++;
  const left = [...readdirSync(dir).filter((f) => f.startsWith('.')), ...readdirSync(run.temp)];
  if (left.length > 0) tally.leftovers++;
  const files = contents(dir);
  const want = wrote && after ? after : before;
  if (JSON.stringify(files) === JSON.stringify(want)) tally.oneSet++;
  expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
  expect([
    `uar-check: interrupted by ${signal}; no output file was changed\n`,
    ...(after ? [`uar-check: interrupted by ${signal}; the new outputs had already been written\n`] : []),
  ]).toContain(line);
  expect(left, 'temporary files left').toEqual([]);
  expect(files).toEqual(want);
}

beforeAll(async () => {
  small = join(root, 'small.json');
  big = join(root, 'big.json');
  writeFileSync(small, JSON.stringify(syntheticDocument(30, new Date(NOW))));
  writeFileSync(big, JSON.stringify(syntheticDocument(3000, new Date(NOW))));
  const finish = async (snapshot: string, name: string) => {
    const dir = join(root, name);
    const run = start(['run', '--snapshot', snapshot, '--out-dir', dir]);
    const code = await run.exit;
    if (code === 2 || code === null) throw new Error(`reference run failed: ${run.stderr()}`);
    return contents(dir);
  };
  reference = { small: await finish(small, 'reference-small'), big: await finish(big, 'reference-big') };
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `signal suite: ${tally.runs} runs interrupted (enrich, evaluate, write × SIGINT, SIGTERM), ${tally.exits} exit 130/143 with one line, ` +
      `${tally.oneSet} left one complete set, ${tally.leftovers} left temporary files, ${tally.hangs} hangs`,
  );
});

describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
  it('during enrichment (reading the identity export): exit, one line, out-dir untouched', async () => {
    const dir = previousSet(`enrich-${signal}`);
    const before = contents(dir);
    const identity = join(root, `identity-${signal}.csv`);
    writeFileSync(identity, readFileSync(IDENTITY));
    // Made before the run starts: once the lock appears, only a rename stands between the run and the export.
    const fifo = join(root, `fifo-${signal}`);
    execFileSync('mkfifo', [fifo]);
    const run = start(['run', '--snapshot', small, '--identity', identity, '--out-dir', dir]);
    await until(() => existsSync(join(dir, LOCK_NAME)), 'the out-dir lock');
    await rename(fifo, identity);
    // Opening a FIFO to write without blocking fails (ENXIO) until a reader has it open: the run is reading it.
    let writer: Awaited<ReturnType<typeof open>> | undefined;
    await until(async () => {
      writer = await open(identity, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => undefined);
      return writer !== undefined;
    }, 'the run reading the identity export');
    run.child.kill(signal);
    // The run stops at once and says so, but Node's exit waits for the file read in progress to return (a read
    // that never returns would hold it): the export is delivered, as a slow disk would.
    await writer?.writeFile(readFileSync(IDENTITY));
    await writer?.close();
    await expectClean(run, signal, dir, before);
  }, 90_000);

  it('during evaluation (the cross-check of a custom control): exit, one line, out-dir untouched', async () => {
    const dir = previousSet(`evaluate-${signal}`);
    const before = contents(dir);
    const opa = await findOpa();
    const marks = join(root, `marks-${signal}`);
    mkdirSync(marks);
    const wrapper = join(root, `opa-${signal}.sh`);
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'if [ "$1" = "eval" ]; then',
        `  : > '${marks}/eval'`,
        '  i=0',
        `  while [ ! -e '${marks}/go' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done`,
        '  exit 1',
        'fi',
        `exec '${opa.path}' "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const run = start(
      ['run', '--snapshot', small, '--policy', 'test/reliability/fixtures/custom-valid', '--out-dir', dir],
      { UAR_OPA: wrapper },
    );
    await until(() => existsSync(join(marks, 'eval')), 'the cross-check starting');
    run.child.kill(signal);
    await run.exit;
    writeFileSync(join(marks, 'go'), '');
    await expectClean(run, signal, dir, before);
  }, 90_000);

  it('during the write: exit, one line, exactly one complete set (the one the line names)', async () => {
    const dir = previousSet(`write-${signal}`);
    const before = contents(dir);
    const run = start(['run', '--snapshot', big, '--out-dir', dir]);
    await until(
      () => readdirSync(dir).some((f) => f.endsWith('.tmp')) || run.child.exitCode !== null,
      'a temporary output',
    );
    run.child.kill(signal);
    await expectClean(run, signal, dir, before, reference.big);
  }, 90_000);
});
