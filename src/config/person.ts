/**
 * Who a config value names, for separation of duties. A person is named by an email address (optionally as
 * `Name <address>`) or by a Segment user id. Before comparing, the text is trimmed, NFC-normalised and stripped
 * of invisible characters (zero-width spaces and joiners, soft hyphens, bidi marks, BOM), so a look-alike
 * spelling names the same person. Email keys are lower-cased with the `+tag` removed (`ops+x@acme.com` is the
 * mailbox of `ops@acme.com`); user ids compare case-insensitively. `mailto:` links, names, lists and anything
 * else are not a person reference.
 */

export type PersonRef = { kind: 'email'; key: string } | { kind: 'id'; id: string };

// Zero-width and formatting characters that render as nothing: U+00AD, U+034F, U+061C, U+115F-U+1160,
// U+17B4-U+17B5, U+180B-U+180F, U+200B-U+200F, U+202A-U+202E, U+2060-U+206F, U+3164, U+FE00-U+FE0F, U+FEFF,
// U+FFA0.
const INVISIBLE =
  /\u034f|\u17b4|\u17b5|\u180b|\u180c|\u180d|\u180e|\u180f|[\ufe00-\ufe0f]|[\u00ad\u061c\u115f\u1160\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/g;
const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Trimmed, NFC, without invisible characters. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').trim();
}

/** The person a value names, or why it names none (a sentence fit for "approved_by …: <why>"). */
export function parsePerson(raw: string): PersonRef | { problem: string } {
  const value = normalizeName(raw);
  if (/^mailto:/i.test(value)) return { problem: 'is a mailto: link; give the address alone (ops@acme.com)' };
  const bracketed = /^[^<>]*<([^<>]+)>$/.exec(value)?.[1]?.trim();
  const text = bracketed ?? value;
  if (text.includes('@')) {
    if (!ADDRESS.test(text)) return { problem: 'is not a valid email address' };
    return { kind: 'email', key: emailPersonKey(text) };
  }
  if (bracketed === undefined && USER_ID.test(text)) return { kind: 'id', id: text.toLowerCase() };
  return { problem: 'is not an email address or a Segment user id' };
}

/** "Ops+Vault@Acme.com" → "ops@acme.com": the mailbox, whatever the +tag. */
export function emailPersonKey(address: string): string {
  const key = normalizeName(address).toLowerCase();
  const at = key.lastIndexOf('@');
  if (at <= 0) return key;
  const local = key.slice(0, at);
  const plus = local.indexOf('+');
  return (plus > 0 ? local.slice(0, plus) : local) + key.slice(at);
}

/** Users by id and by email key, to resolve a reference both ways. */
export class PersonDirectory {
  private readonly emailOfId = new Map<string, string>();
  private readonly idsOfEmail = new Map<string, string[]>();

  constructor(users: readonly { id: string; email: string }[]) {
    for (const user of users) {
      const id = user.id.toLowerCase();
      const key = emailPersonKey(user.email);
      this.emailOfId.set(id, key);
      const ids = this.idsOfEmail.get(key) ?? [];
      ids.push(id);
      this.idsOfEmail.set(key, ids);
    }
  }

  /** Every key naming the same person: `e:<email key>` and `i:<user id>`. */
  keys(ref: PersonRef): Set<string> {
    const keys = new Set<string>();
    if (ref.kind === 'email') {
      keys.add(`e:${ref.key}`);
      for (const id of this.idsOfEmail.get(ref.key) ?? []) keys.add(`i:${id}`);
    } else {
      keys.add(`i:${ref.id}`);
      const email = this.emailOfId.get(ref.id);
      if (email) keys.add(`e:${email}`);
    }
    return keys;
  }
}
