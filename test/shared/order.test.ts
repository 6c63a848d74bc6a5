import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText, compareTuple, sortedBy, sortKeys } from '../../src/shared/order.js';

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
