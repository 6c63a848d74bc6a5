/**
 * Flag value parsers. The option parsers throw commander's InvalidArgumentError, so the line names the flag
 * ("option '--concurrency <n>' argument 'abc' is invalid"); the others a ConfigError naming the flag.
 */
import { InvalidArgumentError } from 'commander';
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

export function rfc3339(value: string): Date {
  const date = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ||
    Number.isNaN(date.getTime())
  ) {
    throw new ConfigError(`--now ${value}: expected an RFC 3339 time such as 2026-11-28T00:00:00Z`);
  }
  return date;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
