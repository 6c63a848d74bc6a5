/**
 * A file's text as UTF-8 bytes, in chunks, with its size and SHA-256 computed as it was encoded: a large output
 * (a 240 MB snapshot) is never one string plus one copy of its bytes, and is hashed once, from the bytes written.
 */
import { createHash } from 'node:crypto';

export interface EncodedText {
  /** The bytes, in order; each chunk is whole characters. */
  readonly chunks: readonly Buffer[];
  readonly bytes: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
}

/** Characters of a string encoded at a time. */
const SLICE = 1 << 20;

/** The text (one string, or pieces joined in order) as UTF-8. */
export function encodeText(text: string | Iterable<string>): EncodedText {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (const piece of typeof text === 'string' ? slices(text) : text) {
    if (piece.length === 0) continue;
    const chunk = Buffer.from(piece, 'utf8');
    hash.update(chunk);
    chunks.push(chunk);
    bytes += chunk.length;
  }
  return { chunks, bytes, sha256: hash.digest('hex') };
}

/** The text back (for printing a file's text, e.g. to stdout). */
export function decodeText(encoded: EncodedText): string {
  return encoded.chunks.map((c) => c.toString('utf8')).join('');
}

/** Whether the file holds `text` (in encoded bytes: its UTF-8, also where it would span chunks). */
export function holdsText(file: string | EncodedText, text: string): boolean {
  if (typeof file === 'string') return file.includes(text);
  const encoded = file;
  const needle = Buffer.from(text, 'utf8');
  if (needle.length === 0) return true;
  const keep = needle.length - 1;
  let tail = Buffer.alloc(0); // the last `keep` bytes before this chunk
  for (const chunk of encoded.chunks) {
    if (chunk.includes(needle)) return true;
    const joined = Buffer.concat([tail, chunk.subarray(0, keep)]);
    if (joined.includes(needle)) return true;
    const seen = chunk.length >= keep ? chunk : Buffer.concat([tail, chunk]);
    tail = Buffer.from(seen.subarray(Math.max(0, seen.length - keep)));
  }
  return false;
}

/** The string a slice at a time; a slice never ends between the two halves of a surrogate pair. */
function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield start === 0 && end === text.length ? text : text.slice(start, end);
    start = end;
  }
}
