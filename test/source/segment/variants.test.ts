/**
 * The collector against every look-alike variant (spec-legal shapes, plan refusals, removed subjects) and every
 * server fault of the reliability matrix (short lists, endless cursors, silence, huge announced waits).
 * Nothing here may abort a run Segment's documented behaviour allows to succeed, or turn missing data into a pass.
 */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import type { Lookalike } from '../../../src/lookalike/server.js';
import type { Variants } from '../../../src/lookalike/variants.js';
import type { AccessDocument } from '../../../src/model/document.js';
import { type CollectOptions, collectSegment } from '../../../src/source/segment/index.js';
import type { Progress } from '../../../src/source/segment/progress-types.js';
import { lookalikeServer, TOKEN } from '../../lookalike/_helpers.js';

const NOW = () => new Date('2026-11-28T12:00:00Z');
const serve = lookalikeServer(60);
const fast: Partial<CollectOptions> = { now: NOW, backoff: { baseMs: 1, maxMs: 5 }, requestTimeoutMs: 2_000 };
const collect = (server: Lookalike, extra: Partial<CollectOptions> = {}) =>
  collectSegment({ baseUrl: server.url, token: TOKEN, ...fast, ...extra });
const withVariants = (variants: Variants, extra: Partial<CollectOptions> = {}) =>
  serve({ variants }).then((server) => collect(server, extra).then((doc) => ({ doc, server })));
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the collection to fail');
    },
    (e: unknown) => e as Error,
  );

let clean: AccessDocument | undefined;
async function cleanDoc(): Promise<AccessDocument> {
  clean ??= await collect(await serve(), { auditDays: 90 });
  return clean;
}
/** The access part of a document: what controls judge, without the coverage notes. */
const access = (d: AccessDocument) => ({ users: d.users, groups: d.groups, invites: d.invites, labels: d.labels });

describe('spec-legal variants', () => {
  it('reads a group whose permissions the list omits with GET /groups/{id} (owner-via-group kept)', async () => {
    const { doc, server } = await withVariants({ omitGroupPermissions: true }, { auditDays: 90 });
    expect(access(doc)).toEqual(access(await cleanDoc()));
    expect(server.counts()['GET /groups/{id}']).toBe(3);
    expect(doc.users.find((u) => u.email === 'carol.diaz@acme.com')?.is_owner).toBe(true);
    expect(doc.complete).toBe(true);
  });

  it('counts users whose GET /users/{id} has no permissions, read as no direct grants', async () => {
    const { doc } = await withVariants({ omitUserPermissions: ['fRaNkL1Jd4Fg7Hj0Kl3z6V'] });
    expect(doc.coverage.users_without_permissions_field).toBe(1);
    const frank = doc.users.find((u) => u.email === 'frank.li@acme.com');
    expect(frank?.permissions.filter((p) => p.via.type === 'direct')).toEqual([]);
    expect(doc.complete).toBe(true);
  });

  it('reads the same workspace without totalEntries and with null cursors', async () => {
    const { doc } = await withVariants({ omitTotalEntries: true, nullCursors: true }, { auditDays: 90, pageSize: 3 });
    expect(access(doc)).toEqual(access(await cleanDoc()));
    expect(doc.complete).toBe(true);
  });

  it('uses permissions from GET /users after a sample agrees, and says so', async () => {
    const { doc, server } = await withVariants({ listPermissions: true }, { auditDays: 90 });
    expect(access(doc)).toEqual(access(await cleanDoc()));
    expect(doc.coverage.user_permissions).toEqual({ read_from: 'list', sample: 10, sample_differed: false });
    expect(server.counts()['GET /users/{id}']).toBe(10);
  });

  it('reads every user when the sample disagrees with the list', async () => {
    const { doc, server } = await withVariants(
      { listPermissions: { differ: ['aLiCe7NgUyEn2Ow8Ne4r5Q', 'bObMaRt1N9xQ4wZ7kL2p3R', 'dAnOkAf0R2wE5rT8yU1i4T'] } },
      { auditDays: 90 },
    );
    expect(access(doc)).toEqual(access(await cleanDoc()));
    expect(doc.coverage.user_permissions).toEqual({ read_from: 'per_user', sample: 10, sample_differed: true });
    expect(server.counts()['GET /users/{id}']).toBe(14);
  });

  it('recovers from spec-shaped 429s (RateLimited, no msBeforeNext) with rate headers only on 2xx', async () => {
    const server = await serve({
      variants: { specRateLimited: true, rateHeadersOnlyOn2xx: true, throttle: { times: 3 } },
    });
    const doc = await collect(server, { auditDays: 90, backoff: { throttleBaseMs: 100, throttleMaxMs: 400 } });
    expect(access(doc)).toEqual(access(await cleanDoc()));
    expect(server.statuses()['429']).toBe(3);
  });

  it.each([
    [403, 'forbidden', 'Audit Trail is a Business add-on'],
    [404, 'NotFound', 'Resource not found'],
    [422, 'ValidationFailure', 'whatever the text says'],
  ])('records the audit trail refused with %i as unavailable and goes on', async (status, type, message) => {
    const { doc } = await withVariants({ auditRefused: { status, type, message } }, { auditDays: 30 });
    expect(doc.coverage.audit).toBe('unavailable_plan');
    expect(doc.coverage.unavailable).toEqual([
      { feature: 'audit', endpoint: 'GET /audit-events', status, message: `${type}: ${message}` },
    ]);
    expect(doc.complete).toBe(true);
    expect(doc.users.every((u) => u.last_activity === null)).toBe(true);
  });

  it('caps --audit-days at the 90 days Segment keeps', async () => {
    const doc = await collect(await serve(), { auditDays: 400 });
    expect(doc.coverage.audit_days).toBe(90);
  });

  it('drops users and groups removed between the list and the read, records them, and stays complete', async () => {
    const events: Progress[] = [];
    const { doc } = await withVariants(
      { vanish: { users: ['fRaNkL1Jd4Fg7Hj0Kl3z6V'], groups: ['gAnAlYsTs00000003ccc'] } },
      { onProgress: (p) => p.removedSubject && events.push(p) },
    );
    expect(doc.coverage.removed_during_collection).toEqual([
      {
        type: 'group',
        id: 'gAnAlYsTs00000003ccc',
        email: null,
        endpoint: expect.stringMatching(/^GET \/groups\/\{id\}\/(users|invites)$/),
      },
      { type: 'user', id: 'fRaNkL1Jd4Fg7Hj0Kl3z6V', email: 'frank.li@acme.com', endpoint: 'GET /users/{id}' },
    ]);
    expect(doc.users.map((u) => u.email)).not.toContain('frank.li@acme.com');
    expect(doc.groups.map((g) => g.name)).toEqual(['Data Engineering', 'Platform Admins']);
    expect(doc.complete).toBe(true);
    expect(events).toHaveLength(2);
  });

  it('reads null display fields as empty', async () => {
    const { doc } = await withVariants({ nullDisplayFields: true });
    expect(doc.users.every((u) => u.name === '')).toBe(true);
    expect(doc.groups.every((g) => g.name === '')).toBe(true);
    expect(doc.labels.every((l) => l.description === undefined)).toBe(true);
  });
});

describe('resource names', () => {
  it('a refused names endpoint leaves the ids, is recorded, and the collection goes on', async () => {
    const { doc } = await withVariants({ refuseResourceNames: ['GET /sources'] });
    const sources = doc.users
      .flatMap((u) => u.permissions.flatMap((p) => p.resources))
      .filter((r) => r.type === 'SOURCE');
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((r) => r.name === null)).toBe(true);
    expect(doc.coverage.resource_names?.find((r) => r.type === 'SOURCE')).toEqual({
      type: 'SOURCE',
      endpoint: 'GET /sources',
      read: false,
      status: 403,
      message:
        'GET /sources: HTTP 403: the token lacks the permission to call GET /sources; a Public API token with Workspace Owner access is needed (Segment said: forbidden: The token cannot read sources)',
    });
    expect(doc.complete).toBe(true);
  });
});

describe('plans', () => {
  it('on a Free plan says that the Public API needs a Team or Business plan', async () => {
    const error = await fails(collect(await serve({ plan: 'free' })));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^GET \/: HTTP 403: .*the Public API needs a Team or Business plan/);
  });
});

describe('server faults', () => {
  it('a list that ends before totalEntries makes the document incomplete, never complete', async () => {
    const { doc } = await withVariants({ shortList: { endpoint: 'GET /users', serve: 9 } }, { pageSize: 5 });
    expect(doc.complete).toBe(false);
    expect(doc.coverage.users).toBe(false);
    expect(doc.coverage.incomplete).toEqual([
      { endpoint: 'GET /users', reason: 'read 9 items while totalEntries is 14' },
    ]);
  });

  it('a cursor that never ends fails with one line at the totalEntries ceiling', async () => {
    const server = await serve({ variants: { endlessCursor: 'GET /invites' } });
    const error = await fails(collect(server, { pageSize: 1 }));
    expect(error.message).toMatch(
      /^GET \/invites: the server keeps returning a next page \(\d+ pages of 1 while totalEntries is 2\)/,
    );
    expect(server.counts()['GET /invites']).toBeLessThanOrEqual(4);
  });

  it('a cursor that never ends, without totalEntries, fails at the page ceiling', async () => {
    const server = await serve({ variants: { endlessCursor: 'GET /invites', omitTotalEntries: true } });
    const error = await fails(collect(server, { pageSize: 1, maxPages: 25 }));
    expect(error.message).toMatch(/^GET \/invites: the server keeps returning a next page \(more than 25 pages\)/);
    expect(server.counts()['GET /invites']).toBe(25);
  });

  it('a server that never answers fails within the request timeout', async () => {
    const server = await serve({ variants: { hang: true } });
    const started = Date.now();
    const error = await fails(collect(server, { requestTimeoutMs: 300 }));
    expect(error.message).toMatch(/^GET \/: no complete answer within 300 ms; is the API reachable\?/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.counts()).toEqual({ 'GET /': 1 });
  });

  it.each([
    ['msBeforeNext 1e9', { msBeforeNext: 1e9, times: 2 }],
    ['X-RateLimit-Reset a day ahead', { resetInMs: 86_400_000, times: 2 }],
  ])('a 429 announcing %s waits at most maxWaitMs and says what was asked', async (_name, throttle) => {
    const asked: number[] = [];
    const { doc } = await withVariants(
      { throttle },
      { maxWaitMs: 50, onProgress: (p) => p.waiting?.askedMs && asked.push(p.waiting.askedMs) },
    );
    expect(doc.users).toHaveLength(14);
    expect(asked.length).toBeGreaterThan(0);
    expect(Math.min(...asked)).toBeGreaterThan(3_600_000);
  });

  it('stops at the overall deadline with one line', async () => {
    const server = await serve({ faults: { latencyMs: 150 } });
    const error = await fails(collect(server, { timeoutMs: 400, concurrency: 1 }));
    expect(error.message).toMatch(
      /^the collection did not finish within 0\.4 s \(--timeout\); \d+ requests were made$/,
    );
  });
});
