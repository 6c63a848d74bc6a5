/**
 * Chunked evaluation: the plan (which inputs each evaluation gets) and the merge (one Evaluation from them).
 *
 * A control whose METADATA says `scope: user` promises (policies/README.md §2) that for any split of
 * `input.users` into parts, its findings and unknown on the whole document are the union of those on each part,
 * and its population their sum, where a part is the document with `users` replaced by a slice of the users and
 * each review campaign's `decisions` narrowed to those about the slice's users (`subject_key` = a user's
 * `email_key`); everything else is unchanged. Those controls are evaluated over slices of the users (each a
 * small WASM heap); the others once, over the whole document. A control may also declare what it reads of the
 * document (`reads`: members of `input`, or `users.<member>`): when every control of a pass declares it, that
 * pass's input keeps only what they read (except the users of slices cut from a text the caller makes anyway,
 * which keep every member: UserSlices). Small documents keep one pass over everything, and so does a document
 * whose whole pass would get everything (a control evaluated whole that does not declare `reads`).
 */
import type { AccessDocument } from '../model/document.js';
import type { PolicyOutput } from '../model/result.js';
import type { ElementsText } from '../shared/json-text.js';
import { belowSurrogates, compareBelowSurrogates, compareText } from '../shared/order.js';
import type { ControlScope } from './inspect.js';

export interface ChunkOptions {
  /**
   * A slice of users is closed once its users' text (what it keeps of them) reaches this many characters (at
   * least one piece of the text each).
   */
  chunkBytes: number;
  /** Evaluation threads working at once (each evaluates its inputs one after another). */
  threads: number;
}

/**
 * 3.5 MB of the snapshot's indented text per slice (review.ts; ~1,500 users of the benchmark's shape, as 2 MB of
 * their compact JSON was): a slice's WASM heap stays near 50 MB. Whole process, 100,000 users, one quiet moment,
 * main before chunks vs slices of 4 MB vs 2 MB of compact JSON: peak RSS 2.77 vs 1.50 vs 1.44 GiB, CPU 22.0 vs
 * 21.4 vs 21.4 s; 10,000 users: 397 vs 345 vs 278 MiB, CPU about the same. Documents whose users fit in one slice
 * (the example workspace, 1,000 users) are evaluated in one pass.
 */
export const DEFAULT_CHUNKS: ChunkOptions = { chunkBytes: 3_500_000, threads: 2 };

/** One evaluation input: the compact JSON of a document, UTF-8. */
export type Input = Uint8Array;

type Json = Record<string, unknown>;

/**
 * The slices of users, built one at a time as threads ask for them (so only the slices being evaluated are held
 * as bytes). When every user fits in the first slice, its input is the whole document, byte for byte what
 * `JSON.stringify(document)` gives (`done` is then true).
 */
export class UserSlices {
  private next = 0;
  private taken = 0;
  /** True once every user has been in a slice. */
  done = false;
  /** Per review campaign, where its decisions about each subject are (made when a second slice is taken). */
  private decisionIndex: Map<string, number[]>[] | null = null;
  /** The slice's users, as UTF-8 bytes (one buffer for every slice). */
  private readonly usersText = new ArrayText();
  /** The users' JSON texts, in order, a few at a time. */
  private readonly texts: Iterator<ElementsText>;

  constructor(
    private readonly document: AccessDocument,
    private readonly chunkBytes: number,
    /** What the slices keep (the one slice of a small document is always the whole document). */
    private readonly keep: Projection = EVERYTHING,
    /**
     * The users' JSON texts, if the caller makes them anyway (review.ts: the snapshot file's): the slices are cut
     * from them, keeping every member of each user. Else each user's compact JSON, of what `keep` keeps.
     */
    texts?: Iterator<ElementsText>,
  ) {
    this.texts = texts ?? compactTexts(document.users, keep.userFields);
  }

  /** The next slice's input, or null when every user has been in one. */
  take(): Input | null {
    if (this.done) return null;
    const users = this.document.users;
    const start = this.next;
    const text = this.usersText.open();
    let bytes = 0;
    while (this.next < users.length && (bytes === 0 || bytes < this.chunkBytes)) {
      const next = this.texts.next();
      if (next.done) throw new Error(`the users' texts ended after ${this.next} of ${users.length} users`);
      text.element(next.value.bytes ?? next.value.text);
      bytes += next.value.text.length + 1;
      this.next += next.value.count;
    }
    this.done = this.next >= users.length;
    this.taken++;
    if (start === 0 && this.done) return encode(JSON.stringify(this.document));
    const reviews = this.reviewsAbout(users, start, this.next);
    return documentBytes(this.document, this.keep.members, text.close(), reviews);
  }

  /** About how many slices are left to take (at the size of those taken so far). */
  left(): number {
    const users = this.document.users.length - this.next;
    return this.taken === 0 ? Number.POSITIVE_INFINITY : users / (this.next / this.taken);
  }

  /**
   * The review file with each campaign's decisions narrowed to those about the users from `start` to `end`
   * (whose `subject_key` is one of theirs), in file order.
   */
  private reviewsAbout(users: AccessDocument['users'], start: number, end: number): unknown {
    const reviews = this.document.reviews;
    if (!reviews) return reviews;
    this.decisionIndex ??= reviews.campaigns.map((c) => {
      const index = new Map<string, number[]>();
      c.decisions.forEach((d, i) => {
        const at = index.get(d.subject_key);
        if (at) at.push(i);
        else index.set(d.subject_key, [i]);
      });
      return index;
    });
    const keys = new Set<string>();
    for (let i = start; i < end; i++) keys.add((users[i] as AccessDocument['users'][number]).email_key);
    const campaigns = reviews.campaigns.map((c, n) => {
      const index = this.decisionIndex?.[n] as Map<string, number[]>;
      const at: number[] = [];
      for (const key of keys) {
        const found = index.get(key);
        if (found) for (const i of found) at.push(i);
      }
      at.sort((a, b) => a - b);
      return { ...c, decisions: at.map((i) => c.decisions[i]) };
    });
    return { ...reviews, campaigns };
  }
}

/**
 * What a pass keeps of the document: `members` of `input` (null: all), and of each user `userFields` (null: all).
 * `users` is always kept (an empty list when no control reads it), so `count(input.users)` stays true.
 */
export interface Projection {
  members: Set<string> | null;
  userFields: Set<string> | null;
}

const EVERYTHING: Projection = { members: null, userFields: null };

/**
 * What the controls of one pass read, from their METADATA `reads` (`coverage`, `users`, `users.email`…): the
 * union; everything when one of them does not declare it.
 */
export function projection(ids: string[], scopes: Record<string, ControlScope>): Projection {
  const members = new Set<string>(['users']);
  let userFields: Set<string> | null = new Set<string>();
  for (const id of ids) {
    const reads = scopes[id]?.reads;
    if (!reads) return EVERYTHING;
    for (const path of reads) {
      const [member, field] = path.split('.') as [string, string | undefined];
      members.add(member);
      if (member !== 'users') continue;
      if (field === undefined) userFields = null;
      else userFields?.add(field);
    }
  }
  return { members, userFields };
}

/** The compact JSON of the document as a pass that reads only `keep` sees it (all: the document's own text). */
export function projectedInput(document: AccessDocument, keep: Projection): Input {
  if (!keep.members && !keep.userFields) return encode(JSON.stringify(document));
  const users = new ArrayText().open();
  for (const { text } of compactTexts(document.users, keep.userFields)) users.element(text);
  return documentBytes(document, keep.members, users.close(), document.reviews);
}

/** Each user's compact JSON, of the members in `fields` (null: all), one user at a time. */
function* compactTexts(users: AccessDocument['users'], fields: Set<string> | null): Generator<ElementsText> {
  for (const user of users) yield { count: 1, text: JSON.stringify(fields ? pick(user, fields) : user) };
}

/** The members of `value` named in `fields`, in the value's own order. */
function pick(value: object, fields: Set<string>): Json {
  const picked: Json = {};
  for (const key of Object.keys(value)) if (fields.has(key)) picked[key] = (value as Json)[key];
  return picked;
}

/**
 * A JSON array written as UTF-8 one element's text at a time, into a buffer reused from one array to the next:
 * a slice's users never become one large string (a copy when joined, another when encoded, and for V8 large
 * objects that bring on full collections of the main thread's heap, which holds the document).
 */
class ArrayText {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  open(): this {
    this.length = 0;
    this.buffer[this.length++] = 0x5b; // [
    return this;
  }

  /** Adds an element's text, or its UTF-8 bytes. */
  element(text: string | Uint8Array): void {
    const room = this.length + 1 + (typeof text === 'string' ? 3 * text.length : text.length) + 1; // ≤ 3 bytes a unit
    if (room > this.buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(room, 2 * this.buffer.length));
      this.buffer.copy(larger, 0, 0, this.length);
      this.buffer = larger;
    }
    if (this.length > 1) this.buffer[this.length++] = 0x2c; // ,
    if (typeof text === 'string') this.length += this.buffer.write(text, this.length, 'utf8');
    else {
      this.buffer.set(text, this.length);
      this.length += text.length;
    }
  }

  /** The array's bytes (a view of the buffer, valid until it is opened again). */
  close(): Uint8Array {
    this.buffer[this.length++] = 0x5d; // ]
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * The document's compact JSON, UTF-8, with only `members` (null: all), `users` and `reviews` replaced by these
 * (members in the document's order).
 */
function documentBytes(
  document: AccessDocument,
  members: Set<string> | null,
  users: Uint8Array,
  reviews: unknown,
): Input {
  const pieces: (string | Uint8Array)[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined || (members && !members.has(key))) continue;
    pieces.push(`${pieces.length === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    pieces.push(key === 'users' ? users : JSON.stringify(key === 'reviews' ? reviews : value));
  }
  pieces.push(pieces.length === 0 ? '{}' : '}');
  let size = 0;
  for (const piece of pieces) size += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
  const input = Buffer.from(new ArrayBuffer(size)); // its own memory, the exact size: it is sent as a whole
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') at += input.write(piece, at, 'utf8');
    else {
      input.set(piece, at);
      at += piece.length;
    }
  }
  return new Uint8Array(input.buffer);
}

function encode(text: string): Input {
  return new TextEncoder().encode(text);
}
/**
 * One control's output over the whole document from its outputs over the slices, in slice order: findings and
 * unknown united (each distinct value once, in a deterministic order: by its canonical JSON), populations added
 * (null when a slice's is null).
 */
export function mergeOutputs(parts: PolicyOutput[]): PolicyOutput {
  return mergeKeyed(parts.map(keyed));
}

/** An output with the canonical text of each of its findings and unknown (what the merge compares). */
export interface KeyedOutput {
  output: PolicyOutput;
  findings: string[];
  unknown: string[];
}

/** The output's texts, made once (chunked.ts: as its slice is answered, while other slices are evaluated). */
export function keyed(output: PolicyOutput): KeyedOutput {
  return { output, findings: output.findings.map(canonicalText), unknown: output.unknown.map(canonicalText) };
}

/** mergeOutputs, of outputs whose texts are made. */
export function mergeKeyed(parts: KeyedOutput[]): PolicyOutput {
  return {
    findings: union(
      parts.map((p) => p.output.findings),
      parts.map((p) => p.findings),
    ),
    unknown: union(
      parts.map((p) => p.output.unknown),
      parts.map((p) => p.unknown),
    ),
    population: parts.some((p) => p.output.population === null)
      ? null
      : parts.reduce((sum, p) => sum + (p.output.population as number), 0),
  };
}

/** Each distinct value once (the first), by its text's code-point order; `texts[i][j]` is `values[i][j]`'s. */
function union<T>(values: T[][], texts: string[][]): T[] {
  const byText = new Map<string, T>();
  // Native string order is code-point order while no text holds a UTF-16 unit from U+D800 up (shared/order.ts).
  let native = true;
  values.forEach((part, i) => {
    const partTexts = texts[i] as string[];
    part.forEach((value, j) => {
      const text = partTexts[j] as string;
      if (byText.has(text)) return;
      byText.set(text, value);
      if (native && !belowSurrogates(text)) native = false;
    });
  });
  const sorted = [...byText.keys()];
  sorted.sort(native ? compareBelowSurrogates : compareText);
  return sorted.map((k) => byText.get(k) as T);
}

/** JSON with object members sorted by name: equal values, equal text. */
export function canonicalText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + (canonicalText(value[i]) ?? '');
    return `${text}]`;
  }
  const keys = Object.keys(value);
  if (!inOrder(keys)) keys.sort(compareText);
  let text = '{';
  for (const key of keys) {
    const member = (value as Json)[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalText(member)}`;
  }
  return `${text}}`;
}

function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareText(keys[i - 1] as string, keys[i] as string) > 0) return false;
  return true;
}
