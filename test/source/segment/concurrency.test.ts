import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSegment } from '../../../src/source/segment/index.js';
import { BASE, page, setupNock, TOKEN, teardownNock } from './_nock.js';

beforeEach(setupNock);
afterEach(teardownNock);

describe('bounded concurrency', () => {
  it.each([1, 3])('never has more than %i requests in flight, and reads every user once', async (concurrency) => {
    let inFlight = 0;
    let peak = 0;
    const users = Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, name: `U${i}`, email: `u${i}@acme.com` }));
    // nock awaits a promise-returning reply function: count what is in flight meanwhile.
    const track =
      (value: (url: string) => unknown) =>
      async (req: Request): Promise<[number, unknown]> => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        return [200, value(req.url)];
      };
    nock(BASE)
      .get('/')
      .reply(track(() => ({ data: { workspace: { id: 'w', name: 'W', slug: 'w' } } })))
      .get('/roles')
      .query(true)
      .reply(track(() => page('roles', [])))
      .get('/users')
      .query(true)
      .reply(track(() => page('users', users)))
      .get('/groups')
      .query(true)
      .reply(track(() => page('userGroups', [])))
      .get('/invites')
      .query(true)
      .reply(track(() => page('invites', [])))
      .get('/labels')
      .reply(track(() => ({ data: { labels: [] } })))
      .get(/^\/users\/u\d+$/)
      .times(12)
      .reply(track((uri) => ({ data: { user: { ...users.find((u) => uri.endsWith(`/${u.id}`)), permissions: [] } } })));
    const doc = await collectSegment({
      baseUrl: BASE,
      token: TOKEN,
      concurrency,
      now: () => new Date('2026-11-28T12:00:00Z'),
    });
    expect(doc.users).toHaveLength(12);
    expect(peak).toBe(concurrency);
    expect(nock.isDone()).toBe(true);
  });
});
