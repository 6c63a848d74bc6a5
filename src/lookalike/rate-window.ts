/**
 * Segment-style rate limit: a budget per fixed one-minute window (windows start on whole seconds, so the
 * RFC 5322 `X-RateLimit-Reset` date is exact). Every answer carries the three headers; over budget, 429.
 */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  msBeforeNext: number;
  consumed: number;
}

export class RateWindow {
  private windowStart: number;
  private consumed = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {
    this.windowStart = Math.floor(now() / 1000) * 1000;
  }

  take(): RateDecision {
    const t = this.now();
    if (t >= this.windowStart + this.windowMs) {
      this.windowStart += Math.floor((t - this.windowStart) / this.windowMs) * this.windowMs;
      this.consumed = 0;
    }
    const allowed = this.consumed < this.perMinute;
    if (allowed) this.consumed += 1;
    const reset = this.windowStart + this.windowMs;
    return {
      allowed,
      consumed: this.consumed,
      msBeforeNext: Math.max(0, reset - t),
      headers: {
        'X-RateLimit-Consumed': String(this.consumed),
        'X-RateLimit-Remaining': String(Math.max(0, this.perMinute - this.consumed)),
        'X-RateLimit-Reset': new Date(reset).toUTCString(),
      },
    };
  }
}
