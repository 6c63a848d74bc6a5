/**
 * The built-in controls run with Node alone: with no `go` or `opa` on PATH and no UAR_OPA, `run` and the demo
 * succeed from the precompiled bundle; custom policies give one line saying OPA is needed and how to get it.
 * Runs the built CLI (dist/) as a child process, so no OPA found earlier in this process can help.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
let lookalike: Lookalike;
let tmp: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-no-opa-'));
  // Only node's own folder on PATH: no go, no opa.
  env = { PATH: dirname(process.execPath), HOME: tmp, UAR_CACHE_DIR: join(tmp, 'cache') };
});
afterAll(async () => {
  await lookalike.close();
});

async function cli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return exec(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], {
    cwd: ROOT,
    env: { ...env, ...extra },
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('without OPA and Go', () => {
  it('cannot find them (the premise of this test)', async () => {
    const which = await exec('sh', ['-c', 'command -v go || command -v opa || echo none'], { env }).catch(() => null);
    expect(which?.stdout.trim() ?? 'none').toBe('none');
  });

  it('runs the built-in controls from the precompiled bundle', async () => {
    const out = join(tmp, 'out');
    const args = [
      'run',
      '--api-url',
      lookalike.url,
      '--config',
      EXAMPLE_CONFIG,
      '--out-dir',
      out,
      '--now',
      EXAMPLE_NOW,
    ];
    const run = await cli(args, { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN });
    expect(run.stderr).not.toMatch(/OPA|internal error/);
    expect(run.code).toBe(1); // the example triggers findings
    const evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8'));
    expect(evidence.controls).toHaveLength(13);
    expect(evidence.controls.filter((c: { status: string }) => c.status === 'error')).toEqual([]);
  });

  it('says in one line that custom policies need OPA, and how to get it', async () => {
    const args = [
      'run',
      '--policy',
      'test/engine/fixtures/valid',
      '--api-url',
      lookalike.url,
      '--out-dir',
      join(tmp, 'x'),
    ];
    const run = await cli(args, { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/OPA v1\.22\.3 is needed to compile custom policies.*UAR_OPA/);
  });

  it('runs the demo', async () => {
    const demo = await exec(process.execPath, [join(ROOT, 'scripts/demo.mjs')], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(demo.stderr).toMatch(/uar-check exited with 1/);
    expect(demo.code).toBe(0);
  });
});
