/**
 * GET one Segment endpoint as JSON, with bounded concurrency, client-side rate limiting and retries.
 * After the retries are spent, or on an answer that cannot succeed, it throws a SourceError naming the endpoint.
 */
import type { z } from 'zod';
import { SourceError } from '../../errors.js';
import { type HttpGet, type HttpResponse, TransportError } from './client.js';
import { statusError } from './http-errors.js';
import { DEFAULT_MAX_WAIT_MS, type RateLimiter } from './rate-limit.js';
import { backoffDelay, isRetryableStatus, type RetryPolicy, throttleBackoffDelay, throttleDelay } from './retry.js';
import type { Semaphore } from './semaphore.js';

export interface ApiDeps {
  http: HttpGet;
  token: string;
  limiter: RateLimiter;
  semaphore: Semaphore;
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onRequest?: () => void;
  onRetry?: (endpoint: string, waitMs: number, reason: 'backoff' | 'throttled', askedMs?: number) => void;
  /** Longest wait a server may impose; a longer announced wait is cut to this (and reported as asked). */
  maxWaitMs?: number;
}

export class SegmentApi {
  /** `GET /` answered 200: later 401/403 mean missing permission, not a bad token. */
  tokenVerified = false;
  private stopped: Error | undefined;

  constructor(private readonly deps: ApiDeps) {}

  /** GET `pathAndQuery`, check that `data` has the shape of `schema`, return it. */
  async get<S extends z.ZodType>(
    endpoint: string,
    pathAndQuery: string,
    schema: S,
    priority: 'high' | 'normal' = 'normal',
  ): Promise<z.infer<S>> {
    const body = await this.getJson(endpoint, pathAndQuery, priority);
    const data = (body as { data?: unknown } | null)?.data;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `data.${issue.path.join('.')}: ${issue.message}` : 'data';
      throw new SourceError(`unexpected response shape (${where})`, endpoint, 200);
    }
    return parsed.data;
  }

  async getJson(endpoint: string, pathAndQuery: string, priority: 'high' | 'normal' = 'normal'): Promise<unknown> {
    const { retry, sleep, now } = this.deps;
    let last = '';
    let lastStatus: number | undefined;
    let lastCause: TransportError | undefined;
    for (let attempt = 0; attempt <= retry.maxRetries; attempt += 1) {
      const outcome = await this.once(pathAndQuery, priority);
      let wait: number;
      if (outcome instanceof TransportError && outcome.kind === 'timeout' && !this.tokenVerified) {
        // Nothing has answered yet: a server that does not answer the first request fails now, not after retries.
        throw new SourceError(
          `${outcome.message}; is the API reachable? check --api-url or --region and the network (or raise --request-timeout)`,
          endpoint,
          undefined,
          { cause: outcome },
        );
      }
      let asked: number | undefined;
      if (outcome instanceof TransportError) {
        last = outcome.message;
        lastStatus = undefined;
        lastCause = outcome;
        wait = backoffDelay(attempt, retry);
      } else if (outcome.status >= 200 && outcome.status < 300) {
        try {
          return JSON.parse(outcome.text) as unknown;
        } catch {
          last = `truncated or invalid JSON body (${outcome.text.length} bytes)`;
          lastStatus = outcome.status;
          wait = backoffDelay(attempt, retry);
        }
      } else if (isRetryableStatus(outcome.status)) {
        last = `HTTP ${outcome.status}`;
        lastStatus = outcome.status;
        asked = outcome.status === 429 ? throttleDelay(outcome, now()) : undefined;
        const fallback = outcome.status === 429 ? throttleBackoffDelay(attempt, retry) : backoffDelay(attempt, retry);
        wait = Math.min(asked ?? fallback, this.deps.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
        if (outcome.status === 429) this.deps.limiter.block(now() + wait);
      } else {
        throw statusError({
          endpoint,
          status: outcome.status,
          text: outcome.text,
          token: this.deps.token,
          tokenVerified: this.tokenVerified,
        });
      }
      if (attempt === retry.maxRetries) break;
      this.deps.onRetry?.(
        endpoint,
        wait,
        lastStatus === 429 ? 'throttled' : 'backoff',
        asked !== undefined && asked > wait ? asked : undefined,
      );
      await sleep(wait);
    }
    // The cause is our own TransportError, whose cause is a redacted copy of the transport's error.
    const hint = lastCause ? '; is the API reachable? check --api-url or --region and the network' : '';
    throw new SourceError(
      `failed after ${retry.maxRetries + 1} attempts (last: ${last})${hint}`,
      endpoint,
      lastStatus,
      lastCause ? { cause: lastCause } : undefined,
    );
  }

  /** The collection failed: requests not yet sent fail with `reason` instead of being sent. */
  stop(reason: Error): void {
    this.stopped ??= reason;
  }

  private async once(pathAndQuery: string, priority: 'high' | 'normal'): Promise<HttpResponse | TransportError> {
    const { semaphore, limiter, http } = this.deps;
    if (this.stopped) throw this.stopped;
    await semaphore.acquire(priority);
    try {
      if (this.stopped) throw this.stopped;
      await limiter.acquire();
      if (this.stopped) {
        limiter.release(undefined);
        throw this.stopped;
      }
      this.deps.onRequest?.();
      try {
        const res = await http(pathAndQuery);
        limiter.release(res.headers);
        return res;
      } catch (thrown) {
        limiter.release(undefined);
        if (thrown instanceof TransportError) return thrown;
        throw thrown;
      }
    } finally {
      semaphore.release();
    }
  }
}
