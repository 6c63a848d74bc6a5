/**
 * `collectSegment`: read one Segment workspace completely through the Public API and return the access
 * document. Either every read the plan offers succeeds (plan-unavailable features, subjects removed during the
 * run and lists shorter than announced are recorded in `coverage`) or it throws a SourceError naming the
 * endpoint: never a silently partial document. Every wait is bounded (`maxWaitMs`, `requestTimeoutMs`,
 * `timeoutMs`). Prints nothing; progress goes to `onProgress`.
 */
import type { Dispatcher } from 'undici';
import { ConfigError, SourceError, UarError } from '../../errors.js';
import type { AccessDocument, RemovedSubject } from '../../model/document.js';
import { compareText } from '../../shared/order.js';
import { SegmentApi } from './api.js';
import { createHttpGet } from './client.js';
import { AUDIT_RETENTION_DAYS, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from './defaults.js';
import { normalize } from './normalize.js';
import { MAX_PAGE_SIZE } from './paginate.js';
import { emptyProgress, type Progress } from './progress-types.js';
import { DEFAULT_MAX_WAIT_MS, RateLimiter } from './rate-limit.js';
import {
  type Incomplete,
  type ReadHooks,
  readAudit,
  readGroups,
  readInvites,
  readLabels,
  readRoles,
  readUsers,
} from './reads.js';
import { readResourceNames } from './reads-names.js';
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
  /** Read the audit trail of the last N days (Business tier, at most AUDIT_RETENTION_DAYS); not read when absent. */
  auditDays?: number;
  /** Per-request timeout, whole answer included (default 30 s). */
  requestTimeoutMs?: number;
  /** Overall deadline for the whole collection (none by default). */
  timeoutMs?: number;
  /** Longest single wait a server may impose through 429 or rate-limit headers (default 5 minutes). */
  maxWaitMs?: number;
  /** Ceiling on pages of one list whose length the server does not announce (default 10,000). */
  maxPages?: number;
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
  /** Backoff base and cap (ms), and those of a 429 that announces no wait; tests shorten them. */
  backoff?: { baseMs?: number; maxMs?: number; throttleBaseMs?: number; throttleMaxMs?: number };
  /** Injected for tests: waiting and jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export { AUDIT_RETENTION_DAYS, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE };

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
  const cancel = new AbortController();
  const sleep = options.sleep ?? cancellableSleep(cancel.signal);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const limiter = new RateLimiter({
    now: Date.now,
    sleep,
    maxWaitMs,
    lowWater: Math.max(10, concurrency * 2),
    ...(options.maxRequestsPerSecond ? { maxPerSecond: options.maxRequestsPerSecond } : {}),
    onWait: (ms, reason, askedMs) => {
      progress.waitedMs += ms;
      emit({ waiting: { ms, reason, ...(askedMs === undefined ? {} : { askedMs }) } });
    },
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const api = new SegmentApi({
    http: createHttpGet({
      baseUrl: options.baseUrl,
      token: options.token,
      requestTimeoutMs,
      cancel: cancel.signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    }),
    token: options.token,
    limiter,
    semaphore: new Semaphore(concurrency),
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
      baseDelayMs: options.backoff?.baseMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.backoff?.maxMs ?? DEFAULT_RETRY.maxDelayMs,
      throttleBaseDelayMs:
        options.backoff?.throttleBaseMs ?? options.backoff?.baseMs ?? DEFAULT_RETRY.throttleBaseDelayMs,
      throttleMaxDelayMs: options.backoff?.throttleMaxMs ?? options.backoff?.maxMs ?? DEFAULT_RETRY.throttleMaxDelayMs,
      random: options.random ?? Math.random,
    },
    maxWaitMs,
    now: Date.now,
    sleep,
    onRequest: () => {
      progress.requests += 1;
      emit();
    },
    onRetry: (endpoint, ms, reason, askedMs) => {
      progress.retries += 1;
      if (reason === 'throttled') progress.throttled += 1;
      progress.waitedMs += ms;
      emit({ waiting: { ms, reason, endpoint, ...(askedMs === undefined ? {} : { askedMs }) } });
    },
  });
  const removed: RemovedSubject[] = [];
  const incomplete: Incomplete[] = [];
  const hooks: ReadHooks = {
    pageSize,
    ...(options.maxPages ? { maxPages: options.maxPages } : {}),
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
    onRemoved: (r) => {
      removed.push(r);
      progress.removed += 1;
      emit({ removedSubject: r });
    },
    onIncomplete: (i) => {
      incomplete.push(i);
    },
  };

  const auditDays = options.auditDays === undefined ? undefined : Math.min(options.auditDays, AUDIT_RETENTION_DAYS);
  const work = async (): Promise<AccessDocument> => {
    emit();
    const { workspace } = await api.get('GET /', '/', WorkspaceData, 'high');
    api.tokenVerified = true;
    progress.phase = 'lists';
    emit();
    const startTime =
      auditDays === undefined ? undefined : new Date(collectedAt.getTime() - auditDays * 86_400_000).toISOString();
    const [roles, users, groups, invites, labels, audit] = await Promise.all([
      readRoles(api, hooks),
      readUsers(api, hooks),
      readGroups(api, hooks),
      readInvites(api, hooks),
      readLabels(api),
      startTime === undefined ? Promise.resolve(null) : readAudit(api, startTime, hooks),
    ]);
    const spaceIds = new Set<string>();
    const granted = [
      ...users.users.flatMap((u) => u.permissions ?? []),
      ...(Array.isArray(groups) ? groups.flatMap((g) => g.group.permissions ?? []) : []),
    ];
    for (const p of granted) for (const r of p.resources) if (r.type === 'SPACE') spaceIds.add(r.id);
    const resourceNames = await readResourceNames(api, hooks, [...spaceIds].sort(compareText));
    progress.phase = 'done';
    emit();
    const region = options.region ?? regionOf(options.baseUrl);
    return normalize(
      {
        workspace,
        roles,
        users: users.users,
        groups,
        invites,
        labels,
        audit,
        notes: {
          auditDays: auditDays ?? null,
          incomplete,
          removed,
          usersWithoutPermissionsField: users.withoutPermissionsField,
          userPermissions: users.permissions,
          resourceNames,
        },
      },
      { collectedAt, apiUrl: options.baseUrl, region },
    );
  };

  let deadline: ReturnType<typeof setTimeout> | undefined;
  try {
    const running = work();
    if (options.timeoutMs === undefined) return await running;
    const timeoutMs = options.timeoutMs;
    return await Promise.race([
      running,
      new Promise<never>((_, reject) => {
        deadline = setTimeout(
          () =>
            reject(
              new SourceError(
                `the collection did not finish within ${formatSeconds(timeoutMs)} (--timeout); ${progress.requests} requests were made`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
  } catch (thrown) {
    const error =
      thrown instanceof UarError
        ? thrown
        : new SourceError('collection failed unexpectedly', undefined, undefined, { cause: thrown });
    api.stop(error);
    throw error;
  } finally {
    if (deadline) clearTimeout(deadline);
    // Nothing may outlive the collection: pending waits end and requests in flight are aborted.
    cancel.abort();
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** `setTimeout` as a promise that resolves early once `signal` aborts (so no timer outlives a collection). */
function cancellableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  const pending = new Set<() => void>();
  signal.addEventListener('abort', () => {
    for (const wake of pending) wake();
  });
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const wake = (): void => {
        clearTimeout(timer);
        pending.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      pending.add(wake);
    });
}
