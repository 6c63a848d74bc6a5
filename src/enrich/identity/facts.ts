/**
 * The combination rules, used both for files of one source describing the same person and for sources
 * describing the same Segment user (the rules):
 * - status: inactive if anyone says inactive, else active if anyone says active, else unknown;
 * - MFA: enrolled if anyone says enrolled, not_enrolled if everyone who knows says not enrolled, else unknown;
 * - last sign-in: the latest time anyone reports; "never" only if everyone who knows says never; else null.
 */

import { later } from '../time.js';
import type { Mfa, SignIn, Status } from './record.js';

export function combineStatus(values: Iterable<Status>): Status {
  let result: Status = 'unknown';
  for (const v of values) {
    if (v === 'inactive') return 'inactive';
    if (v === 'active') result = 'active';
  }
  return result;
}

export function combineMfa(values: Iterable<Mfa>): Mfa {
  let result: Mfa = 'unknown';
  for (const v of values) {
    if (v === 'enrolled') return 'enrolled';
    if (v === 'not_enrolled') result = 'not_enrolled';
  }
  return result;
}

export function combineSignIn(values: Iterable<SignIn>): SignIn {
  let time: string | null = null;
  let never = false;
  for (const v of values) {
    if (v === null) continue;
    if (v === 'never') never = true;
    else time = time === null ? v : later(time, v);
  }
  return time ?? (never ? 'never' : null);
}
