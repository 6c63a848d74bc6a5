/**
 * Okta Users API JSON (`GET /api/v1/users`, a JSON array of user objects; pages may be concatenated).
 * - Addresses: `profile.login` and `profile.email` identify the person; `profile.secondEmail` is an alias.
 *   Logins need not be emails (`dpatel`); such a login simply never matches.
 * - `status`: `SUSPENDED`, `DEPROVISIONED` → inactive. `ACTIVE`, `RECOVERY`, `PASSWORD_EXPIRED`, `LOCKED_OUT`
 *   (a lock is temporary) and `STAGED`, `PROVISIONED` (created, not yet activated, still entitled) → active.
 *   Any other word is an error.
 * - `lastLogin`: ISO-8601 time; `null` or absent → never (Okta omits it for users who never signed in).
 * - MFA is not in this file: unknown unless a Factors or MFA Usage file tells (okta-mfa.ts).
 */
import { isObject, jsonError, parseJson } from '../json-input.js';
import { parseInstant } from '../time.js';
import { optionalString } from './graph-json.js';
import type { PartialRecord, SignIn, Status } from './record.js';

const STATUS: Record<string, Status> = {
  ACTIVE: 'active',
  RECOVERY: 'active',
  PASSWORD_EXPIRED: 'active',
  LOCKED_OUT: 'active',
  STAGED: 'active',
  PROVISIONED: 'active',
  SUSPENDED: 'inactive',
  DEPROVISIONED: 'inactive',
};

export function parseOktaUsers(file: string, text: string, name = file): PartialRecord[] {
  const json = parseJson(file, text, 'an Okta Users API response (a JSON array of users)');
  if (!Array.isArray(json))
    throw jsonError(file, text, [], 'is not a JSON array; expected the Okta Users API response (an array of users)');
  return json.map((user: unknown, i): PartialRecord => {
    if (!isObject(user)) throw jsonError(file, text, [i], 'is not an object; expected an Okta user');
    const id = optionalString(file, text, [i, 'id'], user.id);
    if (id === null) throw jsonError(file, text, [i, 'id'], 'is missing; expected the Okta user id');
    const profile = user.profile;
    if (!isObject(profile))
      throw jsonError(file, text, [i, 'profile'], 'is missing; expected the user profile with login and email');
    const login = optionalString(file, text, [i, 'profile', 'login'], profile.login);
    if (login === null) throw jsonError(file, text, [i, 'profile', 'login'], 'is missing; expected the Okta username');
    const email = optionalString(file, text, [i, 'profile', 'email'], profile.email);
    const second = optionalString(file, text, [i, 'profile', 'secondEmail'], profile.secondEmail);
    const status = typeof user.status === 'string' ? STATUS[user.status.toUpperCase()] : undefined;
    if (status === undefined) {
      throw jsonError(
        file,
        text,
        [i, 'status'],
        `${JSON.stringify(user.status) ?? 'missing'} is not a known Okta status; expected one of ${Object.keys(STATUS).join(', ')}`,
      );
    }
    return {
      source: 'okta',
      file: name,
      line: null,
      id,
      principal: login,
      primary: email ? [login, email] : [login],
      aliases: second ? [second] : [],
      status,
      mfa: 'unknown',
      last_sign_in: lastLogin(file, text, i, user.lastLogin),
    };
  });
}

function lastLogin(file: string, text: string, i: number, value: unknown): SignIn {
  if (value === null || value === undefined) return 'never';
  const time = typeof value === 'string' ? parseInstant(value) : null;
  if (time === null) {
    throw jsonError(
      file,
      text,
      [i, 'lastLogin'],
      `${JSON.stringify(value)} is not an ISO-8601 time; expected e.g. 2024-05-02T09:14:27.000Z or null`,
    );
  }
  return time;
}
