/**
 * Read a file the user named, or throw the caller's typed error (with `cause`) saying in words why it could not
 * be read: the one place that turns ENOENT, EISDIR, EACCES… into a message.
 */
import { open } from 'node:fs/promises';
import type { UarError } from '../errors.js';

/** Builds the caller's error from the reason ("no such file", "is a directory", …) and what was thrown. */
export type ReadFailure = (reason: string, cause: unknown) => UarError;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent is not a directory',
};

/** Why reading failed, in words; an unknown failure names its code. */
export function readFailureReason(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? `cannot read (${code ?? 'error'})`;
}

export async function readBytesOr(file: string, fail: ReadFailure): Promise<Buffer> {
  try {
    return await readWhole(file);
  } catch (cause) {
    throw fail(readFailureReason(cause), cause);
  }
}

/**
 * The file's bytes. A regular file is read at its size in as few reads as the system gives (a 118 MB snapshot:
 * ~0.1 s sooner than readFile's 512 kB reads, each a round trip to the thread pool); anything else (a pipe, a
 * file that grew meanwhile) as readFile reads it. Never blocks this thread, so a signal is handled meanwhile.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const stats = await handle.stat();
    const size = stats.size;
    if (stats.isFile() && size > 0) {
      const bytes = Buffer.allocUnsafe(size + 1); // one byte more: a file that grew is seen
      let at = 0;
      for (let read = -1; read !== 0 && at < bytes.length; at += read)
        read = (await handle.read(bytes, at, bytes.length - at, at)).bytesRead;
      if (at <= size) return bytes.subarray(0, at);
    }
    // From the same handle (a pipe cannot be opened twice); positional reads left its position at the start.
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export async function readTextOr(file: string, fail: ReadFailure): Promise<string> {
  return (await readBytesOr(file, fail)).toString('utf8');
}
