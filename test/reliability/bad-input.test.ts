/**
 * Runs the bad-input corpus (bad-input-corpus.ts) through `uar-check run`, in process, over an out-dir that
 * holds a previous complete run. Every file must give exit 2 and exactly one line on stderr that names the file,
 * with no stack trace, no "internal error", no control character — and leave the out-dir byte for byte as it
 * was. Also the paths that are not files (missing, a directory). Prints one count line at the end.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';
import { type BadInput, badInputs } from './bad-input-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'uar-bad-input-'));
const outDir = join(root, 'out');
const corpusDir = join(root, 'corpus');
const snapshotFile = join(root, 'snapshot.json');
let lookalike: Lookalike;
let corpus: BadInput[] = [];
let before: Record<string, string> = {};
const tally = { files: 0, passed: 0, failed: 0 };

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

beforeAll(async () => {
  lookalike = await startExample();
  const fetched = await runCli(['fetch', '--api-url', lookalike.url, '--out', snapshotFile], {
    env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN },
  });
  expect(fetched.code).toBe(0);
  const previous = await runCli(['run', '--snapshot', snapshotFile, '--out-dir', outDir, '--now', EXAMPLE_NOW]);
  expect(previous.code).toBeLessThan(2);
  before = digest(outDir);
  const text = readFileSync(snapshotFile, 'utf8');
  const user = JSON.parse(text).users[0] as { id: string; email: string };
  corpus = badInputs(text, user);
  mkdirSync(corpusDir);
  for (const input of corpus) writeFileSync(join(corpusDir, input.name), input.content);
});

afterAll(async () => {
  await lookalike?.close();
  rmSync(root, { recursive: true, force: true });
  console.log(`bad-input corpus: ${tally.files} files, ${tally.passed} passed, ${tally.failed} failed`);
});

async function refuse(args: string[], named: string, expected?: RegExp): Promise<void> {
  tally.files++;
  const hasSnapshot = args.includes('--snapshot');
  const result = await runCli([
    'run',
    ...(hasSnapshot ? [] : ['--snapshot', snapshotFile]),
    '--out-dir',
    outDir,
    '--now',
    EXAMPLE_NOW,
    ...args,
  ]);
  const lines = result.stderr.split('\n');
  try {
    expect(result.code, result.stderr).toBe(2);
    expect(lines, result.stderr).toHaveLength(2); // one line and its newline
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(/^uar-check: /);
    expect(lines[0]).toContain(named);
    expect(lines[0]).not.toMatch(/internal error|\bat .*:\d+:\d+\)?$/);
    expect([...result.stderr.slice(0, -1)].some((c) => c < ' ' || c === '\u007f')).toBe(false);
    if (expected) expect(lines[0]).toMatch(expected);
    expect(digest(outDir)).toEqual(before);
    tally.passed++;
  } catch (error) {
    tally.failed++;
    throw error;
  }
}

describe('bad-input corpus', () => {
  it('has at least 80 files across every reader', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    const flags = new Set(corpus.map((c) => c.flag));
    expect([...flags].sort()).toEqual([
      '--baseline',
      '--bundle',
      '--config',
      '--hr',
      '--identity',
      '--reviews',
      '--snapshot',
    ]);
  });

  it('every file: exit 2, one line naming it, no stack, the previous out-dir untouched', async () => {
    const failures: string[] = [];
    for (const input of corpus) {
      const file = join(corpusDir, input.name);
      try {
        await refuse([input.flag, file], basename(file), input.expect);
      } catch (error) {
        failures.push(`${input.name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['--hr', 'missing.csv', /no such file/],
    ['--baseline', 'missing.json', /no such file/],
    ['--identity', 'missing.json', /no such file/],
    ['--reviews', 'missing.yaml', /no such file/],
  ])('a missing file for %s is refused before the API', async (flag, name, expected) => {
    await refuse([flag, join(root, name)], name, expected);
  });

  it.each(['--baseline', '--hr', '--snapshot'])('a directory for %s is refused', async (flag) => {
    await refuse([flag, corpusDir], basename(corpusDir), /is a directory/);
  });
});
