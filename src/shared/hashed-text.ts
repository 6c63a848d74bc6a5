/**
 * A file's text in chunks, with the size and SHA-256 of its UTF-8 bytes computed as it was made: a large output
 * (a 240 MB snapshot) is never one string, and is hashed once, for the evidence and the manifest alike. The
 * chunks stay strings until they are written: bytes held in Buffers count as V8 external memory, and each
 * 64 MB of that forces a full garbage collection of the heap that holds the document. The chunks are encoded once,
 * into a reused scratch buffer (see utf8Runs): their bytes are hashed and counted from there.
 */
import { createHash } from 'node:crypto';

export interface HashedText {
  /** The text, in order; no chunk ends between the two halves of a surrogate pair. */
  readonly chunks: readonly string[];
  /** Size of the UTF-8 bytes. */
  readonly bytes: number;
  /** Hex SHA-256 of the UTF-8 bytes. */
  readonly sha256: string;
}

/** Characters of one string hashed at a time. */
const SLICE = 1 << 20;

/** The text (one string, or pieces joined in order) with its UTF-8 size and hash. */
export function hashText(text: string | Iterable<string>): HashedText {
  const hashing = new TextHashing(sharedScratch());
  for (const chunk of typeof text === 'string' ? slices(text) : text) hashing.add(chunk);
  return hashing.done();
}

/**
 * A HashedText made a chunk at a time, for a text made among other work (review.ts: a snapshot's users are made
 * as the evaluation asks for them). Each chunk is encoded into `scratch`, hashed and counted from there when it
 * is full.
 */
export class TextHashing {
  private readonly hash = createHash('sha256');
  private readonly chunks: string[] = [];
  private bytes = 0;
  private used = 0;

  /** `scratch`: a scratchBuffer() that nothing else writes to until done. */
  constructor(private readonly scratch: Buffer) {}

  /**
   * Adds the chunk; gives its UTF-8 bytes when they lie in the scratch buffer in one run (a chunk of at most
   * SLICE units), valid until the next add: a caller that needs them too (chunks.ts) copies them instead of
   * encoding the chunk again.
   */
  add(chunk: string): Uint8Array | null {
    if (chunk.length === 0) return null;
    this.chunks.push(chunk);
    let start = this.used;
    for (const slice of slices(chunk)) {
      if (this.used > 0 && this.used + 3 * slice.length > this.scratch.length) {
        this.flush();
        start = 0;
      }
      this.used += this.scratch.write(slice, this.used, 'utf8');
    }
    return chunk.length > SLICE ? null : this.scratch.subarray(start, this.used);
  }

  done(): HashedText {
    this.flush();
    return { chunks: this.chunks, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private flush(): void {
    this.hash.update(this.scratch.subarray(0, this.used));
    this.bytes += this.used;
    this.used = 0;
  }
}

/** The whole text as one string (for printing a file, e.g. to stdout). */
export function joinText(text: HashedText): string {
  return text.chunks.join('');
}

/** Whether the file holds `text`, also where it would span chunks. */
export function holdsText(file: string | HashedText, text: string): boolean {
  if (typeof file === 'string') return file.includes(text);
  if (text.length === 0) return true;
  const keep = text.length - 1;
  let tail = ''; // the last `keep` characters before this chunk
  for (const chunk of file.chunks) {
    if (chunk.includes(text) || (tail + chunk.slice(0, keep)).includes(text)) return true;
    tail = chunk.length >= keep ? chunk.slice(chunk.length - keep) : (tail + chunk).slice(-keep);
  }
  return false;
}

/** A buffer that holds the UTF-8 of any slice (SLICE UTF-16 units, one more to keep a pair: ≤ 3 bytes each). */
export const scratchBuffer = (): Buffer => Buffer.allocUnsafeSlow(3 * SLICE + 3);

/** hashText's scratch buffer: used synchronously only, so one is enough. */
let shared: Buffer | undefined;
function sharedScratch(): Buffer {
  shared ??= scratchBuffer();
  return shared;
}

/**
 * The UTF-8 bytes of the chunks, in order, encoded into `scratch` (a scratchBuffer()) and handed out each time it
 * is about to overflow: each run is valid only until the next is asked for. The same bytes as
 * Buffer.from(chunks.join(''), 'utf8') when no chunk ends between the two halves of a surrogate pair.
 */
export function* utf8Runs(chunks: Iterable<string>, scratch: Buffer): Generator<Buffer> {
  let used = 0;
  for (const chunk of chunks) {
    for (const slice of slices(chunk)) {
      if (used > 0 && used + 3 * slice.length > scratch.length) {
        yield scratch.subarray(0, used);
        used = 0;
      }
      used += scratch.write(slice, used, 'utf8');
    }
  }
  if (used > 0) yield scratch.subarray(0, used);
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
