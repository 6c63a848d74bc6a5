import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../../src/enrich/read-input.js';
import type { AccessDocument, User } from '../../src/model/document.js';
import { makeDocument, makeUser } from '../helpers/document.js';

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
  return makeUser(email, { id, name: email });
}

export function makeDoc(emails: string[]): AccessDocument {
  return makeDocument({
    workspace: { id: 'ws', name: 'WS', slug: 'ws', region: null },
    collected_at: '2026-11-28T12:00:00Z',
    users: emails.map((e) => user(e)),
  });
}
