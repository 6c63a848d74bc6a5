/**
 * The faster renderer gives the same bytes as the one it replaced (kept in test/report/reference/), on
 * random documents where grants recur, are copied and nearly copied, and every string is hostile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAccessList } from '../../src/report/index.js';
import { arbitraryDocument } from './arbitrary-document.js';
import { renderAccessListBefore } from './reference/access-list.js';

describe('renders as before', () => {
  it('access-list.csv', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        expect(renderAccessList(doc)).toBe(renderAccessListBefore(doc));
      }),
      { numRuns: 300 },
    );
  });
});
