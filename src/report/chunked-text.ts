/**
 * A large text (a CSV, the HTML report) built from many small pieces, joined into chunks as it grows so the
 * pieces die young: a whole-file array of row strings outlives the young generation, and copying it there made
 * garbage collection most of the rendering time on large workspaces. The text is the pieces in order, joined.
 * Chunks of 64 K characters measured faster than 256 K (the joined strings stay out of the large-object space).
 */
const CHUNK_CHARS = 1 << 16;

export class ChunkedText {
  private pieces: string[] = [];
  private chunks: string[] = [];
  private size = 0;

  push(text: string): void {
    this.pieces.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) this.seal();
  }

  /** Everything pushed, in order. */
  text(): string {
    this.seal();
    return this.chunks.length === 1 ? (this.chunks[0] ?? '') : this.chunks.join('');
  }

  /** Everything pushed, in order, in chunks (for a file written and hashed a chunk at a time). */
  parts(): string[] {
    this.seal();
    return this.chunks;
  }

  private seal(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    this.size = 0;
  }
}
