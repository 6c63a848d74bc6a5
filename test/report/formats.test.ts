import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffBaseline, summarizeAccess } from '../../src/changes/index.js';
import { UarError } from '../../src/errors.js';
import {
  FORMATS,
  renderAccessListFile,
  renderAll,
  renderEvidence,
  validateEvidence,
  validateSarif,
  writeFilesAtomically,
} from '../../src/report/index.js';
import { joinText } from '../../src/shared/hashed-text.js';
import { makeDocument, makeResult, makeReview } from './fixtures.js';

describe('renderAll', () => {
  it('renders every format by default, deterministically', () => {
    const { files, rendered } = renderAll(makeReview());
    expect([...files.keys()]).toEqual(Object.values(FORMATS));
    expect(renderAll(makeReview()).files).toEqual(files);
    const evidence = files.get('evidence.json');
    expect(typeof evidence === 'string' ? evidence : evidence && joinText(evidence)).toBe(rendered('evidence'));
    expect(rendered('evidence')).toBe(
      renderEvidence(makeReview().result, { sarif: { total: 2, kept: 2, truncated: false } }),
    );
    expect(validateEvidence(rendered('evidence')).valid).toBe(true);
    expect(validateSarif(rendered('sarif')).valid).toBe(true);
    expect(JSON.parse(rendered('snapshot'))).toEqual(makeDocument());
    expect(JSON.parse(rendered('evidence')).sections.sarif).toEqual({ total: 2, kept: 2, truncated: false });
  });

  it('takes access-list.csv rendered already (run.ts: during the evaluation) as it would render it', () => {
    const review = makeReview();
    const accessList = renderAccessListFile(review.document);
    expect(renderAll(review, { accessList }).files).toEqual(renderAll(review).files);
    expect(renderAll(review, { accessList }).files.get('access-list.csv')).toBe(accessList);
  });

  it('puts only the chosen formats in files, and renders any format on demand', () => {
    const out = renderAll(makeReview(), { formats: ['snapshot', 'summary'], sarifCategory: 'uar/x' });
    expect([...out.files.keys()]).toEqual(['summary.md', 'snapshot.json']);
    expect(JSON.parse(out.rendered('sarif')).runs[0].automationDetails.id).toBe('uar/x/');
    expect(out.rendered('summary-compact')).toMatch(/^uar-check 0\.1\.0 · /);
    expect(out.rendered('summary')).toBe(out.files.get('summary.md'));
  });

  it('writes the snapshot text the review computed (and hashed) as snapshot.json, unchanged', () => {
    const review = makeReview();
    expect(renderAll(review).rendered('snapshot')).toBe(joinText(review.snapshot));
    expect(joinText(review.snapshot)).toBe(`${JSON.stringify(makeDocument(), null, 2)}\n`);
  });

  it('matches the golden snapshot.json', async () => {
    await expect(renderAll(makeReview()).rendered('snapshot')).toMatchFileSnapshot('./__golden__/snapshot.json');
  });

  it('adds the changes since a baseline to the evidence and the summary', () => {
    const old = makeDocument();
    old.users = old.users.slice(1);
    const result = makeResult();
    const changes = diffBaseline(summarizeAccess(makeDocument()), summarizeAccess(old));
    const { files, rendered } = renderAll(makeReview({ ...result, changes }));
    const evidence = JSON.parse(rendered('evidence'));
    expect(evidence.sections.changes.users_added.map((u: { id: string }) => u.id)).toEqual([
      makeDocument().users[0]!.id,
    ]);
    expect(validateEvidence(evidence)).toEqual({ valid: true, errors: [] });
    expect(files.get('summary.md')).toContain('## Access changes since the last review');
  });
});

describe('writeFilesAtomically', () => {
  it('writes every file and leaves no temporary files', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'uar-out-')), 'nested');
    const { files } = renderAll(makeReview());
    await writeFilesAtomically(dir, files);
    expect((await readdir(dir)).sort()).toEqual([...files.keys()].sort());
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(files.get('summary.md'));
    await writeFilesAtomically(dir, new Map([['summary.md', 'second\n']]));
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe('second\n');
  });

  it('writes nothing when the directory cannot be used', async () => {
    const base = await mkdtemp(join(tmpdir(), 'uar-out-'));
    const blocker = join(base, 'file');
    await writeFile(blocker, 'x');
    await expect(writeFilesAtomically(join(blocker, 'out'), new Map([['a.txt', 'a']]))).rejects.toThrow(UarError);
    await expect(writeFilesAtomically(base, new Map([['../escape.txt', 'a']]))).rejects.toThrow(
      /not a plain file name/,
    );
    expect(await readdir(base)).toEqual(['file']);
  });
});
