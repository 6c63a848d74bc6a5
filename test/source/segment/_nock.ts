import nock from 'nock';
import { type ApiDeps, SegmentApi } from '../../../src/source/segment/api.js';
import { createHttpGet } from '../../../src/source/segment/client.js';
import { RateLimiter } from '../../../src/source/segment/rate-limit.js';
import { Semaphore } from '../../../src/source/segment/semaphore.js';

export const BASE = 'https://api.segmentapis.com';
export const TOKEN = `sgp_${'Zq9'.repeat(21)}x`;

export interface ApiHarness {
  api: SegmentApi;
  sleeps: number[];
  semaphore: Semaphore;
}

/** A SegmentApi on the global dispatcher (where nock sits), with recorded, instant sleeps. */
export function harness(
  options: {
    maxRetries?: number;
    timeoutMs?: number;
    concurrency?: number;
    maxWaitMs?: number;
    onRetry?: ApiDeps['onRetry'];
  } = {},
): ApiHarness {
  const sleeps: number[] = [];
  // A virtual clock: sleeping moves it forward at once.
  let offset = 0;
  const now = (): number => Date.now() + offset;
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    offset += ms;
    return Promise.resolve();
  };
  const semaphore = new Semaphore(options.concurrency ?? 4);
  const api = new SegmentApi({
    http: createHttpGet({ baseUrl: BASE, token: TOKEN, requestTimeoutMs: options.timeoutMs ?? 1_000 }),
    token: TOKEN,
    limiter: new RateLimiter({ now, sleep, ...(options.maxWaitMs ? { maxWaitMs: options.maxWaitMs } : {}) }),
    semaphore,
    retry: { maxRetries: options.maxRetries ?? 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 },
    now,
    sleep,
    ...(options.maxWaitMs ? { maxWaitMs: options.maxWaitMs } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  return { api, sleeps, semaphore };
}

export function setupNock(): void {
  nock.disableNetConnect();
}

export function teardownNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export const page = (key: string, items: unknown[], next?: string | null, current = 'MA==') => ({
  data: { [key]: items, pagination: { current, ...(next === undefined ? {} : { next }) } },
});
