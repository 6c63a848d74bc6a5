/** Flag value parsers: a bad value is a ConfigError naming the flag's value and what was expected. */
import { ConfigError } from '../errors.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`"${value}" is not a positive whole number`);
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
