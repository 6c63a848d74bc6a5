/**
 * The built CLI (dist/cli/uar-check.cjs) starts its evaluation threads from the bundled worker next to it
 * (dist/cli/uar-check-worker.mjs, scripts/bundle-cli.mjs), and writes exactly what tsc's output does with the
 * unbundled worker (dist/engine/wasm-worker.js): the benchmark's 1,000-user document, large enough to be evaluated
 * in a thread. Runs both as child processes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDocument } from '../../bench/document.mjs';
import { THREAD_MIN_BYTES } from '../../src/engine/evaluate.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const NOW = '2026-11-28T00:00:00Z';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uar-bundled-worker-'));
  await writeFile(join(dir, 'config.yaml'), 'params:\n  allowed_domains: [acme.com]\n');
  const snapshot = `${JSON.stringify(benchDocument(1000, new Date(NOW)), null, 2)}\n`;
  expect(snapshot.length).toBeGreaterThan(THREAD_MIN_BYTES); // a thread is started for it
  await writeFile(join(dir, 'snapshot.json'), snapshot);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `run` through `script` (node's arguments before the CLI's); its exit code and the files it wrote. */
async function run(script: string[], out: string) {
  const args = ['run', '--snapshot', join(dir, 'snapshot.json'), '--config', join(dir, 'config.yaml')];
  const env = { PATH: process.env.PATH, HOME: dir, UAR_CACHE_DIR: join(dir, 'cache') };
  const done = await exec(process.execPath, [...script, ...args, '--out-dir', join(dir, out), '--now', NOW], {
    cwd: ROOT,
    env,
    timeout: 60_000,
  }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const files: Record<string, string> = {};
  for (const name of (await readdir(join(dir, out))).sort()) files[name] = await readFile(join(dir, out, name), 'utf8');
  return { ...done, files };
}

describe('the bundled evaluation thread', () => {
  it('is built next to the CLI’s bundle, which starts its threads from it', async () => {
    expect(existsSync(join(ROOT, 'dist/cli/uar-check-worker.mjs'))).toBe(true);
    const bundle = await readFile(join(ROOT, 'dist/cli/uar-check.cjs'), 'utf8');
    expect(bundle).toContain('"../cli/uar-check-worker.mjs"');
  });

  it('gives the outputs tsc’s output gives with the unbundled worker, byte for byte', async () => {
    const bundled = await run([join(ROOT, 'dist/cli/bin.js')], 'bundled');
    const start = join(dir, 'start.mjs'); // what bin.js runs without the bundle
    const startUrl = pathToFileURL(join(ROOT, 'dist/cli/start.js')).href;
    await writeFile(start, `await (await import(${JSON.stringify(startUrl)})).start(process.argv.slice(2));\n`);
    const unbundled = await run([start], 'unbundled');
    expect(bundled.stderr).toBe('');
    expect(bundled.code).toBe(1); // findings
    expect(Object.keys(bundled.files)).toContain('evidence.json');
    expect(unbundled).toEqual(bundled);
  }, 120_000);
});
