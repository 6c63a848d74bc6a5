import { describe, expect, it } from 'vitest';
import { parseResetHeader, RateLimiter, RESET_MARGIN_MS } from '../../../src/source/segment/rate-limit.js';
import { Semaphore } from '../../../src/source/segment/semaphore.js';

function clock() {
  let t = Date.parse('2026-11-28T12:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
  };
}
const headers = (remaining: number, reset: number) => ({
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': new Date(reset).toUTCString(),
});

describe('RateLimiter', () => {
  it('parses the RFC 5322 reset date', () => {
    expect(parseResetHeader('Tue, 20 Aug 2026 16:00:00 GMT')).toBe(Date.parse('2026-08-20T16:00:00Z'));
    expect(parseResetHeader('soon')).toBeUndefined();
  });

  it('waits for the reset once the budget is spent, before Segment would answer 429', async () => {
    const c = clock();
    const limiter = new RateLimiter({ now: c.now, sleep: c.sleep, lowWater: 0 });
    const reset = c.now() + 30_000;
    await limiter.acquire();
    limiter.release(headers(2, reset));
    await limiter.acquire();
    await limiter.acquire();
    expect(c.sleeps).toEqual([]);
    await limiter.acquire(); // budget gone: waits until the reset
    expect(c.sleeps).toEqual([30_000 + RESET_MARGIN_MS]);
  });

  it('spreads the last requests of a window instead of bursting into the limit', async () => {
    const c = clock();
    const limiter = new RateLimiter({ now: c.now, sleep: c.sleep, lowWater: 10 });
    await limiter.acquire();
    limiter.release(headers(5, c.now() + 10_000));
    for (let i = 0; i < 4; i += 1) await limiter.acquire();
    // 5 left for 10 s: about one every 2 s, then 2.5 s, …
    expect(c.sleeps.length).toBeGreaterThanOrEqual(3);
    expect(c.sleeps[0]).toBeGreaterThan(1_500);
  });

  it('counts requests still in flight against the budget', async () => {
    const c = clock();
    const limiter = new RateLimiter({ now: c.now, sleep: c.sleep, lowWater: 0 });
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    // The first answer says 2 left; two others are in flight and may not be counted yet.
    limiter.release(headers(2, c.now() + 5_000));
    await limiter.acquire();
    expect(c.sleeps).toEqual([5_000 + RESET_MARGIN_MS]);
  });

  it('honours a requests-per-second bound', async () => {
    const c = clock();
    const limiter = new RateLimiter({ now: c.now, sleep: c.sleep, maxPerSecond: 4 });
    for (let i = 0; i < 3; i += 1) await limiter.acquire();
    expect(c.sleeps).toEqual([250, 250]);
  });

  it('a 429 blocks everybody until the given time', async () => {
    const c = clock();
    const limiter = new RateLimiter({ now: c.now, sleep: c.sleep });
    limiter.block(c.now() + 1_500);
    await limiter.acquire();
    expect(c.sleeps[0]).toBe(1_500);
  });
});

describe('Semaphore', () => {
  it('never lets more than the limit through, and serves high priority first', async () => {
    const s = new Semaphore(2);
    const order: string[] = [];
    await s.acquire();
    await s.acquire();
    const a = s.acquire('normal').then(() => order.push('normal'));
    const b = s.acquire('high').then(() => order.push('high'));
    s.release();
    await Promise.race([a, b]);
    expect(order).toEqual(['high']);
    s.release();
    await a;
    expect(order).toEqual(['high', 'normal']);
    expect(s.peak).toBe(2);
  });
});
