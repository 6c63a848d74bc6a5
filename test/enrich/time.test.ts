import { describe, expect, it } from 'vitest';
import { parseDay, parseDayOrInstant, parseInstant } from '../../src/enrich/time.js';

describe('time parsing', () => {
  it('normalises ISO-8601 to RFC 3339 UTC', () => {
    expect(parseInstant('2024-05-02T09:14:27.000Z')).toBe('2024-05-02T09:14:27Z');
    expect(parseInstant('2023-03-13T19:15:41.6195833Z')).toBe('2023-03-13T19:15:41.619Z');
    expect(parseInstant('2024-05-02T11:14:27+02:00')).toBe('2024-05-02T09:14:27Z');
    expect(parseInstant('2024-05-02T09:14:27')).toBeNull();
    expect(parseInstant('2024-05-02T09:14:27', { naive: true })).toBe('2024-05-02T09:14:27Z');
  });
  it('reads Google slashed times only when asked, and rejects impossible dates', () => {
    expect(parseInstant('2019/07/11 15:36:14', { naive: true, slashed: true })).toBe('2019-07-11T15:36:14Z');
    expect(parseInstant('2019/07/11 15:36:14')).toBeNull();
    expect(parseInstant('2024-02-30T00:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });
  it('days', () => {
    expect(parseDay('2026-10-01')).toBe('2026-10-01');
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('0000-00-00')).toBeNull();
    expect(parseDayOrInstant('2026-10-01')).toBe('2026-10-01T00:00:00Z');
    expect(parseDayOrInstant('2026-10-05T14:00:00+01:00')).toBe('2026-10-05T13:00:00Z');
    expect(parseDayOrInstant('05/10/2026')).toBeNull();
  });
});
