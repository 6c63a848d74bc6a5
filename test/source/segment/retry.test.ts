import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import { backoffDelay } from '../../../src/source/segment/retry.js';
import { WorkspaceData } from '../../../src/source/segment/schema.js';
import { BASE, harness, setupNock, TOKEN, teardownNock } from './_nock.js';

const WS = { data: { workspace: { id: 'w1', name: 'W', slug: 'w' } } };
const tooMany = (ms: number) => ({
  errors: [
    {
      type: 'RequestError',
      message: 'Too many requests',
      data: { remainingPoints: 0, msBeforeNext: ms, consumedPoints: 21 },
    },
  ],
});

beforeEach(setupNock);
afterEach(teardownNock);

describe('retries', () => {
  it('on 429 waits msBeforeNext from the body, then succeeds', async () => {
    const scope = nock(BASE).get('/').reply(429, tooMany(1234)).get('/').reply(200, WS);
    const { api, sleeps } = harness();
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(sleeps.some((ms) => ms >= 1234 && ms < 1400)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('on 429 without msBeforeNext waits until X-RateLimit-Reset', async () => {
    const reset = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5_000);
    const scope = nock(BASE)
      .get('/')
      .reply(
        429,
        { errors: [{ type: 'RateLimited', message: 'Rate limit exceeded' }] },
        { 'X-RateLimit-Reset': reset.toUTCString(), 'X-RateLimit-Remaining': '0' },
      )
      .get('/')
      .reply(200, WS);
    const { api, sleeps } = harness();
    await api.get('GET /', '/', WorkspaceData);
    const waited = Math.max(...sleeps);
    expect(waited).toBeGreaterThan(4_000);
    expect(waited).toBeLessThan(6_500);
    expect(scope.isDone()).toBe(true);
  });

  it('retries 5xx with growing jittered backoff, then succeeds', async () => {
    const scope = nock(BASE)
      .get('/')
      .reply(500)
      .get('/')
      .reply(502, 'bad gateway')
      .get('/')
      .reply(503)
      .get('/')
      .reply(200, WS);
    const { api, sleeps } = harness();
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(sleeps).toEqual([75, 150, 300]);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a reset connection', async () => {
    const scope = nock(BASE)
      .get('/')
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
      .get('/')
      .reply(200, WS);
    const { api, sleeps } = harness();
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(sleeps).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('retries a truncated body', async () => {
    const scope = nock(BASE).get('/').reply(200, '{"data":{"workspace":{"id":"w1","na').get('/').reply(200, WS);
    const { api } = harness();
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(scope.isDone()).toBe(true);
  });

  it('caps a 429 wait of msBeforeNext 1e9 at maxWaitMs and reports what the server asked for', async () => {
    const scope = nock(BASE).get('/').reply(429, tooMany(1e9)).get('/').reply(200, WS);
    const asked: Array<number | undefined> = [];
    const { api, sleeps } = harness({ maxWaitMs: 2_000, onRetry: (_e, _ms, _r, a) => asked.push(a) });
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(Math.max(...sleeps)).toBe(2_000);
    expect(asked).toEqual([1e9 + 50]);
    expect(scope.isDone()).toBe(true);
  });

  it('caps a wait for an X-RateLimit-Reset a day ahead at maxWaitMs', async () => {
    const reset = new Date(Date.now() + 86_400_000).toUTCString();
    const scope = nock(BASE)
      .get('/')
      .reply(
        429,
        { errors: [{ type: 'RateLimited', message: 'Rate limit exceeded' }] },
        { 'X-RateLimit-Reset': reset, 'X-RateLimit-Remaining': '0' },
      )
      .get('/')
      .reply(200, WS);
    const { api, sleeps } = harness({ maxWaitMs: 3_000 });
    await expect(api.get('GET /', '/', WorkspaceData)).resolves.toEqual(WS.data);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms <= 3_000)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('times a slow answer out and retries it once the API has answered', async () => {
    const scope = nock(BASE).get('/roles').delay(500).reply(200, WS).get('/roles').reply(200, WS);
    const { api, sleeps } = harness({ timeoutMs: 100 });
    api.tokenVerified = true;
    await expect(api.get('GET /roles', '/roles', WorkspaceData)).resolves.toEqual(WS.data);
    expect(sleeps).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('fails at once, within the request timeout, when the first request gets no answer', async () => {
    const scope = nock(BASE).get('/').delay(2_000).reply(200, WS);
    const { api, sleeps } = harness({ timeoutMs: 100 });
    const error = await api.get('GET /', '/', WorkspaceData).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/^GET \/: no complete answer within 100 ms; is the API reachable\?/);
    expect(sleeps).toHaveLength(0);
    expect(scope.isDone()).toBe(true);
  });

  it('after the retries are spent throws a SourceError naming the endpoint, without the token', async () => {
    nock(BASE)
      .get('/users/u1')
      .times(3)
      .replyWithError({ code: 'ECONNRESET', message: `reset; Authorization: Bearer ${TOKEN}` });
    const { api } = harness({ maxRetries: 2 });
    const error = await api.getJson('GET /users/{id}', '/users/u1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).endpoint).toBe('GET /users/{id}');
    expect((error as Error).message).toBe(
      'GET /users/{id}: failed after 3 attempts (last: connection reset (ECONNRESET)); is the API reachable? check --api-url or --region and the network',
    );
    expect(nock.isDone()).toBe(true);
  });

  it('does not retry a 404 or 422', async () => {
    nock(BASE)
      .get('/users/nope')
      .once()
      .reply(404, { errors: [{ type: 'NotFound', message: 'Resource not found' }] });
    const { api, sleeps } = harness();
    await expect(api.getJson('GET /users/{id}', '/users/nope')).rejects.toThrow(
      'GET /users/{id}: HTTP 404: not found (Segment said: NotFound: Resource not found)',
    );
    expect(sleeps).toEqual([]);
  });

  it('caps the backoff', () => {
    const policy = { maxRetries: 9, baseDelayMs: 250, maxDelayMs: 10_000, random: () => 1 };
    expect([0, 1, 2, 8].map((a) => backoffDelay(a, policy))).toEqual([250, 500, 1000, 10_000]);
    expect(backoffDelay(8, { ...policy, random: () => 0 })).toBe(5_000);
  });
});
