import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emailKey, type AccessDocument, type User } from '../../src/model/document.js';
import { decodeText } from '../../src/enrich/read-input.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const EXAMPLE = fileURLToPath(new URL('../../fixtures/example/', import.meta.url));

/** A fixture's text as the enrich stage sees it (BOM removed, LF line ends). */
export function fixture(name: string): string {
  return decodeText(readFileSync(FIXTURES + name));
}

/** The message of what `fn` throws (fails the test when nothing is thrown). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

export function user(email: string, id = `u-${email}`): User {
  return {
    id,
    email,
    email_key: emailKey(email),
    name: email,
    permissions: [],
    groups: [],
    effective_roles: [],
    is_owner: false,
    is_admin: false,
    identity: null,
    hr: null,
    last_activity: null,
  };
}

export function makeDoc(emails: string[]): AccessDocument {
  return {
    document_version: 1,
    workspace: { id: 'ws', name: 'WS', slug: 'ws', region: null },
    collected_at: '2026-11-28T12:00:00Z',
    source: { kind: 'file', api_url: null },
    complete: true,
    coverage: { users: true, groups: 'complete', invites: true, audit: 'not_requested', identity: false, identity_sources: [], hr: false, reviews: false },
    roles: [],
    labels: [],
    users: emails.map((e) => user(e)),
    groups: [],
    invites: [],
    reviews: null,
  };
}
