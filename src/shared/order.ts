/**
 * The project's one ordering: strings compare by Unicode code point (the order of their UTF-8 bytes), never by
 * locale, so sorted output does not depend on the machine's language settings. Every sort whose order can
 * reach an output uses these.
 */

/**
 * Code-point order. JavaScript's `<` compares UTF-16 code units, which puts characters above U+FFFF (stored as
 * surrogates, 0xD800–0xDFFF) before U+E000–U+FFFF; shifting those two ranges at the first differing unit
 * gives code-point order.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    // Below U+D800 a unit is its own rank, and ranks below every unit from U+D800 up.
    if (x !== y) return x < 0xd800 || y < 0xd800 ? x - y : codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

/** A unit from U+D800 up: where UTF-16 order and code-point order part. */
const HIGH_UNIT = /[\uD800-\uFFFF]/;

/**
 * True when the text has no UTF-16 unit from U+D800 up. Among such texts JavaScript's own `<` (UTF-16 order, in
 * native code) is code-point order, since the two orders differ only where both texts have such a unit at their
 * first difference. A large sort on short keys (people by email) checks each text once, then compares them many
 * times with compareBelowSurrogates.
 */
export function belowSurrogates(text: string): boolean {
  return !HIGH_UNIT.test(text);
}

/** compareText's sign for texts with no unit from U+D800 up (see belowSurrogates), compared natively. */
export function compareBelowSurrogates(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Compare tuples element by element: numbers numerically, anything else as text (a missing element is ''). */
export function compareTuple(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    if (c !== 0) return c;
  }
  return 0;
}

/** People (users, invites) by email key, then id: the order every per-person list uses. */
export function byEmailKey(a: { email_key: string; id: string }, b: { email_key: string; id: string }): number {
  return compareText(a.email_key, b.email_key) || compareText(a.id, b.id);
}

/**
 * Sorted copy, by a tuple key computed once per item. (Texts are compared with compareText: checking every text
 * of every key for belowSurrogates costs more than it saves on keys such as findings', which hold long messages
 * that the comparisons seldom reach.)
 */
export function sortedBy<T>(items: readonly T[], key: (item: T) => (string | number)[]): T[] {
  if (items.length < 2) return items.slice(); // most people hold one grant: nothing to compare
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => compareTuple(a.k, b.k))
    .map((e) => e.item);
}

/** Copy of a JSON-like value with object keys sorted recursively (arrays keep their order; undefined dropped). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
