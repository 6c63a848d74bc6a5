import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readBytesOr, readTextOr } from '../../src/shared/read-file.js';

const fail = (file: string) => (reason: string, cause: unknown) => new InputError(file, reason, { cause });

describe('readTextOr', () => {
  it('reads the text, or throws the caller’s error saying why in words, with the cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-read-'));
    const file = join(dir, 'a.txt');
    await writeFile(file, 'hello é\n');
    expect(await readTextOr(file, fail(file))).toBe('hello é\n');
    const missing = join(dir, 'missing.txt');
    const error = await readTextOr(missing, fail(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${missing}: no such file`);
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
    await expect(readTextOr(dir, fail(dir))).rejects.toThrow(`${dir}: is a directory`);
  });
});

describe('readBytesOr', () => {
  it('gives a regular file’s bytes exactly, whatever its size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-read-'));
    for (const size of [0, 1, 65_537, 3_000_001]) {
      const file = join(dir, `${size}.bin`);
      const bytes = randomBytes(size);
      await writeFile(file, bytes);
      expect(Buffer.compare(await readBytesOr(file, fail(file)), bytes), String(size)).toBe(0);
    }
  });
});
