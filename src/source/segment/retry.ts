/**
 * Retry policy: which answers are worth another attempt and how long to wait before it.
 * 429 waits what Segment says (`errors[0].data.msBeforeNext`, else until `X-RateLimit-Reset`); a 429 that says
 * nothing (the spec's bare `RateLimited` envelope) backs off on the throttle scale, long enough to outlast
 * Segment's one-minute window over the retries; 5xx, 408, resets, timeouts and truncated bodies back off
 * exponentially with half jitter and a cap.
 */

import type { HttpResponse } from './client.js';
import { parseResetHeader, RESET_MARGIN_MS } from './rate-limit.js';

export interface RetryPolicy {
  /** Further attempts after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Backoff of a 429 that announces no wait (default 2 s doubling to 60 s: 62 s over five retries). */
  throttleBaseDelayMs?: number;
  throttleMaxDelayMs?: number;
  random: () => number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'random'> = {
  maxRetries: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  throttleBaseDelayMs: 2_000,
  throttleMaxDelayMs: 60_000,
};

/** Delay before retry number `attempt` after a 429 that said nothing about when to come back. */
export function throttleBackoffDelay(attempt: number, policy: RetryPolicy): number {
  return backoffDelay(attempt, {
    ...policy,
    baseDelayMs: policy.throttleBaseDelayMs ?? 2_000,
    maxDelayMs: policy.throttleMaxDelayMs ?? 60_000,
  });
}

/** Delay before retry number `attempt` (0 = first retry): half fixed, half random, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** How long a 429 asks us to wait, or undefined when it says nothing usable. */
export function throttleDelay(res: HttpResponse, now: number): number | undefined {
  const fromBody = msBeforeNext(res.text);
  if (fromBody !== undefined) return fromBody + 50;
  const reset = parseResetHeader(res.headers['x-ratelimit-reset']);
  if (reset !== undefined && reset > now) return reset - now + RESET_MARGIN_MS;
  return undefined;
}

function msBeforeNext(text: string): number | undefined {
  try {
    const body = JSON.parse(text) as { errors?: Array<{ data?: { msBeforeNext?: unknown } }> };
    const value = body.errors?.[0]?.data?.msBeforeNext;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
