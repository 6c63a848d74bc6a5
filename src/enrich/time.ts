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
 *
 * The forms uar-check writes ("2026-11-28T12:00:00Z", "….123Z", "2026-11-28") are read digit by digit; any
 * other text goes through `toNanosByDate`, and both give the same number for every text (test/enrich/time-ns.test.ts).
 */
export function toNanos(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  return canonicalNanos(text) ?? toNanosByDate(text);
}

/** `toNanos` through the regular expressions and `Date.parse`: every form of RFC 3339, offsets included. */
export function toNanosByDate(text: string | null | undefined): number | null {
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

const MS_PER_DAY = 86_400_000;

/**
 * "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" with an optional fraction of 1 to 9 digits and "Z", every field in
 * range (year from 1900, seconds up to 59), in nanoseconds computed as `toNanosByDate` does; undefined for any
 * other text (left to `toNanosByDate`, which also decides what is null).
 */
function canonicalNanos(text: string): number | undefined {
  const n = text.length;
  if (n !== 10 && (n < 20 || n > 30)) return undefined;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const day = daysFromCivil(y, mo, d) * MS_PER_DAY;
  if (n === 10) return day * 1e6;
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // 'T', ':'
  if (text.charCodeAt(n - 1) !== 90) return undefined; // 'Z'
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined; // -1: not digits
  const ms = day + h * 3_600_000 + mi * 60_000 + s * 1000;
  if (n === 20) return ms * 1e6;
  // a fraction: '.', then 1 to 9 digits before the 'Z'
  const count = n - 21;
  if (n < 22 || text.charCodeAt(19) !== 46) return undefined;
  const fraction = digits(text, 20, count);
  if (fraction < 0) return undefined;
  const nanos = fraction * 10 ** (9 - count); // < 10⁹: exact
  return (ms + Math.floor(nanos / 1e6)) * 1e6 + (nanos % 1e6);
}

/** The non-negative integer written by `count` ASCII digits at `at`; -1 when one of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, mo: number, d: number): number {
  const year = mo <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
