/**
 * The files of the set a previous run left in an out-dir: every output name uar-check writes, plus whatever that
 * run's manifest.json lists. `run` retires those its own set does not hold (see writeFilesAtomically's `retire`),
 * so after `--format json` following a full run the out-dir holds no report of the older run. Files the tool
 * never writes (a README someone put there) are left alone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../manifest/index.js';
import { FORMATS } from '../report/index.js';

export async function previousSetNames(outDir: string): Promise<string[]> {
  const names = new Set<string>([...Object.values(FORMATS), MANIFEST_FILE]);
  try {
    const manifest = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')) as { files?: unknown };
    if (Array.isArray(manifest.files))
      for (const entry of manifest.files) {
        const name = (entry as { name?: unknown } | null)?.name;
        if (typeof name === 'string') names.add(name);
      }
  } catch {
    // No manifest, or not one uar-check wrote: the output names alone.
  }
  return [...names];
}
