import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../src/report/index.js';
import { hashText } from '../../src/shared/hashed-text.js';

describe('writeFilesAtomically with text in chunks', () => {
  it("writes the joined chunks' UTF-8, whatever their sizes and characters", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-chunks-'));
    const big = fc.constantFrom('a'.repeat(3_000_000), 'é'.repeat(1_400_000), '😀'.repeat(700_000));
    const piece = fc.oneof(
      { weight: 9, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
      { weight: 1, arbitrary: big },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), async (pieces) => {
        const name = `f${n++}.txt`;
        await writeFilesAtomically(dir, new Map([[name, hashText(pieces)]]));
        expect((await readFile(join(dir, name))).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
