/**
 * Read one input file: its bytes (for the evidence's sha256), its text (UTF-8 with or without BOM, or UTF-16
 * with a BOM as Excel's "Unicode text" writes it), and its name without directories.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { readBytesOr } from '../shared/read-file.js';
import { decodeText } from '../shared/text-input.js';

export { decodeText } from '../shared/text-input.js';

export interface LoadedInput {
  /** The path as given (used in error messages and InputFile.file). */
  path: string;
  /** The file name without directories (used in IdentityFact.files and HrRecord.file). */
  name: string;
  text: string;
  sha256: string;
}

export async function readInput(path: string): Promise<LoadedInput> {
  const bytes = await readBytesOr(path, (reason, cause) => new InputError(path, reason, { cause }));
  return loadedFromBytes(path, bytes);
}

export function loadedFromBytes(path: string, bytes: Uint8Array): LoadedInput {
  return {
    path,
    name: basename(path),
    text: decodeText(bytes),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
