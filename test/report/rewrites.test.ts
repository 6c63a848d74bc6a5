/**
 * The faster renderer gives the same bytes as the one it replaced (kept in test/report/reference/), on
 * random documents where grants recur, are copied and nearly copied, and every string is hostile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessDocument } from '../../src/model/document.js';
import { accessSection } from '../../src/report/html/access.js';
import { renderAccessList } from '../../src/report/index.js';
import { usersByEmailKey } from '../../src/report/people-order.js';
import { byEmailKey } from '../../src/shared/order.js';
import { arbitraryDocument } from './arbitrary-document.js';
import { renderAccessListBefore } from './reference/access-list.js';
import { accessSectionBefore } from './reference/html-access.js';

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

describe('renders as before (report.html)', () => {
  it('the access table', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        expect(accessSection(doc).join('')).toBe(accessSectionBefore(doc));
      }),
      { numRuns: 300 },
    );
  });
});

describe('usersByEmailKey', () => {
  const key = fc.oneof(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }));
  it('is byEmailKey order, with or without units that code-point order ranks differently', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ email_key: key, id: key }), { maxLength: 30 }), (people) => {
        const doc = { users: people } as unknown as AccessDocument;
        expect(usersByEmailKey(doc)).toEqual([...people].sort(byEmailKey));
      }),
      { numRuns: 500 },
    );
  });
});
