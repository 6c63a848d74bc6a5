/** The JSON text every file uar-check writes: 2-space indent, a trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The same text as toJsonText, as the JSON and its newline: hashing and writing them never copies the JSON into a
 * new string (appending the newline to a string of many MB makes one that is copied whole when first read).
 */
export function jsonTextParts(value: unknown): string[] {
  return [JSON.stringify(value, null, 2), '\n'];
}

/** Elements of a large array member serialised together (a few hundred kB of a realistic snapshot). */
const SLICE = 64;

/**
 * The same text as toJsonText, in pieces: a plain object's members one at a time, and the elements of a large
 * array member SLICE at a time, so a large document is never one string (a 100,000-user snapshot is 240 MB).
 * For JSON data (what JSON.parse and the schemas produce); an element's own toJSON, if any, sees its index in
 * its slice, not in the array.
 */
export function* jsonTextPieces(value: unknown): Generator<string> {
  for (const piece of jsonTextPiecesWithElements(value)) yield piece.text;
}

/** A piece of jsonTextPieces' text; a slice of an array member's elements says whose and how many. */
export interface TextPiece {
  text: string;
  /** The member whose elements the piece holds, and how many. */
  elements?: { member: string; count: number };
}

/** Some consecutive elements of an array: `count` of them, their JSON texts joined by `,` and whitespace. */
export interface ElementsText {
  count: number;
  text: string;
  /** The text's UTF-8, when its maker has it anyway (valid only until the next elements are asked for). */
  bytes?: Uint8Array;
}

/**
 * jsonTextPieces' pieces, said apart; the elements of `split` (when it is a non-empty array member) are always
 * sliced, `slice` at a time.
 */
export function* jsonTextPiecesWithElements(value: unknown, split?: string, slice = SLICE): Generator<TextPiece> {
  if (!isPlainObject(value)) {
    yield { text: toJsonText(value) };
    return;
  }
  let members = 0;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const sep = members === 0 ? '{\n' : ',\n';
    const size = key === split ? slice : SLICE;
    if (
      Array.isArray(v) &&
      (v.length > size || (key === split && v.length > 0)) &&
      typeof (v as { toJSON?: unknown }).toJSON !== 'function'
    ) {
      members += 1;
      yield { text: `${sep}  ${JSON.stringify(key)}: [\n` };
      for (let start = 0; start < v.length; start += size) {
        // [[…]] puts the elements at the depth of an array member's elements (4 spaces); cut the brackets.
        const elements = v.slice(start, start + size);
        const text = JSON.stringify([elements], null, 2);
        if (start > 0) yield { text: ',\n' };
        // no concatenation: the slice is not copied
        yield { text: text.slice(OPEN.length, -CLOSE.length), elements: { member: key, count: elements.length } };
      }
      yield { text: '\n  ]' };
      continue;
    }
    // {key: v} is the member at its depth, or {} when JSON leaves it out (undefined, a function, a symbol).
    const text = JSON.stringify({ [key]: v }, null, 2);
    if (text === '{}') continue;
    members += 1;
    yield { text: `${sep}${text.slice(2, -2)}` };
  }
  yield { text: members === 0 ? '{}\n' : '\n}\n' };
}

const OPEN = '[\n  [\n';
const CLOSE = '\n  ]\n]';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
