import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import { generateWorkspace } from '../../../src/lookalike/generate.js';
import type { Lookalike } from '../../../src/lookalike/server.js';
import { AccessDocument } from '../../../src/model/document.js';
import { type CollectOptions, collectSegment } from '../../../src/source/segment/index.js';
import { lookalikeServer, TOKEN } from '../../lookalike/_helpers.js';

const NOW = () => new Date('2026-11-28T12:00:00Z');
const serve = lookalikeServer(60);

const fast: Partial<CollectOptions> = { now: NOW, backoff: { baseMs: 1, maxMs: 5 }, requestTimeoutMs: 2_000 };
const collect = (server: Lookalike, extra: Partial<CollectOptions> = {}) =>
  collectSegment({ baseUrl: server.url, token: TOKEN, ...fast, ...extra });

describe('collectSegment against the look-alike', () => {
  it('reads the example workspace into a valid, complete document', async () => {
    const server = await serve();
    const doc = await collect(server, { auditDays: 90 });
    expect(AccessDocument.parse(doc)).toEqual(doc);
    expect(doc.workspace).toEqual({
      id: 'aCmEa9nLyT1cS4wKsPc3q7',
      name: 'Acme Analytics',
      slug: 'acme-analytics',
      region: null,
    });
    expect(doc.complete).toBe(true);
    expect(doc.coverage).toMatchObject({ users: true, groups: 'complete', invites: true, audit: 'complete' });
    expect(doc.users).toHaveLength(14);
    expect(doc.users.filter((u) => u.is_owner).map((u) => u.email)).toEqual([
      'alice.nguyen@acme.com',
      'bob.martin@acme.com',
      'carol.diaz@acme.com',
      'dan.okafor@acme.com',
      'erin.kim@acme.com',
    ]);
    const carol = doc.users.find((u) => u.email === 'carol.diaz@acme.com');
    expect(carol?.permissions.find((p) => p.role_name === 'Workspace Owner')?.via).toEqual({
      type: 'group',
      group_id: 'gPlAtFoRmAdMiNs0001aaa',
      group_name: 'Platform Admins',
    });
    expect(doc.users.find((u) => u.email === 'frank.li@acme.com')?.last_activity).toBe('2026-11-25T17:20:44Z');
    expect(doc.users.find((u) => u.email === 'kate.brown@acme.com')?.last_activity).toBeNull();
    expect(doc.invites.map((i) => [i.email, i.via.type])).toEqual([
      ['contractor@gmail.com', 'direct'],
      ['mike.chen@acme.com', 'direct'],
      ['nina.patel@acme.com', 'group'],
    ]);
    expect(server.counts()).toEqual({
      'GET /': 1,
      'GET /audit-events': 1,
      'GET /functions': 2,
      'GET /groups': 1,
      'GET /groups/{id}/invites': 3,
      'GET /groups/{id}/users': 3,
      'GET /invites': 1,
      'GET /labels': 1,
      'GET /roles': 1,
      'GET /sources': 1,
      'GET /spaces/{id}': 1,
      'GET /users': 1,
      'GET /users/{id}': 14,
      'GET /warehouses': 1,
    });
    // Resource names, best effort: every kind was read, and each granted resource carries its name.
    expect(doc.coverage.resource_names?.map((r) => [r.type, r.read])).toEqual([
      ['FUNCTION', true],
      ['SOURCE', true],
      ['SPACE', true],
      ['WAREHOUSE', true],
    ]);
    const resources = doc.users.flatMap((u) => u.permissions.flatMap((p) => p.resources));
    expect(resources.filter((r) => r.type !== 'WORKSPACE').every((r) => typeof r.name === 'string')).toBe(true);
    expect(resources.find((r) => r.type === 'WORKSPACE')?.name).toBe('Acme Analytics');
  });

  it('gives the same document under 5xx, resets, truncated bodies and slow answers as in a clean run', async () => {
    const workspace = generateWorkspace({ seed: 11, users: 120, groups: 6, maxGroupSize: 30 });
    const clean = await serve({ workspace });
    const expected = await collect(clean, { pageSize: 25, auditDays: 30 });
    const faulty = await serve({
      workspace,
      faults: {
        seed: 3,
        errorRate: 0.1,
        resetRate: 0.05,
        truncateRate: 0.05,
        slowRate: 0.03,
        slowMs: 400,
        maxPerRequest: 2,
      },
    });
    const doc = await collect(faulty, { pageSize: 25, auditDays: 30, requestTimeoutMs: 150, maxRetries: 3 });
    expect({ ...doc, source: expected.source }).toEqual(expected);
    const st = faulty.statuses();
    expect((st['500'] ?? 0) + (st['502'] ?? 0) + (st['503'] ?? 0)).toBeGreaterThan(5);
    expect(st.reset).toBeGreaterThan(2);
    expect(clean.counts()['GET /users/{id}']).toBe(120);
    expect(faulty.counts()['GET /users/{id}']).toBeGreaterThan(120);
  });

  it('fails with a SourceError naming the endpoint when retries are spent, and sends nothing more', async () => {
    const server = await serve({ faults: { errorRate: 1, maxPerRequest: Infinity, endpoints: ['GET /users/{id}'] } });
    const error = await collect(server, { maxRetries: 2, concurrency: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).endpoint).toBe('GET /users/{id}');
    expect((error as Error).message).toMatch(/^GET \/users\/\{id\}: failed after 3 attempts \(last: HTTP 50[023]\)/);
    // Once one user has failed 3 times, no further request is sent: fewer than 14 users × 3 attempts.
    expect(server.counts()['GET /users/{id}']).toBeLessThan(14 * 3);
  });

  it('records Team-plan coverage (no user groups, no audit trail) in Segment’s words; the read is complete', async () => {
    const server = await serve({ plan: 'team' });
    const doc = await collect(server, { auditDays: 30 });
    expect(doc.coverage.groups).toBe('unavailable_plan');
    expect(doc.coverage.audit).toBe('unavailable_plan');
    expect(doc.coverage.unavailable).toEqual([
      {
        feature: 'groups',
        endpoint: 'GET /groups',
        status: 400,
        message: 'bad-request: Your plan does not include User Groups',
      },
      {
        feature: 'audit',
        endpoint: 'GET /audit-events',
        status: 400,
        message: 'bad-request: Your plan does not include Audit Trail',
      },
    ]);
    expect(doc.complete).toBe(true);
    expect(doc.groups).toEqual([]);
    expect(doc.users.find((u) => u.email === 'carol.diaz@acme.com')?.is_owner).toBe(false);
    expect(server.counts()['GET /groups']).toBe(1);
    expect(server.counts()['GET /groups/{id}/users']).toBeUndefined();
  });

  it('says the token is for the other region on a 401 from GET /', async () => {
    const server = await serve({ region: 'eu', tokenRegion: 'us' });
    const error = await collect(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /^GET \/: HTTP 401: the token is invalid, revoked, or for the other region.*--region/,
    );
    expect((error as Error).message).not.toContain(TOKEN);
    expect(server.counts()).toEqual({ 'GET /': 1 });
  });

  it('reads every page with small pages and keeps requests to the unavoidable number', async () => {
    const workspace = generateWorkspace({ seed: 5, users: 95, groups: 4, maxGroupSize: 25, invites: 12 });
    const server = await serve({ workspace, faults: { latencyMs: 3 } });
    const doc = await collect(server, { pageSize: 10, concurrency: 3 });
    expect(doc.users).toHaveLength(95);
    const counts = server.counts();
    expect(counts['GET /users']).toBe(10);
    expect(counts['GET /users/{id}']).toBe(95);
    expect(counts['GET /invites']).toBe(2);
    const memberPages = workspace.groups.reduce((n, g) => n + Math.max(1, Math.ceil(g.members.length / 10)), 0);
    expect(counts['GET /groups/{id}/users']).toBe(memberPages);
    expect(server.peakInFlight()).toBeLessThanOrEqual(3);
    expect(server.peakInFlight()).toBeGreaterThan(1);
  });

  it('waits for the window reset instead of collecting 429s when the budget runs out', async () => {
    // 15 requests per 1-second window; the collection needs 26.
    const server = await serve({ rateLimitPerMinute: 15, rateLimitWindowMs: 1_000 });
    const waits: string[] = [];
    const doc = await collect(server, { onProgress: (p) => p.waiting && waits.push(p.waiting.reason) });
    expect(doc.users).toHaveLength(14);
    expect(server.statuses()['429']).toBeUndefined();
    expect(server.statuses()['200']).toBe(31);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((r) => r === 'rate-limit' || r === 'pacing')).toBe(true);
  });

  it('on a 429 waits msBeforeNext and recovers', async () => {
    const server = await serve({ rateLimitPerMinute: 10, rateLimitWindowMs: 1_000 });
    // Spend the window's budget from outside until a 429 says enough of the window is left.
    for (;;) {
      const res = await request(`${server.url}/`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const body = (await res.body.json()) as { errors?: Array<{ data: { msBeforeNext: number } }> };
      if (res.statusCode === 429 && (body.errors?.[0]?.data.msBeforeNext ?? 0) > 300) break;
    }
    server.reset();
    const waits: string[] = [];
    const doc = await collect(server, { onProgress: (p) => p.waiting && waits.push(p.waiting.reason) });
    expect(doc.users).toHaveLength(14);
    expect(server.statuses()['429']).toBeGreaterThanOrEqual(1);
    expect(server.statuses()['200']).toBe(31);
    expect(waits).toContain('throttled');
  });
});
