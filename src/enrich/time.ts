/**
 * Times and days in input files. Everything is normalised to RFC 3339 UTC ("2026-11-28T12:00:00Z", with
 * milliseconds only when they are not zero). Parsers return `null` for text they cannot read; the caller
 * raises the InputError because it knows the file, line and column.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant as RFC 3339 UTC, or null when not a valid time. `naive` allows times without a zone (read as UTC). */
export function parseInstant(text: string, options: { naive?: boolean; slashed?: boolean } = {}): string | null {
  const value = text.trim();
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    if (!zone && !options.naive) return null;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    return build(+y!, +mo!, +d!, +h!, +mi!, s ? +s : 0, ms, zone ?? 'Z');
  }
  const slashed = options.slashed ? SLASHED.exec(value) : null;
  if (slashed) {
    const [, y, mo, d, h, mi, s] = slashed;
    return build(+y!, +mo!, +d!, +h!, +mi!, s ? +s : 0, 0, 'Z');
  }
  return null;
}

/** "YYYY-MM-DD" when it is a real calendar day, else null. */
export function parseDay(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  return build(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0, 0, 'Z') ? m[0] : null;
}

/** A day ("YYYY-MM-DD" → midnight UTC) or an RFC 3339 time (zone required). */
export function parseDayOrInstant(text: string): string | null {
  const day = parseDay(text);
  return day ? `${day}T00:00:00Z` : parseInstant(text);
}

/** The later of two RFC 3339 times. */
export function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  zone: string,
): string | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 1900) return null;
  return formatInstant(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Integer nanoseconds since the epoch of an RFC 3339 time, or of a day ("YYYY-MM-DD", midnight UTC); null when
 * the text is not one ("never", null, garbage). Exact for millisecond times: `JSON.stringify` writes
 * ms × 10⁶ as its exact digits. Finer fractions are added as a number (beyond 2⁵³, within 256 ns).
 */
export function toNanos(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  if (DAY.test(text)) return parseDay(text) ? Date.parse(`${text}T00:00:00Z`) * 1e6 : null;
  const m = RFC3339.exec(text);
  if (!m) return null;
  const whole = text.replace(/\.\d+/, '');
  const ms = Date.parse(whole);
  if (Number.isNaN(ms) || build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, 0, 'Z') === null) return null;
  const fraction = m[7] ? m[7].slice(1).padEnd(9, '0') : '';
  const subMs = fraction ? Number(fraction.slice(3)) : 0;
  return (ms + (fraction ? Number(fraction.slice(0, 3)) : 0)) * 1e6 + subMs;
}
