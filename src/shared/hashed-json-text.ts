/**
 * A value's JSON text as toJsonText writes it, made and hashed once (in jsonTextPieces' pieces) for two readers:
 * the elements of one array member are handed out as they are made, and the whole text is a file's. review.ts
 * gives the snapshot's users to the evaluation, whose slices of users are cut from this text instead of
 * serialising every user a second time.
 */
import { type HashedText, scratchBuffer, TextHashing } from './hashed-text.js';
import { type ElementsText, jsonTextPiecesWithElements, type TextPiece } from './json-text.js';

export class HashedJsonText {
  private readonly pieces: Generator<TextPiece>;
  /** Its own scratch buffer: other texts are hashed while this one is being made. */
  private readonly hashing = new TextHashing(scratchBuffer());

  /** `slice`: how many of the member's elements a piece holds (jsonTextPiecesWithElements). */
  constructor(
    value: unknown,
    private readonly member: string,
    slice?: number,
  ) {
    this.pieces = jsonTextPiecesWithElements(value, member, slice);
  }

  /**
   * The member's elements in order, a piece at a time, with their UTF-8 (encoded once, for the hash); the text up
   * to each is made and hashed as it is asked for.
   */
  *elements(): Generator<ElementsText> {
    for (let piece = this.pieces.next(); !piece.done; piece = this.pieces.next()) {
      const bytes = this.hashing.add(piece.value.text);
      const elements = piece.value.elements;
      if (elements?.member === this.member)
        yield { count: elements.count, text: piece.value.text, ...(bytes && { bytes }) };
    }
  }

  /** The whole text, its size and hash (what is not made yet is made now). */
  done(): HashedText {
    for (let piece = this.pieces.next(); !piece.done; piece = this.pieces.next()) this.hashing.add(piece.value.text);
    return this.hashing.done();
  }
}
