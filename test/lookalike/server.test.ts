import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../src/lookalike/generate.js';
import type { Lookalike } from '../../src/lookalike/server.js';
import { exampleWorkspace, FIXTURE, lookalikeServer, TOKEN } from './_helpers.js';

const serve = lookalikeServer(30);
async function get(server: Lookalike, path: string, token = TOKEN) {
  const res = await request(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, headers: res.headers, body: (await res.body.json()) as any };
}

describe('look-alike server', () => {
  it('serves the workspace with Segment shapes and rate-limit headers', async () => {
    const server = await serve();
    const res = await get(server, '/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { workspace: { id: 'aCmEa9nLyT1cS4wKsPc3q7', name: 'Acme Analytics', slug: 'acme-analytics' } },
    });
    expect(res.headers['x-ratelimit-remaining']).toBe('99999');
    expect(res.headers['x-ratelimit-consumed']).toBe('1');
    expect(new Date(String(res.headers['x-ratelimit-reset'])).toUTCString()).toBe(res.headers['x-ratelimit-reset']);
    const user = await get(server, '/users/aLiCe7NgUyEn2Ow8Ne4r5Q');
    expect(user.body.data.user.permissions[0].roleName).toBe('Workspace Owner');
    const groups = await get(server, '/groups?pagination%5Bcount%5D=2');
    expect(groups.body.data.userGroups[0]).toMatchObject({ name: 'Platform Admins', memberCount: 3 });
  });

  it('pages with opaque cursors and totalEntries, and refuses a count above 1000 with 422', async () => {
    const server = await serve();
    const first = await get(server, '/users?pagination[count]=5');
    expect(first.body.data.users).toHaveLength(5);
    expect(first.body.data.pagination).toEqual({ current: 'MA==', next: 'NQ==', totalEntries: 14 });
    const last = await get(server, `/users?pagination[count]=5&pagination[cursor]=${encodeURIComponent('MTA=')}`);
    expect(last.body.data.users).toHaveLength(4);
    expect(last.body.data.pagination.next).toBeUndefined();
    const tooMany = await get(server, '/users?pagination[count]=1001');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0]).toMatchObject({ type: 'ValidationFailure', field: 'pagination.count' });
  });

  it('answers 401 in Segment’s envelope to a wrong token, and counts per endpoint', async () => {
    const server = await serve();
    const res = await get(server, '/users', 'qiTgISif4zQ6mB0.gg9ok4XzmR7bc3u');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].type).toBe('unauthorized');
    await get(server, '/users/aLiCe7NgUyEn2Ow8Ne4r5Q');
    await get(server, '/users/bObMaRt1N9xQ4wZ7kL2p3R');
    expect(server.counts()).toEqual({ 'GET /users': 1, 'GET /users/{id}': 2 });
    server.reset();
    expect(server.counts()).toEqual({});
  });

  it('answers 429 with msBeforeNext once the budget is spent', async () => {
    const server = await serve({ rateLimitPerMinute: 2 });
    await get(server, '/');
    const second = await get(server, '/');
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    const third = await get(server, '/');
    expect(third.status).toBe(429);
    expect(third.body.errors[0]).toMatchObject({
      type: 'RequestError',
      message: 'Too many requests',
      data: { remainingPoints: 0, consumedPoints: 2 },
    });
    expect(third.body.errors[0].data.msBeforeNext).toBeGreaterThan(0);
    expect(third.body.errors[0].data.msBeforeNext).toBeLessThanOrEqual(60_000);
  });

  it('in Team-plan mode answers 400 "Your plan does not include User Groups"', async () => {
    const server = await serve({ plan: 'team' });
    const res = await get(server, '/groups');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ type: 'bad-request', message: 'Your plan does not include User Groups' }] });
    expect((await get(server, '/users')).status).toBe(200);
  });

  it('injects the same faults for the same seed', async () => {
    const run = async () => {
      const server = await serve({ faults: { seed: 9, errorRate: 0.5, maxPerRequest: Infinity } });
      const statuses: number[] = [];
      for (const id of exampleWorkspace().users.map((u) => u.id))
        statuses.push((await get(server, `/users/${id}`)).status);
      return statuses;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.some((s) => s >= 500)).toBe(true);
    expect(a.some((s) => s === 200)).toBe(true);
  });
});

describe('generateWorkspace', () => {
  it('is deterministic for a seed and realistic', () => {
    const a = generateWorkspace({ seed: 4, users: 300, groups: 8, owners: 5 });
    expect(generateWorkspace({ seed: 4, users: 300, groups: 8, owners: 5 })).toEqual(a);
    expect(generateWorkspace({ seed: 5, users: 300, groups: 8, owners: 5 })).not.toEqual(a);
    expect(a.users).toHaveLength(300);
    expect(new Set(a.users.map((u) => u.id)).size).toBe(300);
    expect(a.users.filter((u) => u.permissions.some((p) => p.roleName === 'Workspace Owner'))).toHaveLength(5);
    const types = new Set(a.users.flatMap((u) => u.permissions.flatMap((p) => p.resources.map((r) => r.type))));
    expect([...types].sort()).toEqual(['FUNCTION', 'SOURCE', 'SPACE', 'WAREHOUSE', 'WORKSPACE']);
    expect(a.users.some((u) => !u.email.endsWith('@example.com'))).toBe(true);
    expect(a.invites.some((e) => !e.endsWith('@example.com'))).toBe(true);
    expect(a.auditEvents.length).toBe(150);
  });
});

describe('look-alike CLI', () => {
  it.skipIf(!existsSync('dist/lookalike/cli.js'))('prints its URL, serves, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['dist/lookalike/cli.js', '--port', '0', '--workspace', FIXTURE, '--max-seconds', '20'],
      {
        env: { ...process.env, SEGMENT_PUBLIC_API_TOKEN: TOKEN },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      child.once('exit', () => reject(new Error('exited early')));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${url}/roles`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });
});
