/**
 * What identity adapters produce. A PartialRecord is what one file says about one person; `unknown` / null
 * mean "this file does not tell". Files of one source combine into IdentityRecords (combine.ts), which the
 * join matches against Segment users by address key.
 */
import type { IdentityFact } from '../../model/document.js';

export type SourceName = IdentityFact['source'];
export type Status = IdentityFact['status'];
export type Mfa = IdentityFact['mfa'];
/** An RFC 3339 time, "never", or null when unknown. */
export type SignIn = string | null;

export interface PartialRecord {
  source: SourceName;
  file: string;
  /** 1-based line of the row / object, for messages. */
  line: number | null;
  /** The provider's immutable id (Entra object id, Okta id, JumpCloud _id), when the file has one. */
  id: string | null;
  /** The sign-in name used to tie files without ids together (Entra UPN, Okta login, the primary email). */
  principal: string | null;
  /** Addresses that identify the person (primary email, UPN, login, mail). */
  primary: string[];
  /** Other addresses of the same person (aliases, secondEmail, otherMails, proxyAddresses). */
  aliases: string[];
  status: Status;
  mfa: Mfa;
  last_sign_in: SignIn;
}

export interface IdentityRecord {
  source: SourceName;
  files: string[];
  record_id: string | null;
  /** Where it came from, for the join summary: "file:line" of the first partial. */
  origin: string;
  /** email key → how the address belongs to the record. */
  keys: Map<string, 'primary' | 'alias'>;
  status: Status;
  mfa: Mfa;
  last_sign_in: SignIn;
}

/** The names `--identity-format` accepts, and the source each belongs to. */
export const IDENTITY_FORMATS = {
  google: 'google',
  entra: 'entra',
  'entra-mfa': 'entra',
  'entra-signins': 'entra',
  okta: 'okta',
  'okta-factors': 'okta',
  'okta-mfa-usage': 'okta',
  jumpcloud: 'jumpcloud',
  generic: 'generic',
} as const satisfies Record<string, SourceName>;

export type IdentityFormat = keyof typeof IDENTITY_FORMATS;

export function isIdentityFormat(name: string): name is IdentityFormat {
  return Object.hasOwn(IDENTITY_FORMATS, name);
}
