/**
 * A large text (a CSV, the HTML report) built from many small pieces, joined into chunks as it grows so the
 * pieces die young: a whole-file array of row strings outlives the young generation, and copying it there made
 * garbage collection most of the rendering time on large workspaces. The text is the pieces in order, joined.
 */
const CHUNK_CHARS = 1 << 18;

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

  private seal(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    this.size = 0;
  }
}
