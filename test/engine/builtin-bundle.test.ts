/**
 * The committed bundle/builtin.tar.gz (what `run` uses without OPA) is exactly what the pinned OPA builds from
 * policies/ today: same WASM bytes, same metadata. When a built-in policy changes, this fails until
 * `npm run build:policies` is run and its result committed.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../src/engine/bundle-file.js';
import { buildPolicies, bundleMatches, sameBundle } from '../../src/engine/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMITTED = join(ROOT, 'bundle', 'builtin.tar.gz');
const STALE = 'bundle/builtin.tar.gz is stale: run `npm run build:policies` and commit bundle/builtin.tar.gz';

describe('the committed built-in bundle', () => {
  it('is what the pinned OPA builds from policies/ (same WASM bytes and metadata)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'uar-builtin-'));
    const built = await buildPolicies({ policyDirs: ['policies'], cacheDir, baseDir: ROOT });
    expect(await bundleMatches(COMMITTED, ['policies'], ROOT), STALE).toBe(true);
    expect(await sameBundle(built.file, COMMITTED), STALE).toBe(true);
    const bundle = await readBundle(COMMITTED);
    expect(bundle.metadata.controls.map((c) => c.id)).toHaveLength(13);
    expect(bundle.metadata.controls.every((c) => c.file.startsWith('policies/'))).toBe(true);
  });
});
