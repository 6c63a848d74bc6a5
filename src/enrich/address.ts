/**
 * Addresses as they appear in exports, and the keys the join compares. The key is the model's `emailKey`
 * (trimmed, NFC, lower-cased). Before that, export decorations are removed: `mailto:`, `SMTP:`/`smtp:`
 * (Entra proxyAddresses) and `Name <address>` wrappers. Nothing else is folded: no dots, no `+tag`.
 */
import { emailKey } from '../model/document.js';

export function cleanAddress(raw: string): string {
  let value = raw.trim();
  if (!value.includes(':') && !value.includes('<')) return value;
  const wrapped = /<([^<>]+)>\s*$/.exec(value);
  if (wrapped) value = wrapped[1]!.trim();
  return value.replace(/^(mailto|smtp):/i, '').trim();
}

/** The join key of an address found in an export ("" when blank). */
export function addressKey(raw: string): string {
  return emailKey(cleanAddress(raw));
}

/** The key with the local part cut at its first "+" (`ana+seg@x` → `ana@x`), or null when there is no +tag. */
export function plusStripped(key: string): string | null {
  const at = key.lastIndexOf('@');
  const plus = key.indexOf('+');
  if (at <= 0 || plus < 0 || plus > at) return null;
  return key.slice(0, plus) + key.slice(at);
}

/** Split a list cell ("a@x; b@x", "a@x,b@x") into addresses. */
export function splitAddresses(cellText: string): string[] {
  return cellText
    .split(/[;,\n]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}
