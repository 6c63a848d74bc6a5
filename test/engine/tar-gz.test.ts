/**
 * readTarGz (src/engine/tar-gz.ts) reads what the `tar` package reads, from bundles `opa build` wrote and from
 * archives with long (pax) names and directories; anything truncated or damaged is an error, never fewer files.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { c as create, list } from 'tar';
import { describe, expect, it } from 'vitest';
import { readTarGz } from '../../src/engine/tar-gz.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Path → SHA-256 of the contents (comparing digests, not megabytes byte by byte). */
const digests = (files: Map<string, Buffer>) =>
  Object.fromEntries([...files].map(([path, data]) => [path, createHash('sha256').update(data).digest('hex')]));

/** What the `tar` package lists: path (leading slashes removed) → contents, regular files only. */
async function listed(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  await list({
    file,
    strict: true,
    onReadEntry(entry) {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        if (entry.type === 'File') entries.set(entry.path.replace(/^\/+/, ''), Buffer.concat(chunks));
      });
    },
  });
  return entries;
}

describe('readTarGz', () => {
  it('reads the committed built-in bundle as the tar package does', async () => {
    const file = join(ROOT, 'bundle', 'builtin.tar.gz');
    const files = readTarGz(await readFile(file));
    expect(digests(files)).toEqual(digests(await listed(file)));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['policy.wasm', 'data.json', '.manifest']));
  });

  it('reads long names (pax, ustar prefix), empty files and skips directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-tar-gz-'));
    const deep = join('a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60));
    await mkdir(join(dir, 'src', deep), { recursive: true });
    await writeFile(join(dir, 'src', deep, `${'d'.repeat(120)}.rego`), 'package x\n');
    await writeFile(join(dir, 'src', 'empty.json'), '');
    await writeFile(join(dir, 'src', 'data.json'), JSON.stringify({ x: 'é'.repeat(1000) }));
    const file = join(dir, 'out.tar.gz');
    await create({ gzip: true, file, cwd: join(dir, 'src') }, ['.']);
    const files = readTarGz(await readFile(file));
    expect(digests(files)).toEqual(digests(await listed(file)));
    expect(files.get(`./${deep}/${'d'.repeat(120)}.rego`)?.toString()).toBe('package x\n');
    expect(files.get('./empty.json')?.length).toBe(0);
  });

  it('refuses a truncated gzip, a truncated tar, a damaged header and text', async () => {
    const bytes = await readFile(join(ROOT, 'bundle', 'builtin.tar.gz'));
    expect(() => readTarGz(bytes.subarray(0, bytes.length / 2))).toThrow(/not a complete gzip file/);
    const tar = gunzipSync(bytes);
    expect(() => readTarGz(gzipSync(tar.subarray(0, 4096)))).toThrow(/past the end|truncated/);
    expect(() => readTarGz(gzipSync(tar.subarray(0, tar.length - 1024)))).toThrow(/truncated/);
    const damaged = Buffer.from(tar);
    damaged[10] = (damaged[10] ?? 0) ^ 1;
    expect(() => readTarGz(gzipSync(damaged))).toThrow(/checksum/);
    expect(() => readTarGz(gzipSync(Buffer.from('not a tar at all'.repeat(64))))).toThrow(/size|checksum/);
  });
});
