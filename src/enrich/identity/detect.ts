/**
 * Recognise an identity export from its header (CSV) or shape (JSON), or take the forced `--identity-format`,
 * and run the matching adapter.
 */
import { ConfigError, InputError } from '../../errors.js';
import { readCsv } from '../csv.js';
import { isObject, parseJson } from '../json-input.js';
import { parseEntraCsv } from './entra.js';
import { parseEntraMfa, parseEntraSignIns } from './entra-graph.js';
import { parseGenericCsv } from './generic-csv.js';
import { GOOGLE_EMAIL, parseGoogleCsv } from './google-csv.js';
import { parseJumpCloud } from './jumpcloud.js';
import { parseOktaUsers } from './okta.js';
import { parseOktaFactors, parseOktaMfaUsage } from './okta-mfa.js';
import { IDENTITY_FORMATS, type IdentityFormat, isIdentityFormat, type PartialRecord } from './record.js';

type Adapter = (file: string, text: string, name: string) => PartialRecord[];

const ADAPTERS: Record<IdentityFormat, Adapter> = {
  google: parseGoogleCsv,
  entra: parseEntraCsv,
  'entra-mfa': parseEntraMfa,
  'entra-signins': parseEntraSignIns,
  okta: parseOktaUsers,
  'okta-factors': parseOktaFactors,
  'okta-mfa-usage': parseOktaMfaUsage,
  jumpcloud: parseJumpCloud,
  generic: parseGenericCsv,
};

const NAMES = Object.keys(IDENTITY_FORMATS).join(', ');

export function parseIdentity(
  file: string,
  text: string,
  name: string,
  format?: string,
): { format: IdentityFormat; records: PartialRecord[] } {
  if (format !== undefined && !isIdentityFormat(format)) {
    throw new ConfigError(`--identity-format "${format}" for ${file} is not a known format; expected one of ${NAMES}`);
  }
  const chosen = format ?? detectFormat(file, text);
  const records = ADAPTERS[chosen](file, text, name);
  if (records.length === 0) {
    throw new InputError(
      file,
      `the ${chosen} export has no users; an empty export cannot show who is active (export it again, or leave it out)`,
    );
  }
  return { format: chosen, records };
}

export function detectFormat(file: string, text: string): IdentityFormat {
  const start = text.trimStart()[0];
  const found = start === '{' || start === '[' ? detectJson(file, text) : detectCsv(file, text);
  if (found) return found;
  throw new InputError(
    file,
    `cannot recognise the identity export format; expected one of ${NAMES} (see docs), or force one with --identity-format`,
    { line: 1 },
  );
}

function detectCsv(file: string, text: string): IdentityFormat | null {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const header = new Set(readCsv(file, firstLine).header.map((h) => h.toLowerCase()));
  if (header.has(GOOGLE_EMAIL.toLowerCase())) return 'google';
  if (header.has('userprincipalname')) return 'entra';
  if (header.has('login') && header.has('mfa factor')) return 'okta-mfa-usage';
  if (header.has('email') && header.has('status')) return 'generic';
  if (header.has('work_email')) {
    throw new InputError(file, 'looks like an HR roster (work_email column); pass it with --hr, not --identity', {
      line: 1,
    });
  }
  return null;
}

function detectJson(file: string, text: string): IdentityFormat | null {
  // Invalid JSON (e.g. a truncated download) is reported with its line and column, not as an unknown format.
  const json = parseJson(file, text, 'an identity export in JSON');
  const list = Array.isArray(json) ? json : isObject(json) ? (json.value ?? json.results) : null;
  if (Array.isArray(list) && list.length === 0)
    throw new InputError(file, 'the export has no users; an empty export cannot show who is active (export it again)');
  const first = Array.isArray(list) ? list.find(isObject) : undefined;
  if (first) {
    if ('isMfaRegistered' in first || 'isMfaCapable' in first) return 'entra-mfa';
    if ('signInActivity' in first || ('userPrincipalName' in first && 'accountEnabled' in first))
      return 'entra-signins';
    if ('profile' in first && 'status' in first) return 'okta';
    if ('factorType' in first || 'factors' in first) return 'okta-factors';
    if ('_id' in first && ('state' in first || 'mfaEnrollment' in first)) return 'jumpcloud';
  }
  if (isObject(json) && Object.values(json).length > 0 && Object.values(json).every(Array.isArray))
    return 'okta-factors';
  return null;
}
