import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashedJsonText } from '../../src/shared/hashed-json-text.js';
import { hashText, holdsText, joinText } from '../../src/shared/hashed-text.js';
import { jsonTextPieces, toJsonText } from '../../src/shared/json-text.js';

const joined = (value: unknown) => [...jsonTextPieces(value)].join('');

describe('jsonTextPieces', () => {
  it('joins to toJsonText for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(joined(v)).toBe(toJsonText(v));
      }),
      { numRuns: 500 },
    );
  });

  it('joins to toJsonText for objects with large array members, left-out members and nesting', () => {
    const element = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const member = fc.oneof(
      fc.array(element, { minLength: 60, maxLength: 200 }),
      fc.array(element, { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined),
      fc.constant(() => 1),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), member, { maxKeys: 6 }), (v) => {
        expect(joined(v)).toBe(toJsonText(v));
        expect(joined({ wrapped: v, list: [v] })).toBe(toJsonText({ wrapped: v, list: [v] }));
      }),
      { numRuns: 300 },
    );
  });

  it('never yields the whole of a large array member at once', () => {
    const users = Array.from({ length: 1000 }, (_, i) => ({ id: `u${i}`, email: `u${i}@acme.com` }));
    const pieces = [...jsonTextPieces({ document_version: 1, users })];
    expect(pieces.join('')).toBe(toJsonText({ document_version: 1, users }));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(toJsonText(users).length / 10);
  });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('HashedJsonText', () => {
  const user = fc.record({ id: fc.string({ maxLength: 6 }), email: fc.string({ unit: 'binary', maxLength: 8 }) });
  const document = fc.record({
    document_version: fc.constant(1),
    users: fc.array(user, { maxLength: 12 }),
    reviews: fc.jsonValue({ maxDepth: 2 }),
  });

  it('hands out every element once, in order, in pieces of `slice` with their UTF-8, and is toJsonText hashed however far it was read', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 1, max: 5 }), fc.nat(20), (value, slice, read) => {
        const text = new HashedJsonText(value, 'users', slice);
        const elements = text.elements();
        const seen: unknown[] = [];
        for (let n = 0; n < read; n++) {
          const next = elements.next();
          if (next.done) break;
          expect(next.value.count).toBeLessThanOrEqual(slice);
          expect(Buffer.from(next.value.bytes ?? []).toString('utf8')).toBe(next.value.text);
          const part = JSON.parse(`[${next.value.text}]`) as unknown[];
          expect(part.length).toBe(next.value.count);
          seen.push(...part);
        }
        if (read > value.users.length) expect(seen).toEqual(value.users);
        else expect(seen).toEqual(value.users.slice(0, seen.length));
        const whole = text.done();
        expect(joinText(whole)).toBe(toJsonText(value));
        expect(whole.bytes).toBe(Buffer.byteLength(toJsonText(value)));
        expect(whole.sha256).toBe(sha(Buffer.from(toJsonText(value), 'utf8')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('hashText', () => {
  it('gives the joined pieces with the size and SHA-256 of their UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 })), (pieces) => {
        const whole = Buffer.from(pieces.join(''), 'utf8');
        const h = hashText(pieces);
        expect(joinText(h)).toBe(pieces.join(''));
        expect(h.bytes).toBe(whole.length);
        expect(h.sha256).toBe(sha(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a long string a slice at a time without splitting a surrogate pair', () => {
    const text = `a${'😀'.repeat(600_000)}`; // 1.2 M UTF-16 units: the first slice ends inside a pair
    const h = hashText(text);
    expect(h.chunks.length).toBeGreaterThan(1);
    expect(joinText(h)).toBe(text);
    expect(h.bytes).toBe(Buffer.byteLength(text));
    expect(h.sha256).toBe(sha(Buffer.from(text, 'utf8')));
  });
});

describe('holdsText', () => {
  it('finds text wherever it lies, across any number of chunks', () => {
    const unit = fc.constantFrom('a', 'b', 'é', '😀');
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 4 })), fc.string({ unit, maxLength: 6 }), (pieces, text) => {
        expect(holdsText(hashText(pieces), text)).toBe(pieces.join('').includes(text));
        expect(holdsText(pieces.join(''), text)).toBe(pieces.join('').includes(text));
      }),
      { numRuns: 500 },
    );
  });
});
