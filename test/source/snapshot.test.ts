/**
 * readSnapshotHashed reads the file once for both the document and the evidence's input hash: the hash is the
 * SHA-256 of the file's bytes as stored (a BOM, UTF-16 and CRLF included), and the document is readSnapshot's.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { collect } from '../../src/review.js';
import { readSnapshot, readSnapshotHashed } from '../../src/source/snapshot.js';
import { makeDocument } from '../report/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'uar-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('readSnapshotHashed', () => {
  const text = JSON.stringify(makeDocument(), null, 2);
  const variants: Record<string, Buffer> = {
    'UTF-8': Buffer.from(text),
    'UTF-8 with a BOM and CRLF': Buffer.from(`\uFEFF${text.replace(/\n/g, '\r\n')}`),
    'UTF-16 LE with a BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  };

  for (const [name, bytes] of Object.entries(variants)) {
    it(`hashes the bytes as stored and reads the same document (${name})`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, bytes);
      const read = await readSnapshotHashed(file);
      expect(read.sha256).toBe(sha256(bytes));
      expect(JSON.stringify(read.document)).toBe(JSON.stringify(await readSnapshot(file)));
      expect(JSON.stringify(await collect({ kind: 'snapshot', file }))).toBe(JSON.stringify(read.document));
    });
  }

  it('refuses what readSnapshot refuses, with the same message', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "document_version": 1,\n  oops\n}');
    const error = await readSnapshotHashed(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(((await readSnapshot(file).catch((e: unknown) => e)) as Error).message);
    expect((error as Error).message).toContain(':3:');
  });
});
