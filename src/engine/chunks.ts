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
 * pass's input keeps only what they read. Small documents keep one pass over everything, and so does a document
 * whose whole pass would get everything (a control evaluated whole that does not declare `reads`).
 */
import type { AccessDocument } from '../model/document.js';
import type { PolicyOutput } from '../model/result.js';
import { compareText } from '../shared/order.js';
import type { ControlScope } from './inspect.js';

export interface ChunkOptions {
  /** A slice of users is closed once its users' compact JSON reaches this many bytes (at least one user each). */
  chunkBytes: number;
  /** Evaluation threads working at once (each evaluates its inputs one after another). */
  threads: number;
}

/**
 * 2 MB of users per slice (~1,500 users of the benchmark's shape): a slice's WASM heap stays near 50 MB.
 * Whole process, 100,000 users, one quiet moment, main before chunks vs slices of 4 MB vs 2 MB: peak RSS 2.77 vs
 * 1.50 vs 1.44 GiB, CPU 22.0 vs 21.4 vs 21.4 s; 10,000 users: 397 vs 345 vs 278 MiB, CPU about the same.
 * Documents whose users fit in one slice (the example workspace, 1,000 users) are evaluated in one pass.
 */
export const DEFAULT_CHUNKS: ChunkOptions = { chunkBytes: 2_000_000, threads: 2 };

/** One evaluation input: the compact JSON of a document, UTF-8. */
export type Input = Uint8Array;

type Json = Record<string, unknown>;

/**
 * The slices of users, built one at a time as threads ask for them (so only the slices being evaluated are held
 * as bytes). `first()` tells whether there is more than one: when there is not, its input is the whole document,
 * byte for byte what `JSON.stringify(document)` gives.
 */
export class UserSlices {
  private next = 0;
  /** True once every user has been in a slice. */
  done = false;

  constructor(
    private readonly document: AccessDocument,
    private readonly chunkBytes: number,
    /** What the slices keep (the one slice of a small document is always the whole document). */
    private readonly keep: Projection = EVERYTHING,
  ) {}

  /** The next slice's input, or null when every user has been in one. */
  take(): Input | null {
    if (this.done) return null;
    const users = this.document.users;
    const start = this.next;
    const texts: string[] = [];
    let bytes = 0;
    const fields = this.keep.userFields;
    while (this.next < users.length && (texts.length === 0 || bytes < this.chunkBytes)) {
      const user = users[this.next] as AccessDocument['users'][number];
      // Counted as whole users, so the slices are the same whatever the controls read.
      const whole = JSON.stringify(user);
      const text = fields ? JSON.stringify(pick(user, fields)) : whole;
      texts.push(text);
      bytes += whole.length + 1;
      this.next++;
    }
    this.done = this.next >= users.length;
    if (start === 0 && this.done) return encode(JSON.stringify(this.document));
    const keys = new Set(users.slice(start, this.next).map((u) => u.email_key));
    const reviews = reviewsAbout(this.document.reviews, keys);
    return encode(documentText(this.document, this.keep.members, `[${texts.join(',')}]`, reviews));
  }
}

/** The review file with each campaign's decisions narrowed to those about these subjects (in file order). */
function reviewsAbout(reviews: AccessDocument['reviews'], keys: Set<string>): unknown {
  if (!reviews) return reviews;
  const campaigns = reviews.campaigns.map((c) => ({
    ...c,
    decisions: c.decisions.filter((d) => keys.has(d.subject_key)),
  }));
  return { ...reviews, campaigns };
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
  const fields = keep.userFields;
  const users = fields ? document.users.map((u) => pick(u, fields)) : document.users;
  return encode(documentText(document, keep.members, JSON.stringify(users), document.reviews));
}

/** The members of `value` named in `fields`, in the value's own order. */
function pick(value: object, fields: Set<string>): Json {
  return Object.fromEntries(Object.entries(value).filter(([k]) => fields.has(k)));
}

/**
 * The document's compact JSON with only `members` (null: all), `users` and `reviews` replaced by these (members in
 * the document's order).
 */
function documentText(
  document: AccessDocument,
  members: Set<string> | null,
  usersText: string,
  reviews: unknown,
): string {
  const texts: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined || (members && !members.has(key))) continue;
    const text = key === 'users' ? usersText : JSON.stringify(key === 'reviews' ? reviews : value);
    texts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${texts.join(',')}}`;
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
  return {
    findings: union(parts.flatMap((p) => p.findings)),
    unknown: union(parts.flatMap((p) => p.unknown)),
    population: parts.some((p) => p.population === null)
      ? null
      : parts.reduce((sum, p) => sum + (p.population as number), 0),
  };
}

function union<T>(values: T[]): T[] {
  const byText = new Map<string, T>();
  for (const v of values) {
    const text = canonicalText(v);
    if (!byText.has(text)) byText.set(text, v);
  }
  return [...byText.keys()].sort(compareText).map((k) => byText.get(k) as T);
}

/** JSON with object members sorted by name: equal values, equal text. */
export function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
