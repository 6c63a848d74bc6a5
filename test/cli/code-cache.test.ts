/**
 * The built `uar-check` runs its bundle (dist/cli/uar-check.cjs) with V8's code cache (src/cli/code-cache.ts):
 * the first start of a command keeps the compiled code in the cache directory, later starts reuse it, and a cache
 * that is corrupt or cannot be written changes nothing a user sees. Runs the built CLI as a child process.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGE = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'uar-code-cache-'));
});

async function cli(args: string[], cache: string) {
  const env = { PATH: process.env.PATH, HOME: tmp, UAR_CACHE_DIR: cache };
  return exec(process.execPath, [join(ROOT, 'dist/cli/bin.js'), ...args], { cwd: ROOT, env, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const codeFiles = async (cache: string) => (await readdir(join(cache, 'code'))).sort();

describe('the bundled CLI and its code cache', () => {
  it('is built (npm run build writes the bundle bin.js runs)', () => {
    expect(existsSync(join(ROOT, 'dist/cli/uar-check.cjs'))).toBe(true);
  });

  it('keeps each command’s compiled code on the first start and reuses it, with the same output', async () => {
    const cache = join(tmp, 'warm');
    const first = await cli(['--version'], cache);
    expect(first).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    const [program] = await codeFiles(cache);
    expect(program).toMatch(/^program-[0-9a-f]{32}\.bin$/);
    const written = await stat(join(cache, 'code', program as string));

    expect(await cli(['--version'], cache)).toEqual(first);
    expect((await stat(join(cache, 'code', program as string))).mtimeMs).toBe(written.mtimeMs); // reused as is

    const verify = await cli(['verify', '--help'], cache);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Usage: uar-check verify/);
    expect(await codeFiles(cache)).toEqual([program, expect.stringMatching(/^verify-[0-9a-f]{32}\.bin$/)]);
  });

  it('compiles as usual over a corrupt cache, and replaces it', async () => {
    const cache = join(tmp, 'corrupt');
    await cli(['--version'], cache);
    const [program] = await codeFiles(cache);
    const file = join(cache, 'code', program as string);
    await writeFile(file, 'not V8 code');
    expect(await cli(['--version'], cache)).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    expect((await readFile(file)).length).toBeGreaterThan(1000);
  });

  it('says nothing when the cache directory cannot be written', async () => {
    const file = join(tmp, 'a-file');
    await writeFile(file, 'x');
    expect(await cli(['--version'], join(file, 'cache'))).toEqual({
      code: 0,
      stdout: `${PACKAGE.version}\n`,
      stderr: '',
    });
  });
});
