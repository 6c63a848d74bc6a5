#!/usr/bin/env node
import { generateWorkspace, MAX_COUNT, startLookalike } from '../dist/lookalike/index.js';
// Fetch benchmark: collect a generated workspace from the local look-alike and print requests made against the
// unavoidable number, wall time against the lower bound, and the share of 429 answers. Prints figures; asserts
// nothing. Run from the repository root:
//   npm run build && node bench/fetch.mjs [speed] [list] [rate]
// speed: 10,000 users, 100 groups, 20 ms latency, each user's permissions read with GET /users/{id} (today's path)
// list:  the same workspace when GET /users carries permissions (checked on a sample, then used)
// rate:  1,200 users, 10 groups, 600 requests/minute
// Lower bound = max(unavoidable × latency ÷ concurrency, unavoidable ÷ rate limit).
import { collectSegment } from '../dist/source/segment/index.js';

const TOKEN = `sgp_${'b'.repeat(64)}`;
const pages = (n) => Math.max(1, Math.ceil(n / MAX_COUNT));

/**
 * Requests no client can avoid: the pages of every list at the largest page size Segment allows, `GET /` and
 * `GET /labels`, plus one `GET /users/{id}` per user when `GET /users` does not carry permissions, else one per
 * user of the sample that checks the listed permissions.
 */
function unavoidableRequests(ws, perUser, sample) {
  const perGroup = ws.groups.reduce((n, g) => n + pages(g.members.length) + pages(g.invites.length), 0);
  return (
    1 +
    pages(ws.roles.length) +
    pages(ws.users.length) +
    (perUser ? ws.users.length : sample) +
    pages(ws.groups.length) +
    perGroup +
    pages(ws.invites.length) +
    1 +
    // Resource names: GET /sources, GET /warehouses, GET /functions (SOURCE and DESTINATION), GET /spaces/{id}.
    4 +
    new Set(
      [...ws.users, ...ws.groups]
        .flatMap((x) => x.permissions.flatMap((p) => p.resources))
        .filter((r) => r.type === 'SPACE')
        .map((r) => r.id),
    ).size
  );
}

async function runCase(c) {
  const workspace = generateWorkspace({ seed: c.seed ?? 42, users: c.users, groups: c.groups });
  const server = await startLookalike({
    workspace,
    token: TOKEN,
    faults: { latencyMs: c.latencyMs },
    maxSeconds: 900,
    ...(c.rateLimitPerMinute ? { rateLimitPerMinute: c.rateLimitPerMinute } : {}),
    ...(c.listPermissions ? { variants: { listPermissions: true } } : {}),
  });
  try {
    const concurrency = c.concurrency ?? 8;
    const started = performance.now();
    const doc = await collectSegment({ baseUrl: server.url, token: TOKEN, concurrency });
    const wallMs = performance.now() - started;
    const requests = Object.values(server.counts()).reduce((a, b) => a + b, 0);
    const throttled = server.statuses()['429'] ?? 0;
    const path = doc.coverage.user_permissions;
    const unavoidable = unavoidableRequests(workspace, path?.read_from !== 'list', path?.sample ?? 0);
    const byLatency = (unavoidable * c.latencyMs) / concurrency;
    const byRate = c.rateLimitPerMinute ? (unavoidable / c.rateLimitPerMinute) * 60_000 : 0;
    const lowerBoundMs = Math.max(byLatency, byRate);
    return { ...c, requests, unavoidable, wallMs, lowerBoundMs, throttled, path };
  } finally {
    await server.close();
  }
}

const CASES = {
  speed: { name: '10,000 users, 100 groups, 20 ms latency, concurrency 8', users: 10_000, groups: 100, latencyMs: 20 },
  list: {
    name: '10,000 users, 100 groups, 20 ms latency, concurrency 8, GET /users carries permissions',
    users: 10_000,
    groups: 100,
    latencyMs: 20,
    listPermissions: true,
  },
  rate: {
    name: '1,200 users, 10 groups, 20 ms latency, 600 requests/minute',
    users: 1_200,
    groups: 10,
    latencyMs: 20,
    rateLimitPerMinute: 600,
  },
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(CASES);
const results = {};
for (const name of names) {
  const c = CASES[name];
  if (!c) throw new Error(`unknown case ${name}; expected ${Object.keys(CASES).join(', ')}`);
  const r = await runCase(c);
  results[name] = r;
  console.log(
    [
      r.name,
      `  permissions read from ${r.path?.read_from ?? '?'} (sample ${r.path?.sample ?? 0}${r.path?.sample_differed ? ', differed' : ''})`,
      `  requests made ${r.requests} / unavoidable ${r.unavoidable} = ${(r.requests / r.unavoidable).toFixed(3)}x${r.listPermissions ? '' : ' (target <= 1.05)'}`,
      `  wall time ${(r.wallMs / 1000).toFixed(2)} s / lower bound ${(r.lowerBoundMs / 1000).toFixed(2)} s = ${(r.wallMs / r.lowerBoundMs).toFixed(3)}x${r.listPermissions ? '' : ' (target <= 1.3)'}`,
      `  429 answers ${r.throttled} = ${((100 * r.throttled) / r.requests).toFixed(2)}% of requests (target <= 1%)`,
    ].join('\n'),
  );
}
if (results.speed && results.list) {
  const ratio = results.list.requests / results.speed.requests;
  console.log(
    `list permissions vs per-user reads: ${results.list.requests} / ${results.speed.requests} requests = ${ratio.toFixed(3)}x (target <= 0.05)`,
  );
}
