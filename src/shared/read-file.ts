/**
 * Read a file the user named, or throw the caller's typed error (with `cause`) saying in words why it could not
 * be read: the one place that turns ENOENT, EISDIR, EACCES… into a message.
 */
import { readFile } from 'node:fs/promises';
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
    return await readFile(file);
  } catch (cause) {
    throw fail(readFailureReason(cause), cause);
  }
}

export async function readTextOr(file: string, fail: ReadFailure): Promise<string> {
  return (await readBytesOr(file, fail)).toString('utf8');
}
