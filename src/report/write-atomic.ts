/**
 * Write output files so that a crash never leaves a half-written one: each file goes to a temporary file in
 * the same directory (same file system), is flushed, then renamed over the target. All temporary files are
 * written before the first rename; if any write fails, the temporary files are removed and nothing is replaced.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UarError } from '../errors.js';

async function writeTemp(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFilesAtomically(dir: string, files: Map<string, string>): Promise<string[]> {
  for (const name of files.keys()) {
    if (name !== basename(name) || name.startsWith('.'))
      throw new UarError(`refusing to write ${name}: not a plain file name`);
  }
  const temps: [string, string][] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, text] of files) {
      const temp = join(dir, `.${name}.${randomUUID()}.tmp`);
      temps.push([temp, join(dir, name)]);
      await writeTemp(temp, text);
    }
  } catch (cause) {
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })));
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new UarError(`cannot write the outputs to ${dir}: ${code}; check --out-dir exists and is writable`, {
      cause,
    });
  }
  const written: string[] = [];
  try {
    for (const [temp, target] of temps) {
      await rename(temp, target);
      written.push(target);
    }
  } catch (cause) {
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })));
    throw new UarError(
      `cannot replace the outputs in ${dir}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
      { cause },
    );
  }
  return written;
}
