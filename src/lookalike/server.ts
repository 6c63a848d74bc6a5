/**
 * The Segment look-alike: a real HTTP server on 127.0.0.1 serving a workspace through the Public API's
 * endpoints and shapes, with Bearer auth, rate-limit headers and 429s, Team-plan and EU-host modes, seeded
 * fault injection and per-endpoint request counters. It closes itself after `maxSeconds`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareText } from '../shared/order.js';
import { type FaultOptions, FaultPlan } from './faults.js';
import { RateWindow } from './rate-window.js';
import { type Answer, catalog, endpointOf, type Plan, route } from './routes.js';
import type { Variants } from './variants.js';
import { errorEnvelope } from './wire.js';
import type { LookalikeWorkspace } from './workspace.js';

export interface LookalikeOptions {
  workspace: LookalikeWorkspace;
  /** The one token accepted (`Authorization: Bearer <token>`). */
  token: string;
  port?: number;
  /**
   * 'team': no user groups, no audit trail (400 "Your plan does not include …"). 'free': no Public API at all
   * (every request 403). Default 'business'.
   */
  plan?: Plan;
  /** Region this host plays (default 'us'). */
  region?: 'us' | 'eu';
  /** Region the token was created in (default = `region`); when they differ every request gets 401. */
  tokenRegion?: 'us' | 'eu';
  /** Requests per one-minute window (default 100000). */
  rateLimitPerMinute?: number;
  /** Length of a rate-limit window (default 60000 ms; tests shorten it, the budget is per window). */
  rateLimitWindowMs?: number;
  faults?: FaultOptions;
  /** Spec-legal shapes and server faults the happy path never shows (variants.ts). */
  variants?: Variants;
  /** Stop by itself after this many seconds (default 600). */
  maxSeconds?: number;
}

export interface Lookalike {
  url: string;
  close(): Promise<void>;
  /** Requests received per endpoint, e.g. {"GET /users": 3, "GET /users/{id}": 500}. */
  counts(): Record<string, number>;
  /** Answers per status ("200", "429", …; "reset" for dropped connections). */
  statuses(): Record<string, number>;
  /** Most requests in flight at once. */
  peakInFlight(): number;
  /** Zero the counters and the fault memory. */
  reset(): void;
}

export async function startLookalike(options: LookalikeOptions): Promise<Lookalike> {
  const cat = catalog(options.workspace);
  const limit = new RateWindow(options.rateLimitPerMinute ?? 100_000, Date.now, options.rateLimitWindowMs ?? 60_000);
  const faults = new FaultPlan(options.faults ?? {});
  const counts = new Map<string, number>();
  const statuses = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  let inFlight = 0;
  let peak = 0;
  let throttled = 0;
  const v = options.variants ?? {};

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = endpointOf(req.method ?? 'GET', url.pathname);
    bump(counts, endpoint);
    if (v.hang) return; // accepted, never answered: the socket stays open until the client gives up
    const rate = limit.take();
    const latency = options.faults?.latencyMs ?? 0;
    let answer: Answer;
    let fault = 'none';
    if (!authorized(req, options)) {
      answer = {
        status: 401,
        body: errorEnvelope({
          type: 'unauthorized',
          message: 'Unauthorized: the token is missing, invalid, or cannot access this resource',
        }),
      };
    } else if (options.plan === 'free') {
      answer = {
        status: 403,
        body: errorEnvelope({ type: 'forbidden', message: 'The Public API is not available on your plan' }),
      };
    } else if (!rate.allowed || (v.throttle && throttled < (v.throttle.times ?? Number.POSITIVE_INFINITY))) {
      answer = tooMany(rate, v);
      if (rate.allowed) throttled += 1;
      if (v.throttle?.resetInMs !== undefined) {
        rate.headers['X-RateLimit-Remaining'] = '0';
        rate.headers['X-RateLimit-Reset'] = new Date(Date.now() + v.throttle.resetInMs).toUTCString();
      }
    } else if (req.method !== 'GET') {
      answer = {
        status: 405,
        body: errorEnvelope({ type: 'MethodNotAllowed', message: 'the look-alike is read-only' }),
      };
    } else {
      fault = faults.decide(endpoint, `${url.pathname}${url.search}`);
      answer =
        fault === 'error'
          ? {
              status: faults.errorStatus(url.pathname + url.search),
              body: errorEnvelope({ type: 'InternalServerError', message: 'injected fault' }),
            }
          : route(cat, url.pathname, url.searchParams, options.plan ?? 'business', v);
    }
    if (!v.rateHeadersOnlyOn2xx || (answer.status >= 200 && answer.status < 300)) {
      for (const [k, value] of Object.entries(rate.headers)) res.setHeader(k, value);
    }
    const delay = latency + (fault === 'slow' ? (options.faults?.slowMs ?? 5_000) : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault === 'reset') {
      bump(statuses, 'reset');
      req.socket.destroy();
      return;
    }
    let text = JSON.stringify(answer.body);
    if (fault === 'truncate' && answer.status === 200) text = text.slice(0, Math.floor(text.length / 2));
    bump(statuses, String(answer.status));
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) inFlight -= 1;
      done = true;
    };
    res.on('close', finish);
    req.resume();
    handle(req, res).catch(() => {
      res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const closeServer = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const timer = setTimeout(() => void closeServer(), (options.maxSeconds ?? 600) * 1000);
  timer.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      clearTimeout(timer);
      await closeServer();
    },
    counts: () => Object.fromEntries([...counts].sort(([a], [b]) => compareText(a, b))),
    statuses: () => Object.fromEntries(statuses),
    peakInFlight: () => peak,
    reset: () => {
      counts.clear();
      statuses.clear();
      faults.reset();
      peak = inFlight;
    },
  };
}

/** A 429: Segment's documented body (with `msBeforeNext`), or the spec's bare `RateLimited` envelope. */
function tooMany(rate: { msBeforeNext: number; consumed: number }, v: Variants): Answer {
  if (v.specRateLimited)
    return { status: 429, body: errorEnvelope({ type: 'RateLimited', message: 'Rate limit exceeded' }) };
  const msBeforeNext =
    v.throttle?.msBeforeNext ?? (v.throttle?.resetInMs !== undefined ? undefined : rate.msBeforeNext);
  return {
    status: 429,
    body: errorEnvelope({
      type: 'RequestError',
      message: 'Too many requests',
      data: {
        remainingPoints: 0,
        ...(msBeforeNext === undefined ? {} : { msBeforeNext }),
        consumedPoints: rate.consumed,
      },
    }),
  };
}

function authorized(req: IncomingMessage, options: LookalikeOptions): boolean {
  if ((options.tokenRegion ?? options.region ?? 'us') !== (options.region ?? 'us')) return false;
  return req.headers.authorization === `Bearer ${options.token}`;
}
