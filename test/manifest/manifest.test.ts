import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, sha256Hex, verifyDir, withManifest } from '../../src/manifest/index.js';
import { writeFilesAtomically } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';

const SNAPSHOT = '{"document_version":1}\n';
const EVIDENCE_OF = (snapshot: string) =>
  `${JSON.stringify({ snapshot_sha256: sha256Hex(snapshot), bundle_sha256: 'b'.repeat(64) })}\n`;
const options = (snapshot = SNAPSHOT) => ({
  tool: { name: 'uar-check', version: '0.1.0' },
  snapshot_sha256: sha256Hex(snapshot),
  bundle_sha256: 'b'.repeat(64),
});

function outputs(): Map<string, string> {
  return new Map([
    ['evidence.json', EVIDENCE_OF(SNAPSHOT)],
    ['access-list.csv', '\uFEFFkind,email\nuser,zoë@acme.com\n'],
    ['snapshot.json', SNAPSHOT],
  ]);
}

async function written(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'uar-manifest-'));
  await writeFilesAtomically(dir, withManifest(outputs(), options()));
  return dir;
}

describe('manifest.json', () => {
  it('lists every file with its size in bytes and SHA-256, sorted by name, and not itself', () => {
    const manifest = buildManifest(withManifest(outputs(), options()), options());
    expect(manifest.files.map((f) => f.name)).toEqual(['access-list.csv', 'evidence.json', 'snapshot.json']);
    const csv = manifest.files[0];
    // the BOM is 3 bytes and ë 2 in UTF-8: the size is of the bytes written, not of the string
    expect(csv?.bytes).toBe(Buffer.byteLength(outputs().get('access-list.csv') ?? '', 'utf8'));
    expect(csv?.sha256).toBe(sha256Hex(Buffer.from(outputs().get('access-list.csv') ?? '', 'utf8')));
    expect(manifest.snapshot_sha256).toBe(sha256Hex(SNAPSHOT));
    expect(manifest.bundle_sha256).toBe('b'.repeat(64));
  });

  it('is deterministic', () => {
    expect(withManifest(outputs(), options()).get('manifest.json')).toBe(
      withManifest(new Map([...outputs()].reverse()), options()).get('manifest.json'),
    );
  });
});

describe('uar-check verify DIR', () => {
  it('says OK for the files as written (exit 0)', async () => {
    const dir = await written();
    const run = await runCli(['verify', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`OK: 3 files match manifest.json in ${dir}\n`);
  });

  it('names the file after one byte of access-list.csv changed (exit 1)', async () => {
    const dir = await written();
    const file = join(dir, 'access-list.csv');
    const bytes = await readFile(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2] === 0x6d ? 0x6e : 0x6d; // same size, one byte different
    await writeFile(file, bytes);
    const run = await runCli(['verify', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('CHANGED access-list.csv: changed (SHA-256 differs from the manifest)');
    expect(run.stdout).not.toContain('evidence.json');
  });

  it('names a missing file, a changed one, and an evidence file that no longer matches the manifest', async () => {
    const dir = await written();
    await rm(join(dir, 'snapshot.json'));
    await writeFile(join(dir, 'evidence.json'), EVIDENCE_OF('another snapshot'));
    const result = await verifyDir(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'evidence.json: changed (SHA-256 differs from the manifest)',
      'snapshot.json: missing',
      "evidence.json: its snapshot_sha256 or bundle_sha256 is not the manifest's",
    ]);
  });

  it('names a file whose size changed', async () => {
    const dir = await written();
    await writeFile(join(dir, 'access-list.csv'), `${outputs().get('access-list.csv')}user,extra@acme.com\n`);
    const result = await verifyDir(dir);
    expect(result.problems).toEqual([
      expect.stringMatching(/^access-list\.csv: changed \(\d+ bytes, the manifest says \d+\)$/),
    ]);
  });

  it('notes files the run did not write without failing', async () => {
    const dir = await written();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const run = await runCli(['verify', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('note: notes.txt is not in the manifest');
  });

  it('a directory without a manifest, or a damaged manifest, is one line and exit 2', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'uar-manifest-'));
    const none = await runCli(['verify', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      `uar-check: ${join(empty, 'manifest.json')}: cannot read the manifest (no such file); give the --out-dir of a uar-check run\n`,
    );
    const dir = await written();
    await writeFile(join(dir, 'manifest.json'), '{"files": 3}');
    const bad = await runCli(['verify', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('is not a uar-check manifest');
  });
});
