/**
 * Flag value parsers. The option parsers throw commander's InvalidArgumentError, so the line names the flag
 * ("option '--concurrency <n>' argument 'abc' is invalid"); the others a ConfigError naming the flag.
 */
import { InvalidArgumentError } from 'commander';
import { isCalendarDay, isSaneYear, SANE_YEARS } from '../config/config-schema.js';
import { ConfigError } from '../errors.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return n;
}

/** Seconds, fractions allowed (e.g. 0.5), more than zero. */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!/^\s*\d*\.?\d+\s*$/.test(value) || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a number of seconds above zero.`);
  return n;
}

/**
 * `--now`: an RFC 3339 time (or a day) on the real calendar — `2026-02-30` is refused, not rolled over to
 * March 2 as `Date` would — in a year from 2000 to 2099.
 */
export function rfc3339(value: string): Date {
  const fail = (why: string) =>
    new ConfigError(`--now ${value}: ${why}; expected an RFC 3339 time such as 2026-11-28T00:00:00Z`);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2})))?$/.exec(value);
  const date = new Date(value);
  if (!m || Number.isNaN(date.getTime())) throw fail('not a time');
  const [, year, month, day, hour = '0', minute = '0', second = '0', , offsetHour = '0', offsetMinute = '0'] = m;
  if (!isCalendarDay(`${year}-${month}-${day}`)) throw fail(`${year}-${month}-${day} is not a calendar day`);
  if (
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59 ||
    Number(offsetHour) > 23 ||
    Number(offsetMinute) > 59
  )
    throw fail('not a time of day');
  if (!isSaneYear(Number(year))) throw fail(`the year must be from ${SANE_YEARS.min} to ${SANE_YEARS.max}`);
  return date;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
