/**
 * The out-dir is always one complete set: a write that fails at any step, or is interrupted at any step, leaves
 * the previous set byte for byte (and no temporary files); a target that is not a file is refused before anything
 * is replaced; two runs never write one out-dir at once. SIGINT/SIGTERM to the real binary, during the
 * collection: exit 130/143, one line, out-dir untouched. Prints one count line at the end.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { LOCK_NAME, lockOutDir } from '../../src/cli/out-dir-lock.js';
import { generateWorkspace, type Lookalike, startLookalike } from '../../src/lookalike/index.js';
import { FS_OPS, type WriteOps, writeFilesAtomically } from '../../src/report/write-atomic.js';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'uar-outdir-'));
const tally = { scenarios: 0, oneSet: 0, mixed: 0 };
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `out-dir suite: ${tally.scenarios} scenarios, ${tally.oneSet} left one complete set, ${tally.mixed} mixed`,
  );
});

const OLD = new Map([
  ['access-list.csv', 'old csv\n'],
  ['evidence.json', '{"old":true}\n'],
  ['results.sarif', '{"sarif":"old"}\n'],
  ['summary.md', '# old\n'],
]);
const NEW = new Map([...OLD.keys(), 'snapshot.json'].map((name) => [name, `new ${name}\n`]));

let dirs = 0;
function previousSet(): string {
  const dir = join(root, `set-${dirs++}`);
  mkdirSync(dir);
  for (const [name, text] of OLD) writeFileSync(join(dir, name), text);
  return dir;
}

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

/** Asserts the directory holds exactly the old set or exactly the new one, and counts the scenario. */
function expectOneSet(dir: string, which: 'old' | 'new'): void {
  tally.scenarios++;
  const want = Object.fromEntries([...(which === 'old' ? OLD : NEW)].sort(([a], [b]) => (a < b ? -1 : 1)));
  const got = contents(dir);
  if (JSON.stringify(got) === JSON.stringify(want)) tally.oneSet++;
  else tally.mixed++;
  expect(got).toEqual(want);
}

/** File-system calls that fail (or abort a controller) at the n-th call. */
function faulty(n: number, action: 'fail' | 'abort', controller?: AbortController): WriteOps {
  let calls = 0;
  const step = async () => {
    calls++;
    if (calls !== n) return;
    if (action === 'abort') controller?.abort('SIGINT');
    else throw Object.assign(new Error('injected'), { code: 'EIO' });
  };
  return {
    writeFile: async (path, text) => {
      await step();
      await FS_OPS.writeFile(path, text);
    },
    rename: async (from, to) => {
      await step();
      await rename(from, to);
    },
    remove: (path) => rm(path, { force: true }),
  };
}

// 5 temporary files + 4 moves aside + 5 renames into place
const STEPS = NEW.size + OLD.size + NEW.size;

describe('writeFilesAtomically', () => {
  it('writes the new set over the old one', async () => {
    const dir = previousSet();
    await writeFilesAtomically(dir, NEW);
    expectOneSet(dir, 'new');
  });

  it.each(Array.from({ length: STEPS }, (_, i) => i + 1))('a failure at step %i keeps the previous set', async (n) => {
    const dir = previousSet();
    await expect(writeFilesAtomically(dir, NEW, { ops: faulty(n, 'fail') })).rejects.toThrow(
      /cannot write the outputs to .*: EIO; the previous outputs were kept/,
    );
    expectOneSet(dir, 'old');
  });

  it.each(Array.from({ length: STEPS }, (_, i) => i + 1))('SIGINT at step %i keeps the previous set', async (n) => {
    const dir = previousSet();
    const controller = new AbortController();
    const write = writeFilesAtomically(dir, NEW, { ops: faulty(n, 'abort', controller), signal: controller.signal });
    // the signal is seen before the next step; the last rename cannot be taken back, so the set is new
    if (n === STEPS) {
      await write;
      expectOneSet(dir, 'new');
    } else {
      await expect(write).rejects.toThrow(/interrupted \(SIGINT\)/);
      expectOneSet(dir, 'old');
    }
  });

  it('refuses a target that is a directory before replacing anything', async () => {
    const dir = previousSet();
    rmSync(join(dir, 'summary.md'));
    mkdirSync(join(dir, 'summary.md'));
    await expect(writeFilesAtomically(dir, NEW)).rejects.toThrow(
      /cannot replace .*summary\.md: it is a directory, not a file/,
    );
    tally.scenarios++;
    expect(readFileSync(join(dir, 'evidence.json'), 'utf8')).toBe(OLD.get('evidence.json'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    tally.oneSet++;
  });
});

describe('a smaller set after a larger one (retire)', () => {
  const WITH_REPORT = new Map([...OLD, ['report.html', '<p>old</p>\n']]);
  const SMALL = new Map([['evidence.json', 'new evidence\n']]);
  function largerSet(): string {
    const dir = previousSet();
    writeFileSync(join(dir, 'report.html'), '<p>old</p>\n');
    writeFileSync(join(dir, 'notes.txt'), 'not ours\n'); // a file uar-check never writes stays
    return dir;
  }
  const RETIRE = ['access-list.csv', 'evidence.json', 'report.html', 'results.sarif', 'summary.md', 'snapshot.json'];
  const expectSet = (dir: string, set: Map<string, string>) => {
    tally.scenarios++;
    const want = Object.fromEntries(
      [...set, ['notes.txt', 'not ours\n'] as const].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const got = contents(dir);
    if (JSON.stringify(got) === JSON.stringify(want)) tally.oneSet++;
    else tally.mixed++;
    expect(got).toEqual(want);
  };

  it('removes the files of the previous set that the new one does not hold', async () => {
    const dir = largerSet();
    await writeFilesAtomically(dir, SMALL, { retire: RETIRE });
    expectSet(dir, SMALL);
  });

  // 1 temporary file + 4 retired (snapshot.json does not exist, evidence.json is replaced) + 1 moved aside + 1 rename
  const RETIRE_STEPS = 7;
  it.each(Array.from({ length: RETIRE_STEPS }, (_, i) => i + 1))(
    'a failure at step %i keeps the whole previous set',
    async (n) => {
      const dir = largerSet();
      await expect(writeFilesAtomically(dir, SMALL, { retire: RETIRE, ops: faulty(n, 'fail') })).rejects.toThrow(
        /the previous outputs were kept/,
      );
      expectSet(dir, WITH_REPORT);
    },
  );

  it.each(Array.from({ length: RETIRE_STEPS }, (_, i) => i + 1))('SIGINT at step %i leaves one set', async (n) => {
    const dir = largerSet();
    const controller = new AbortController();
    const write = writeFilesAtomically(dir, SMALL, {
      retire: RETIRE,
      ops: faulty(n, 'abort', controller),
      signal: controller.signal,
    });
    // as above: the last rename cannot be taken back, so the set is the new one (and only it)
    if (n === RETIRE_STEPS) {
      await write;
      expectSet(dir, SMALL);
    } else {
      await expect(write).rejects.toThrow(/interrupted \(SIGINT\)/);
      expectSet(dir, WITH_REPORT);
    }
  });
});

describe('uar-check run with fewer formats than the previous run', () => {
  it('leaves only the new set (and files uar-check never writes); verify finds nothing unlisted', async () => {
    const dir = join(root, 'formats');
    const snapshot = join(root, 'formats-snapshot.json');
    writeFileSync(snapshot, JSON.stringify(syntheticDocument(20, new Date('2026-11-28T00:00:00Z'))));
    const args = ['run', '--snapshot', snapshot, '--out-dir', dir, '--now', '2026-11-28T00:00:00Z'];
    expect((await runCli(args)).code).not.toBe(2);
    const full = readdirSync(dir).sort();
    expect(full).toEqual(expect.arrayContaining(['evidence.json', 'manifest.json', 'report.html', 'summary.md']));
    writeFileSync(join(dir, 'notes.txt'), 'kept\n');
    expect((await runCli([...args, '--format', 'evidence'])).code).not.toBe(2);
    tally.scenarios++;
    const after = readdirSync(dir).sort();
    if (JSON.stringify(after) === JSON.stringify(['evidence.json', 'manifest.json', 'notes.txt'])) tally.oneSet++;
    else tally.mixed++;
    expect(after).toEqual(['evidence.json', 'manifest.json', 'notes.txt']);
    const verify = await runCli(['verify', dir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout + verify.stderr).not.toMatch(/report\.html|summary\.md|access-list/);
  });
});

describe('out-dir lock', () => {
  it('stops a second run while the first holds the out-dir, and takes over a dead run’s lock', async () => {
    const dir = previousSet();
    const first = await lockOutDir(dir);
    await expect(lockOutDir(dir)).rejects.toThrow(
      new RegExp(`another uar-check run \\(pid ${process.pid}\\) is writing to ${dir}`),
    );
    await first.release();
    writeFileSync(join(dir, LOCK_NAME), '2147483646\n'); // no such process
    const second = await lockOutDir(dir);
    await second.release();
    expect(readdirSync(dir)).not.toContain(LOCK_NAME);
  });
});

describe('signals to the real binary', () => {
  let lookalike: Lookalike;
  const token = `sgp_${'sIgNaL'.repeat(8)}`;
  beforeAll(async () => {
    lookalike = await startLookalike({
      workspace: generateWorkspace({ users: 300, groups: 10, seed: 3 }),
      token,
      maxSeconds: 120,
      faults: { latencyMs: 200 },
    });
  });
  afterAll(async () => {
    await lookalike?.close();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during the collection: exit %i, one line, out-dir untouched', async (signal, code) => {
    const dir = previousSet();
    const child = spawn(
      process.execPath,
      ['dist/cli/bin.js', 'run', '--api-url', lookalike.url, '--out-dir', dir, '--now', '2026-11-28T00:00:00Z'],
      { env: { ...process.env, SEGMENT_PUBLIC_API_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // the lock file appears once the checks before the API are done: the collection is under way
    for (let i = 0; i < 200 && !readdirSync(dir).includes(LOCK_NAME); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000); // a hang fails the test, it does not stall it
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(exit).toBe(code);
    expect(stderr).toBe(`uar-check: interrupted by ${signal}; no output file was changed\n`);
    expectOneSet(dir, 'old');
  });
});
