import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '../../../src/errors.js';
import { collectSegment } from '../../../src/source/segment/index.js';
import { BASE, page, setupNock, TOKEN, teardownNock } from './_nock.js';

beforeEach(setupNock);
afterEach(teardownNock);

const WS = { data: { workspace: { id: 'w1', name: 'W', slug: 'w' } } };
const unauthorized = { errors: [{ type: 'unauthorized', message: `bad token Bearer ${TOKEN}` }] };
const collect = (token = TOKEN) =>
  collectSegment({ baseUrl: BASE, token, now: () => new Date('2026-11-28T12:00:00Z'), sleep: async () => undefined });

/** Everything an error could show: message, stack, cause chain, own fields. */
function everything(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  while (e) {
    parts.push(String(e), (e as Error).stack ?? '', JSON.stringify(e, Object.getOwnPropertyNames(e)));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

function mockLists(scope: nock.Scope): nock.Scope {
  return scope
    .get('/roles')
    .query(true)
    .reply(200, page('roles', []))
    .get('/groups')
    .query(true)
    .reply(200, page('userGroups', []))
    .get('/invites')
    .query(true)
    .reply(200, page('invites', []))
    .get('/labels')
    .reply(200, { data: { labels: [] } });
}

describe('authentication errors', () => {
  it('401 on GET / says invalid, revoked or other region and names --region', async () => {
    const scope = nock(BASE).get('/').reply(401, unauthorized);
    const error = await collect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toMatch(
      /^GET \/: HTTP 401: the token is invalid, revoked, or for the other region; .*--region \(us\|eu\)/,
    );
    expect(everything(error)).not.toContain(TOKEN);
    expect(scope.isDone()).toBe(true);
  });

  it.each([401, 403])('%i on GET /users after a good GET / says the token cannot read users', async (status) => {
    mockLists(nock(BASE).get('/').reply(200, WS)).get('/users').query(true).reply(status, unauthorized);
    const error = await collect().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET /users: HTTP ${status}: the token lacks the permission to read users; a Public API token with Workspace Owner access is needed`,
      ),
    );
    expect(everything(error)).not.toContain(TOKEN);
  });

  it('403 on GET /users/{id} names that endpoint', async () => {
    mockLists(nock(BASE).get('/').reply(200, WS))
      .get('/users')
      .query(true)
      .reply(200, page('users', [{ id: 'u1', name: 'U', email: 'u@acme.com' }]))
      .get('/users/u1')
      .reply(403, { errors: [{ type: 'forbidden' }] });
    await expect(collect()).rejects.toThrow(
      /^GET \/users\/\{id\}: HTTP 403: the token lacks the permission to read users/,
    );
  });
});

describe('token checks', () => {
  it('refuses a Config API token before any request, pointing to Public API tokens', async () => {
    const scope = nock(BASE).get('/').reply(200, WS);
    const configToken = 'qiTgISif4zQ6mB0yTV2bKxH1Cv7l9Mr8.gg9ok4XzmR7bc3uKjD5sPn0wqYe2y2g';
    const error = await collect(configToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('Config API token');
    expect((error as Error).message).toContain('Settings → Access Management → Tokens');
    expect(everything(error)).not.toContain(configToken);
    expect(scope.isDone()).toBe(false);
  });

  it('keeps the token out of errors built from transport failures', async () => {
    nock(BASE)
      .get('/')
      .times(6)
      .replyWithError({ code: 'ECONNRESET', message: `authorization: Bearer ${TOKEN}` });
    const error = await collect().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^GET \/: failed after 6 attempts/);
    expect(everything(error)).not.toContain(TOKEN);
    expect(everything(error)).toContain('[REDACTED]');
  });
});
