/**
 * The evidence-keeping recipe (scripts/keep-evidence.sh, the workflow's keep-evidence job): evidence folders as
 * download-artifact leaves them are checked against their manifests and committed to the `evidence` branch of a
 * local bare repository standing in for GitHub, one commit per run with each manifest's SHA-256.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'keep-evidence.sh');
const exec = promisify(execFile);

let lookalike: Lookalike;
let tmp: string;
let bare: string;
let snapshot: string;

beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-keep-'));
  snapshot = join(tmp, 'snapshot.json');
  const fetched = await runCli(['fetch', '--api-url', lookalike.url, '--out', snapshot], {
    env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN },
  });
  expect(fetched.code).toBe(0);
  bare = join(tmp, 'origin.git');
  await exec('git', ['init', '-q', '--bare', bare]);
}, 120_000);
afterAll(async () => {
  await lookalike.close();
});

/** A downloaded artifact folder: the outputs of one run, manifest included. */
async function artifact(downloads: string, name: string): Promise<string> {
  const dir = join(downloads, name);
  const run = await runCli(['run', '--snapshot', snapshot, '--now', EXAMPLE_NOW, '--out-dir', dir]);
  expect(run.code).not.toBe(2);
  return dir;
}

async function keep(downloads: string, runId: string) {
  const env = {
    PATH: process.env.PATH,
    HOME: tmp,
    UAR_EVIDENCE_REMOTE: bare,
    GITHUB_RUN_ID: runId,
    GIT_CONFIG_NOSYSTEM: '1',
  };
  try {
    const { stdout } = await exec('bash', [SCRIPT, downloads], { env, timeout: 120_000 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

const git = async (...args: string[]) => (await exec('git', ['--git-dir', bare, ...args])).stdout;
const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('scripts/keep-evidence.sh', () => {
  it('commits each run’s verified outputs to the evidence branch, with the manifests’ hashes', async () => {
    const first = join(tmp, 'run-1');
    const a = await artifact(first, 'uar-evidence-acme-analytics');
    const b = await artifact(first, 'uar-evidence-acme-analytics-attempt-2');
    const kept = await keep(first, '1001');
    expect(kept.stdout).toContain('OK: ');
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^uar-check: kept .*acme-analytics\/1001\/uar-evidence-acme-analytics( |$)/m);
    expect(kept.stdout).toMatch(/^uar-check: kept .*acme-analytics\/1001\/uar-evidence-acme-analytics-attempt-2/m);

    const files = (await git('ls-tree', '-r', '--name-only', 'evidence')).trim().split('\n');
    expect(files).toContain('acme-analytics/1001/uar-evidence-acme-analytics/evidence.json');
    expect(files).toContain('acme-analytics/1001/uar-evidence-acme-analytics-attempt-2/manifest.json');
    // every file the manifest lists (report.html included), so `uar-check verify` passes on the kept folder
    expect(files.filter((f) => f.startsWith('acme-analytics/1001/uar-evidence-acme-analytics/')).length).toBe(7);
    expect(files).toContain('acme-analytics/1001/uar-evidence-acme-analytics/report.html');
    const message = await git('log', '-1', '--format=%B', 'evidence');
    expect(message).toContain('uar-check evidence of run 1001');
    expect(message).toContain(
      `acme-analytics/1001/uar-evidence-acme-analytics: manifest.json sha256 ${await sha256(join(a, 'manifest.json'))}`,
    );
    expect(message).toContain(
      `acme-analytics/1001/uar-evidence-acme-analytics-attempt-2: manifest.json sha256 ${await sha256(join(b, 'manifest.json'))}`,
    );
    // The stored evidence is byte for byte what the run wrote.
    expect(await git('show', 'evidence:acme-analytics/1001/uar-evidence-acme-analytics/evidence.json')).toBe(
      await readFile(join(a, 'evidence.json'), 'utf8'),
    );

    // The next run adds a commit on top; keeping the same run again changes nothing.
    const second = join(tmp, 'run-2');
    await artifact(second, 'uar-evidence-acme-analytics');
    expect((await keep(second, '1002')).code).toBe(0);
    expect((await keep(second, '1002')).stdout).toContain('already on evidence');
    expect((await git('log', '--format=%s', 'evidence')).trim().split('\n')).toEqual([
      'uar-check evidence of run 1002',
      'uar-check evidence of run 1001',
    ]);
  }, 300_000);

  it('keeps nothing when a folder does not match its manifest', async () => {
    const downloads = join(tmp, 'run-3');
    const dir = await artifact(downloads, 'uar-evidence-acme-analytics');
    const evidence = join(dir, 'evidence.json');
    await writeFile(evidence, (await readFile(evidence, 'utf8')).replace('"fail"', '"pass"'));
    const before = await git('rev-parse', 'evidence');
    const kept = await keep(downloads, '1003');
    expect(kept.code).toBe(1);
    expect(kept.stdout).toContain('CHANGED evidence.json');
    expect(kept.stdout).toContain(
      '::error title=uar-check::uar-evidence-acme-analytics does not match its manifest.json: nothing was kept',
    );
    expect(await git('rev-parse', 'evidence')).toBe(before);
  }, 300_000);
});
