/**
 * Checks that run before the Segment API is called, so a typo costs a second, not a whole collection: every
 * input file exists and is a file, the cache directory and the out-dir can be directories, and config entries
 * that name a control nobody loaded are said on the terminal (they would otherwise do nothing, silently).
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConfigFile } from '../config/config-schema.js';
import { ConfigError, InputError } from '../errors.js';
import { compareText } from '../shared/order.js';

export interface NamedFile {
  /** The flag (or config key) that named the file, e.g. "--baseline". */
  flag: string;
  file: string;
}

/** Every named input must be an existing, readable regular file. */
export async function checkInputFiles(files: readonly NamedFile[]): Promise<void> {
  for (const { flag, file } of files) {
    let kind: 'file' | 'directory' | 'other';
    try {
      const s = await stat(file);
      kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : `cannot read (${code ?? 'error'})`;
      throw new InputError(file, `${why}; check the path given to ${flag}`, { cause });
    }
    if (kind === 'directory') throw new InputError(file, `is a directory; ${flag} expects a file`);
    if (kind === 'other') throw new InputError(file, `is not a regular file; ${flag} expects a file`);
  }
}

/**
 * A directory that will be created if missing: refused when it, or the nearest existing ancestor, is a file.
 * `what` names it for the message ("UAR_CACHE_DIR", "--out-dir").
 */
export async function checkDirectory(dir: string, what: string): Promise<void> {
  let path = resolve(dir);
  for (;;) {
    try {
      const s = await stat(path);
      if (s.isDirectory()) return;
      const where = path === resolve(dir) ? `${dir} is a file` : `${path} (in ${dir}) is a file`;
      throw new ConfigError(`${what} ${dir}: ${where}, not a directory; point ${what} at a directory`);
    } catch (cause) {
      if (cause instanceof ConfigError) throw cause;
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new ConfigError(`${what} ${dir}: cannot use it (${code ?? 'error'})`, { cause });
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/** Lines about config entries (exceptions, `controls:`) that name a control which is not loaded. */
export function unknownControlWarnings(config: ConfigFile, loaded: readonly string[], file: string): string[] {
  const known = new Set(loaded);
  const lines: string[] = [];
  config.exceptions.forEach((exception, index) => {
    if (!known.has(exception.control))
      lines.push(
        `${file}: exceptions[${index}]: control ${exception.control} is not a loaded control; this exception is never used`,
      );
  });
  for (const id of Object.keys(config.controls).sort(compareText)) {
    if (!known.has(id))
      lines.push(`${file}: controls.${id}: ${id} is not a loaded control; this entry changes nothing`);
  }
  return lines;
}
