/** Small access documents for tests: a valid v1 document with overridable parts. */
import { type AccessDocument, emailKey, type User } from '../../src/model/document.js';

export function makeUser(email: string, overrides: Partial<User> = {}): User {
  return {
    id: `id-${email.split('@')[0]}`,
    email,
    email_key: emailKey(email),
    name: email.split('@')[0] ?? email,
    permissions: [],
    groups: [],
    effective_roles: [],
    is_owner: false,
    is_admin: false,
    identity: null,
    hr: null,
    last_activity: null,
    ...overrides,
  };
}

export function makeOwner(email: string, overrides: Partial<User> = {}): User {
  return makeUser(email, {
    permissions: [
      {
        role_id: '1WDUuRLxv84rrfCNUwvkrRtkxnS',
        role_name: 'Workspace Owner',
        resources: [{ type: 'WORKSPACE', id: 'ws1', labels: [] }],
        labels: [],
        via: { type: 'direct' },
      },
    ],
    effective_roles: ['Workspace Owner'],
    is_owner: true,
    is_admin: true,
    ...overrides,
  });
}

export function makeDocument(overrides: Partial<AccessDocument> = {}): AccessDocument {
  return {
    document_version: 1,
    workspace: { id: 'ws1', name: 'Test Workspace', slug: 'test-workspace', region: 'us' },
    collected_at: '2026-11-28T00:00:00Z',
    source: { kind: 'file', api_url: null },
    complete: true,
    coverage: {
      users: true,
      groups: 'complete',
      invites: true,
      audit: 'not_requested',
      identity: false,
      identity_sources: [],
      hr: false,
      reviews: false,
    },
    roles: [],
    labels: [],
    users: [],
    groups: [],
    invites: [],
    reviews: null,
    ...overrides,
  };
}
