/**
 * Read one input file: its bytes (for the evidence's sha256), its text (UTF-8 with or without BOM, or UTF-16
 * with a BOM as Excel's "Unicode text" writes it), and its name without directories.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { readBytesOr } from '../shared/read-file.js';

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

/** Decode bytes to text with LF line ends. BOMs are removed. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}
