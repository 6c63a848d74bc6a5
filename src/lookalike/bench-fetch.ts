/**
 * Issue 3 "Speed": collect a generated workspace from the look-alike and print requests made vs unavoidable,
 * wall time vs the lower bound, and the share of 429 answers. Run: `npm run build && node bench/fetch.mjs`.
 * Lower bound = max(unavoidable × latency ÷ concurrency, unavoidable ÷ rate limit).
 */
import { collectSegment } from '../source/segment/index.js';
import { generateWorkspace } from './generate.js';
import { MAX_COUNT } from './paging.js';
import { startLookalike } from './server.js';
import type { LookalikeWorkspace } from './workspace.js';

export interface BenchCase {
  name: string;
  users: number;
  groups: number;
  latencyMs: number;
  rateLimitPerMinute?: number;
  concurrency?: number;
  pageSize?: number;
  seed?: number;
}

export interface BenchResult {
  name: string;
  requests: number;
  unavoidable: number;
  requestRatio: number;
  wallMs: number;
  lowerBoundMs: number;
  timeRatio: number;
  throttled: number;
  throttledPct: number;
}

const TOKEN = `sgp_${'b'.repeat(64)}`;
const pages = (n: number): number => Math.max(1, Math.ceil(n / MAX_COUNT));

/** Requests no client can avoid: one per item read individually, one per page at the largest page size. */
export function unavoidableRequests(ws: LookalikeWorkspace): number {
  const perGroup = ws.groups.reduce((n, g) => n + pages(g.members.length) + pages(g.invites.length), 0);
  return (
    1 +
    pages(ws.roles.length) +
    pages(ws.users.length) +
    ws.users.length +
    pages(ws.groups.length) +
    perGroup +
    pages(ws.invites.length) +
    1
  );
}

export async function runBenchCase(c: BenchCase): Promise<BenchResult> {
  const workspace = generateWorkspace({ seed: c.seed ?? 42, users: c.users, groups: c.groups });
  const server = await startLookalike({
    workspace,
    token: TOKEN,
    faults: { latencyMs: c.latencyMs },
    maxSeconds: 900,
    ...(c.rateLimitPerMinute ? { rateLimitPerMinute: c.rateLimitPerMinute } : {}),
  });
  try {
    const concurrency = c.concurrency ?? 8;
    const started = performance.now();
    await collectSegment({
      baseUrl: server.url,
      token: TOKEN,
      concurrency,
      ...(c.pageSize ? { pageSize: c.pageSize } : {}),
    });
    const wallMs = performance.now() - started;
    const requests = Object.values(server.counts()).reduce((a, b) => a + b, 0);
    const throttled = server.statuses()['429'] ?? 0;
    const unavoidable = unavoidableRequests(workspace);
    const byLatency = (unavoidable * c.latencyMs) / concurrency;
    const byRate = c.rateLimitPerMinute ? (unavoidable / c.rateLimitPerMinute) * 60_000 : 0;
    const lowerBoundMs = Math.max(byLatency, byRate);
    return {
      name: c.name,
      requests,
      unavoidable,
      requestRatio: requests / unavoidable,
      wallMs,
      lowerBoundMs,
      timeRatio: wallMs / lowerBoundMs,
      throttled,
      throttledPct: (100 * throttled) / requests,
    };
  } finally {
    await server.close();
  }
}

export function formatResult(r: BenchResult): string {
  return [
    `${r.name}`,
    `  requests made ${r.requests} / unavoidable ${r.unavoidable} = ${r.requestRatio.toFixed(3)}x (target <= 1.05)`,
    `  wall time ${(r.wallMs / 1000).toFixed(2)} s / lower bound ${(r.lowerBoundMs / 1000).toFixed(2)} s = ${r.timeRatio.toFixed(3)}x (target <= 1.3)`,
    `  429 answers ${r.throttled} = ${r.throttledPct.toFixed(2)}% of requests (target <= 1%)`,
  ].join('\n');
}

export const DEFAULT_CASES: BenchCase[] = [
  { name: '10,000 users, 100 groups, 20 ms latency, concurrency 8', users: 10_000, groups: 100, latencyMs: 20 },
  {
    name: '1,200 users, 10 groups, 20 ms latency, 600 requests/minute',
    users: 1_200,
    groups: 10,
    latencyMs: 20,
    rateLimitPerMinute: 600,
  },
];
