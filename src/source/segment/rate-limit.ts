/**
 * Client-side pacing from Segment's rate-limit headers: `X-RateLimit-Remaining` and `X-RateLimit-Reset`
 * (an RFC 5322 date). The budget of the current window is spent, spread out once it runs low, and when it
 * is gone the next request waits for the reset, so the limit is met before Segment answers 429.
 * An optional requests-per-second bound spaces every request. No wait is longer than `maxWaitMs`: a reset
 * announced further ahead is reported (`onWait`'s `askedMs`) and forgotten after the capped wait.
 */
export interface RateLimiterOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Hard bound on requests per second (none by default). */
  maxPerSecond?: number;
  /** Below this many remaining requests, spread the rest evenly until the reset. */
  lowWater?: number;
  /** Longest single wait (default 5 minutes). */
  maxWaitMs?: number;
  /** Called before each wait the limiter imposes (ms); `askedMs` when the server's announcement was cut. */
  onWait?: (ms: number, reason: 'rate-limit' | 'pacing', askedMs?: number) => void;
}

export const DEFAULT_MAX_WAIT_MS = 300_000;

/** Extra time after the announced reset (the header has a resolution of one second). */
export const RESET_MARGIN_MS = 200;

export class RateLimiter {
  private remaining: number | undefined;
  private resetAt = 0;
  private blockedUntil = 0;
  private lastSend = Number.NEGATIVE_INFINITY;
  private inflight = 0;

  constructor(private readonly options: RateLimiterOptions) {}

  /** Wait until a request may be sent; the caller must call `release` when its answer arrived. */
  async acquire(): Promise<void> {
    for (;;) {
      const wanted = this.delayFor(this.options.now());
      if (wanted <= 0) break;
      const cap = this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
      const wait = Math.min(wanted, cap);
      const reason = this.options.now() < this.blockedUntil || this.remaining === 0 ? 'rate-limit' : 'pacing';
      this.options.onWait?.(wait, reason, wanted > cap ? wanted : undefined);
      await this.options.sleep(wait);
      if (wanted > cap) {
        // Waited as long as we allow: forget the announcement and try; a 429 then goes through the retries.
        this.blockedUntil = 0;
        this.remaining = undefined;
        this.resetAt = 0;
        break;
      }
    }
    if (this.remaining !== undefined) this.remaining -= 1;
    this.lastSend = this.options.now();
    this.inflight += 1;
  }

  release(headers: Record<string, string | undefined> | undefined): void {
    this.inflight -= 1;
    if (headers) this.observe(headers);
  }

  /** A 429 said the budget is gone until `until` (epoch ms): everybody waits, then the budget is unknown again. */
  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
    this.remaining = 0;
    this.resetAt = this.blockedUntil;
  }

  private delayFor(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    if (this.remaining !== undefined && now >= this.resetAt) this.remaining = undefined;
    let wait = 0;
    if (this.remaining !== undefined) {
      const left = this.resetAt - now;
      if (this.remaining <= 0) return left + RESET_MARGIN_MS;
      if (this.remaining <= (this.options.lowWater ?? 10)) wait = this.lastSend + left / this.remaining - now;
    }
    if (this.options.maxPerSecond) wait = Math.max(wait, this.lastSend + 1000 / this.options.maxPerSecond - now);
    return wait;
  }

  private observe(headers: Record<string, string | undefined>): void {
    const remaining = Number.parseInt(headers['x-ratelimit-remaining'] ?? '', 10);
    const reset = parseResetHeader(headers['x-ratelimit-reset']);
    if (!Number.isFinite(remaining) || reset === undefined) return;
    // Requests still in flight may not be counted by the server yet: assume they are not.
    const estimate = Math.max(0, remaining - this.inflight);
    if (reset > this.resetAt + 500 || this.remaining === undefined) {
      if (reset >= this.resetAt) {
        this.resetAt = reset;
        this.remaining = estimate;
      }
    } else {
      this.remaining = Math.min(this.remaining, estimate);
    }
  }
}

/** `X-RateLimit-Reset` is an RFC 5322 date (e.g. "Tue, 20 Aug 2026 16:00:00 GMT"); epoch ms or undefined. */
export function parseResetHeader(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
