/**
 * `collectSegment`: read one Segment workspace completely through the Public API and return the access
 * document. Either every read succeeds (plan-unavailable features are recorded in `coverage`) or it throws a
 * SourceError naming the endpoint: never a partial document. Prints nothing; progress goes to `onProgress`.
 */
import type { Dispatcher } from 'undici';
import { ConfigError, SourceError, UarError } from '../../errors.js';
import type { AccessDocument } from '../../model/document.js';
import { SegmentApi } from './api.js';
import { createHttpGet } from './client.js';
import { normalize } from './normalize.js';
import { MAX_PAGE_SIZE } from './paginate.js';
import { emptyProgress, type Progress } from './progress-types.js';
import { RateLimiter } from './rate-limit.js';
import { type ReadHooks, readAudit, readGroups, readInvites, readLabels, readRoles, readUsers } from './reads.js';
import { type Region, regionOf } from './region.js';
import { DEFAULT_RETRY } from './retry.js';
import { WorkspaceData } from './schema.js';
import { Semaphore } from './semaphore.js';
import { checkToken } from './token.js';

export interface CollectOptions {
  baseUrl: string;
  token: string;
  dispatcher?: Dispatcher;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Read the audit trail of the last N days (Business tier); not read when absent. */
  auditDays?: number;
  /** Per-request timeout, whole answer included (default 30 s). */
  requestTimeoutMs?: number;
  /** Further attempts after a failed one (default 5). */
  maxRetries?: number;
  now?: () => Date;
  onProgress?: (p: Progress) => void;
  /** `pagination[count]` (1..1000, default 200). */
  pageSize?: number;
  /** Region recorded in the document; derived from `baseUrl` when it is a Segment host. */
  region?: Region;
  /** Hard bound on requests per second (none by default; the rate-limit headers pace anyway). */
  maxRequestsPerSecond?: number;
  /** Backoff base and cap (ms); tests shorten them. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Injected for tests: waiting and jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PAGE_SIZE = 200;

export async function collectSegment(options: CollectOptions): Promise<AccessDocument> {
  const collectedAt = (options.now ?? (() => new Date()))();
  checkToken(options.token);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw new ConfigError(`page size must be 1..${MAX_PAGE_SIZE}, got ${pageSize}`);
  if (options.concurrency !== undefined && (!Number.isInteger(options.concurrency) || options.concurrency < 1)) {
    throw new ConfigError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const progress = emptyProgress();
  const emit = (extra?: Partial<Progress>): void => options.onProgress?.({ ...progress, ...extra });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const limiter = new RateLimiter({
    now: Date.now,
    sleep,
    lowWater: Math.max(10, concurrency * 2),
    ...(options.maxRequestsPerSecond ? { maxPerSecond: options.maxRequestsPerSecond } : {}),
    onWait: (ms, reason) => {
      progress.waitedMs += ms;
      emit({ waiting: { ms, reason } });
    },
  });
  const api = new SegmentApi({
    http: createHttpGet({
      baseUrl: options.baseUrl,
      token: options.token,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    }),
    token: options.token,
    limiter,
    semaphore: new Semaphore(concurrency),
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
      baseDelayMs: options.backoff?.baseMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.backoff?.maxMs ?? DEFAULT_RETRY.maxDelayMs,
      random: options.random ?? Math.random,
    },
    now: Date.now,
    sleep,
    onRequest: () => {
      progress.requests += 1;
      emit();
    },
    onRetry: (endpoint, ms, reason) => {
      progress.retries += 1;
      if (reason === 'throttled') progress.throttled += 1;
      progress.waitedMs += ms;
      emit({ waiting: { ms, reason, endpoint } });
    },
  });
  const hooks: ReadHooks = {
    pageSize,
    onUsersListed: (n) => {
      progress.usersListed += n;
    },
    onUserRead: () => {
      progress.usersRead += 1;
    },
    onGroupsListed: (n) => {
      progress.groupsListed += n;
    },
    onGroupRead: () => {
      progress.groupsRead += 1;
    },
  };

  try {
    emit();
    const { workspace } = await api.get('GET /', '/', WorkspaceData, 'high');
    api.tokenVerified = true;
    progress.phase = 'lists';
    emit();
    const startTime =
      options.auditDays === undefined
        ? undefined
        : new Date(collectedAt.getTime() - options.auditDays * 86_400_000).toISOString();
    const [roles, users, groups, invites, labels, audit] = await Promise.all([
      readRoles(api, hooks),
      readUsers(api, hooks),
      readGroups(api, hooks),
      readInvites(api, hooks),
      readLabels(api),
      startTime === undefined ? Promise.resolve(null) : readAudit(api, startTime, hooks),
    ]);
    progress.phase = 'done';
    emit();
    const region = options.region ?? regionOf(options.baseUrl);
    return normalize(
      { workspace, roles, users, groups, invites, labels, audit },
      { collectedAt, apiUrl: options.baseUrl, region },
    );
  } catch (thrown) {
    const error =
      thrown instanceof UarError
        ? thrown
        : new SourceError('collection failed unexpectedly', undefined, undefined, { cause: thrown });
    api.stop(error);
    throw error;
  }
}
