import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  belowSurrogates,
  compareBelowSurrogates,
  compareText,
  compareTuple,
  sortedBy,
  sortKeys,
} from '../../src/shared/order.js';

/** Code-point order is the order of the UTF-8 bytes. */
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareText', () => {
  it('orders by code point, not UTF-16 unit or locale', () => {
    expect(['b', 'B', 'a', 'é', 'Z'].sort(compareText)).toEqual(['B', 'Z', 'a', 'b', 'é']);
    // U+FF5E (fullwidth tilde) is below U+1F600 (an emoji stored as surrogates): `<` gets this wrong
    expect(compareText('\uff5e', '😀')).toBeLessThan(0);
    expect(compareText('😀', '\uff5e')).toBeGreaterThan(0);
    expect(compareText('ab', 'a')).toBeGreaterThan(0);
    expect(compareText('same', 'same')).toBe(0);
  });

  it('agrees with UTF-8 byte order on any strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareText(a, b))).toBe(Math.sign(byUtf8(a, b)));
      }),
    );
  });
});

/**
 * Texts from a small alphabet, so that they share prefixes and differ where it matters: ASCII, Latin-1, below
 * and at U+D800, U+E000–U+FFFF, lone and paired surrogates (characters above U+FFFF).
 */
const UNITS = [
  'a',
  'b',
  'B',
  'é',
  '\u00ff',
  '\u0100',
  '\ud7ff',
  '\ue000',
  '\uff5e',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
];
const unitText = fc
  .array(fc.oneof(fc.constantFrom(...UNITS), fc.constantFrom('😀', '\u{10ffff}', '\u{10000}')), { maxLength: 5 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(unitText, fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 }));

/** compareText as it was before its shortcut below U+D800: the oracle. */
function compareTextBefore(a: string, b: string): number {
  if (a === b) return 0;
  const rank = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return rank(a.charCodeAt(i)) - rank(b.charCodeAt(i));
  }
  return a.length - b.length;
}

describe('compareText shortcuts', () => {
  it('compareText has the sign it had, on any texts (surrogates, lone or paired, and U+E000–U+FFFF)', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(Math.sign(compareText(a, b))).toBe(Math.sign(compareTextBefore(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('compareBelowSurrogates has compareText’s sign on texts below U+D800, and belowSurrogates says which', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(belowSurrogates(a)).toBe(![...a].some((c) => c.charCodeAt(0) >= 0xd800));
        if (belowSurrogates(a) && belowSurrogates(b)) {
          expect(compareBelowSurrogates(a, b)).toBe(Math.sign(compareText(a, b)));
        }
      }),
      { numRuns: 5000 },
    );
    // where the shortcut would be wrong, belowSurrogates says no
    expect(compareBelowSurrogates('\uff5e', '😀')).toBeGreaterThan(0);
    expect(compareText('\uff5e', '😀')).toBeLessThan(0);
    expect(belowSurrogates('\uff5e') || belowSurrogates('😀')).toBe(false);
  });
});

describe('compareTuple and sortedBy', () => {
  it('compares numbers numerically and the rest as text, element by element', () => {
    expect(compareTuple([2, 'a'], [10, 'a'])).toBeLessThan(0);
    expect(compareTuple(['x'], ['x', 'y'])).toBeLessThan(0);
    expect(sortedBy(['b2', 'a10', 'a9'], (s) => [s[0]!, Number(s.slice(1))])).toEqual(['a9', 'a10', 'b2']);
  });

  it('sorts object keys recursively and drops undefined', () => {
    expect(JSON.stringify(sortKeys({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }))).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});
