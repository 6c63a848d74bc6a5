import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeAccess } from '../../src/changes/index.js';
import type { AccessDocument, User } from '../../src/model/document.js';
import { makeDocument } from '../report/fixtures.js';
import { summarizeAccessBefore } from './reference/access-summary.js';

const text = fc.constantFrom('', 'a', 'b', 'B', 'é', '😀', '\uffff', 'Ab', 'a b');
const user = fc.record({
  id: text,
  email: text,
  name: text,
  effective_roles: fc.oneof(
    fc.array(text, { maxLength: 4 }),
    fc.uniqueArray(text, { maxLength: 4 }).map((r) => r.sort()),
  ),
  groups: fc.array(fc.record({ id: text, name: text }), { maxLength: 4 }),
  is_owner: fc.boolean(),
  is_admin: fc.boolean(),
});

describe('summarizeAccess', () => {
  it('equals the summary it replaced (sorting every list), key order included', () => {
    fc.assert(
      fc.property(fc.array(user, { maxLength: 10 }), (users) => {
        const doc: AccessDocument = { ...makeDocument(), users: users as unknown as User[] };
        const before = JSON.stringify(summarizeAccessBefore(structuredClone(doc)));
        expect(JSON.stringify(summarizeAccess(doc))).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
