import { describe, expect, it } from 'vitest';
import { accessText, rolesText } from '../../src/campaign/index.js';
import { makeUser } from '../helpers/document.js';

describe('the access a worksheet row shows', () => {
  it('names each grant: role, resource by name when known, labels, and how it was granted', () => {
    const user = makeUser('a@x.com', {
      effective_roles: ['Source Admin', 'Workspace Member'],
      permissions: [
        {
          role_id: 'r1',
          role_name: 'Workspace Member',
          resources: [{ type: 'WORKSPACE', id: 'ws1', labels: [{ key: 'env', value: 'prod' }] }],
          labels: [],
          via: { type: 'direct' },
        },
        {
          role_id: 'r2',
          role_name: 'Source Admin',
          resources: [
            { type: 'SOURCE', id: 'src_1', name: 'Web', labels: [] },
            { type: 'SOURCE', id: 'src_2', name: null, labels: [] },
          ],
          labels: [],
          via: { type: 'group', group_id: 'g1', group_name: 'Data' },
        },
      ],
    });
    expect(rolesText(user)).toBe('Source Admin; Workspace Member');
    expect(accessText(user)).toBe(
      'Source Admin on source Web (src_1) (via group Data); Source Admin on source src_2 (via group Data); Workspace Member on the workspace [env:prod] (direct)',
    );
    expect(accessText(makeUser('b@x.com'))).toBe('');
  });
});
