/**
 * JumpCloud `GET /api/systemusers` JSON: `{ "totalCount": n, "results": [ … ] }` or a bare array of users.
 * - Address: `email` (JumpCloud lower-cases it). `alternateEmail` and `recoveryEmail` are contact addresses
 *   and are not used for joining; `username` is not an email.
 * - status: `state` `SUSPENDED` or `suspended: true` → inactive; `ACTIVATED` and `STAGED` → active; other → error.
 * - MFA: `mfaEnrollment.overallStatus` `ENROLLED` → enrolled; `NOT_ENROLLED`, `DISABLED`, `PENDING_ACTIVATION`,
 *   `ENROLLMENT_EXPIRED`, `IN_ENROLLMENT`, `PRE_ENROLLMENT` → not enrolled. Without `mfaEnrollment`:
 *   `mfa.configured: true` → enrolled, else unknown (mfa.configured covers TOTP only).
 * - Last sign-in: unknown (the user object has no such field).
 */
import { isObject, jsonError, parseJson } from '../json-input.js';
import { optionalString } from './graph-json.js';
import type { Mfa, PartialRecord, Status } from './record.js';

const NOT_ENROLLED = [
  'NOT_ENROLLED',
  'DISABLED',
  'PENDING_ACTIVATION',
  'ENROLLMENT_EXPIRED',
  'IN_ENROLLMENT',
  'PRE_ENROLLMENT',
];

export function parseJumpCloud(file: string, text: string, name = file): PartialRecord[] {
  const json = parseJson(file, text, 'a JumpCloud systemusers response');
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.results) ? json.results : null;
  if (list === null)
    throw jsonError(file, text, [], 'is not a JumpCloud systemusers response; expected {"results": [users]}');
  const at = (i: number, ...rest: string[]) => (Array.isArray(json) ? [i, ...rest] : ['results', i, ...rest]);
  return list.map((user: unknown, i): PartialRecord => {
    if (!isObject(user)) throw jsonError(file, text, at(i), 'is not an object; expected a JumpCloud user');
    const email = optionalString(file, text, at(i, 'email'), user.email);
    if (email === null) throw jsonError(file, text, at(i, 'email'), 'is missing; expected the user’s email');
    let status: Status;
    if (user.state === 'SUSPENDED' || user.suspended === true) status = 'inactive';
    else if (user.state === 'ACTIVATED' || user.state === 'STAGED') status = 'active';
    else if (user.state === undefined && user.suspended === false) status = 'active';
    else
      throw jsonError(
        file,
        text,
        at(i, 'state'),
        `${JSON.stringify(user.state) ?? 'missing'} is not a known state; expected ACTIVATED, STAGED or SUSPENDED`,
      );
    return {
      source: 'jumpcloud',
      file: name,
      line: null,
      id: optionalString(file, text, at(i, '_id'), user._id),
      principal: email,
      primary: [email],
      aliases: [],
      status,
      mfa: mfaOf(file, text, at(i, 'mfaEnrollment', 'overallStatus'), user),
      last_sign_in: null,
    };
  });
}

function mfaOf(file: string, text: string, path: (string | number)[], user: Record<string, unknown>): Mfa {
  const overall = isObject(user.mfaEnrollment) ? user.mfaEnrollment.overallStatus : undefined;
  if (overall === 'ENROLLED') return 'enrolled';
  if (typeof overall === 'string' && NOT_ENROLLED.includes(overall)) return 'not_enrolled';
  if (overall !== undefined && overall !== null) {
    throw jsonError(
      file,
      text,
      path,
      `${JSON.stringify(overall)} is not a known enrolment status; expected ENROLLED or one of ${NOT_ENROLLED.join(', ')}`,
    );
  }
  return isObject(user.mfa) && user.mfa.configured === true ? 'enrolled' : 'unknown';
}
