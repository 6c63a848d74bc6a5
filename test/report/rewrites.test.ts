/**
 * The faster renderers give the same bytes as the ones they replaced (kept in test/report/reference/), on
 * random documents where grants recur, are copied and nearly copied, and every string is hostile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessSection } from '../../src/report/html/access.js';
import { renderAccessList } from '../../src/report/index.js';
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

  it("report.html's access section", () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        expect(accessSection(doc)).toBe(accessSectionBefore(doc));
      }),
      { numRuns: 300 },
    );
  });
});
