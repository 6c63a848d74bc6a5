/**
 * The CLI end to end against every look-alike switch: each spec-legal variant or plan gives its expected outcome,
 * none aborts a run Segment's documented behaviour allows to succeed, none turns missing data into a pass; each
 * server fault fails with one line (exit 2, no evidence) or is recorded as incompleteness.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Lookalike, type LookalikeOptions, startLookalike } from '../../src/lookalike/server.js';
import type { Variants } from '../../src/lookalike/variants.js';
import { runCli } from '../helpers/cli.js';
import { TOKEN } from './_helpers.js';
import { CLEAN_USERS, cleanInputs, cleanWorkspace } from './clean-workspace.js';

const env = { SEGMENT_PUBLIC_API_TOKEN: TOKEN };
let tmp: string;
let inputs: string[];
let n = 0;
const started: Lookalike[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'uar-variants-'));
  inputs = await cleanInputs(tmp);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.close()));
});

async function serve(plan: 'team' | 'business' | 'free', options: Partial<LookalikeOptions> = {}): Promise<Lookalike> {
  const server = await startLookalike({
    workspace: cleanWorkspace(plan === 'team' ? 'team' : 'business'),
    token: TOKEN,
    plan,
    maxSeconds: 60,
    ...options,
  });
  started.push(server);
  return server;
}

interface Outcome {
  code: number;
  stderr: string;
  out: string;
  evidence: any;
  snapshot: any;
  statuses: Record<string, string>;
}

/** `uar-check run` with the clean inputs against a look-alike; reads the evidence and snapshot when written. */
async function run(server: Lookalike, ...extra: string[]): Promise<Outcome> {
  n += 1;
  const out = join(tmp, `out-${n}`);
  const result = await runCli(['run', '--api-url', server.url, '--out-dir', out, ...inputs, ...extra], { env });
  const read = async (f: string) =>
    existsSync(join(out, f)) ? JSON.parse(await readFile(join(out, f), 'utf8')) : undefined;
  const evidence = await read('evidence.json');
  const statuses = Object.fromEntries(
    (evidence?.controls ?? []).map((c: { id: string; status: string }) => [c.id, c.status]),
  );
  return { code: result.code, stderr: result.stderr, out, evidence, snapshot: await read('snapshot.json'), statuses };
}

const passes = (o: Outcome, except: string[] = []) => {
  for (const [id, status] of Object.entries(o.statuses))
    if (!except.includes(id)) expect([id, status]).toEqual([id, 'pass']);
};
const failsCleanly = (o: Outcome, pattern: RegExp) => {
  expect(o.code).toBe(2);
  expect(o.stderr.trim().split('\n')).toHaveLength(1);
  expect(o.stderr).toMatch(pattern);
  expect(o.stderr).not.toContain(TOKEN);
  expect(o.evidence).toBeUndefined();
};
const variants = (v: Variants, plan: 'team' | 'business' = 'business') => serve(plan, { variants: v });

describe('plans', () => {
  it('Business plan, nothing wrong: every control passes', async () => {
    const o = await run(await serve('business'), '--audit-days', '30');
    expect(o.code).toBe(0);
    expect(o.evidence.complete).toBe(true);
    expect(Object.keys(o.statuses)).toHaveLength(13);
    passes(o);
  });

  it('Team plan, nothing wrong: complete, every control passes but UAR-012 (unknown, naming the plan)', async () => {
    const o = await run(await serve('team'), '--audit-days', '30');
    expect(o.code).toBe(0);
    expect(o.evidence.complete).toBe(true);
    expect(o.snapshot.coverage.groups).toBe('unavailable_plan');
    expect(o.snapshot.coverage.audit).toBe('unavailable_plan');
    expect(o.evidence.sections.collection.unavailable).toEqual(o.snapshot.coverage.unavailable);
    const summary = await readFile(join(o.out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/Not offered by the workspace's plan\*\*: user groups, HTTP 400 from GET \/groups/);
    expect(o.statuses['UAR-012']).toBe('unknown');
    const uar012 = o.evidence.controls.find((c: { id: string }) => c.id === 'UAR-012');
    expect(uar012.unknown.map((u: { reason: string }) => u.reason)).toContain(
      "needs user groups, which this workspace's Segment plan does not include (Segment said: bad-request: Your plan does not include User Groups)",
    );
    passes(o, ['UAR-012']);
  });

  it('a custom control that needs groups: unknown on the Team plan (by the runner), pass on Business', async () => {
    const dir = join(tmp, 'custom');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'group_owners.rego'),
      [
        '# METADATA',
        '# title: Group owners are few',
        '# description: Fewer than 100 owners through groups.',
        '# custom:',
        '#   id: ACME-001',
        '#   severity: low',
        '#   frameworks: []',
        '#   remediation: Remove owners.',
        '#   needs:',
        '#     - groups',
        'package uar.controls.group_owners',
        '',
        'population := 1',
        '',
        'findings contains {"subject": {"type": "workspace", "id": input.workspace.id}, "message": "too many"} if {',
        '\tcount([u | some u in input.users; some p in u.permissions; p.via.type == "group"]) > 100',
        '}',
        '',
        'unknown := set()',
        '',
      ].join('\n'),
    );
    const policy = ['--policy', 'policies', '--policy', dir];
    const team = await run(await serve('team'), ...policy);
    const custom = (o: Outcome) => o.evidence.controls.find((c: { id: string }) => c.id === 'ACME-001');
    expect(custom(team).status).toBe('unknown');
    expect(custom(team).unknown[0].reason).toMatch(
      /^needs user groups, which this workspace's Segment plan does not include/,
    );
    const business = await run(await serve('business'), ...policy);
    expect(custom(business).status).toBe('pass');
  });

  it('Free plan: one line saying that the Public API needs a Team or Business plan', async () => {
    failsCleanly(await run(await serve('free')), /Public API needs a Team or Business plan/);
  });
});

describe('identity', () => {
  it('an address two records of one export claim: UAR-007 unknown naming both records, not orphaned', async () => {
    const file = join(tmp, 'ambiguous.csv');
    await writeFile(
      file,
      [
        'email,status,mfa_enrolled,last_sign_in,aliases',
        'alice@clean.example,active,true,2026-11-20T09:00:00Z,',
        'bob@clean.example,active,true,2026-11-20T09:00:00Z,',
        'carol@clean.example,active,true,2026-11-20T09:00:00Z,',
        'carol.d@clean.example,active,true,2026-11-20T09:00:00Z,carol@clean.example',
        '',
      ].join('\n'),
    );
    const withAmbiguous = inputs.map((a, i) => (inputs[i - 1] === '--identity' ? file : a));
    n += 1;
    const out = join(tmp, `out-${n}`);
    const server = await serve('business');
    const result = await runCli(['run', '--api-url', server.url, '--out-dir', out, ...withAmbiguous], { env });
    expect(result.stderr).not.toMatch(/internal error/);
    const evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8'));
    const uar007 = evidence.controls.find((c: { id: string }) => c.id === 'UAR-007');
    expect(uar007.status).toBe('unknown');
    expect(uar007.findings).toEqual([]);
    expect(uar007.unknown).toEqual([
      {
        subject: { type: 'user', id: CLEAN_USERS.carol, email: 'carol@clean.example' },
        reason:
          'carol@clean.example: ambiguous identity: 2 records of the generic export claim this address (ambiguous.csv:4, ambiguous.csv:5)',
      },
    ]);
    const snapshot = JSON.parse(await readFile(join(out, 'snapshot.json'), 'utf8'));
    const carol = snapshot.users.find((u: { id: string }) => u.id === CLEAN_USERS.carol);
    expect(carol.identity).toBeNull();
    expect(carol.identity_ambiguous).toEqual([
      {
        source: 'generic',
        records: [
          { record_id: null, origin: 'ambiguous.csv:4' },
          { record_id: null, origin: 'ambiguous.csv:5' },
        ],
      },
    ]);
  });
});

describe('spec-legal variants', () => {
  it('group permissions omitted from GET /groups: read from GET /groups/{id}; the owner via a group is kept', async () => {
    const server = await variants({ omitGroupPermissions: true });
    const o = await run(server);
    expect(o.code).toBe(0);
    passes(o);
    expect(o.snapshot.users.find((u: { id: string }) => u.id === CLEAN_USERS.alice).is_owner).toBe(true);
    expect(server.counts()['GET /groups/{id}']).toBe(1);
  });

  it('user permissions omitted from GET /users/{id}: no direct grants, counted in the evidence', async () => {
    const o = await run(await variants({ omitUserPermissions: [CLEAN_USERS.carol] }));
    expect(o.code).toBe(0);
    expect(o.snapshot.coverage.users_without_permissions_field).toBe(1);
    expect(o.snapshot.users.find((u: { id: string }) => u.id === CLEAN_USERS.carol).permissions).toEqual([]);
  });

  it('totalEntries omitted and previous/next null: the same snapshot', async () => {
    const clean = await run(await serve('business'));
    const o = await run(await variants({ omitTotalEntries: true, nullCursors: true }));
    expect(o.code).toBe(0);
    expect(o.snapshot.users).toEqual(clean.snapshot.users);
    expect(o.snapshot.groups).toEqual(clean.snapshot.groups);
  });

  it('permissions in GET /users: used after the sample agrees, recorded in coverage', async () => {
    const server = await variants({ listPermissions: true });
    const o = await run(server);
    expect(o.code).toBe(0);
    passes(o);
    expect(o.snapshot.coverage.user_permissions).toEqual({ read_from: 'list', sample: 3, sample_differed: false });
  });

  it('permissions in GET /users that disagree with GET /users/{id}: every user read individually', async () => {
    const o = await run(await variants({ listPermissions: { differ: [CLEAN_USERS.bob] } }));
    expect(o.code).toBe(0);
    expect(o.snapshot.coverage.user_permissions).toEqual({ read_from: 'per_user', sample: 3, sample_differed: true });
    expect(o.snapshot.users.find((u: { id: string }) => u.id === CLEAN_USERS.bob).effective_roles).toEqual([
      'Source Admin',
    ]);
  });

  it('rate-limit headers only on 2xx and 429s in the spec’s RateLimited envelope: recovers', async () => {
    // The first three answers are 429 with neither msBeforeNext nor rate-limit headers: nothing says how long.
    const server = await serve('business', {
      variants: { rateHeadersOnlyOn2xx: true, specRateLimited: true, throttle: { times: 3 } },
    });
    const o = await run(server, '--max-wait', '0.25');
    expect(o.code).toBe(0);
    passes(o);
    expect(server.statuses()['429']).toBe(3);
  });

  it.each([
    [403, 'forbidden', 'Audit Trail is a Business add-on'],
    [404, 'NotFound', 'Resource not found'],
    [422, 'ValidationFailure', 'something else entirely'],
  ])('the Audit Trail refused with %i: recorded, the run goes on', async (status, type, message) => {
    const o = await run(await variants({ auditRefused: { status, type, message } }), '--audit-days', '30');
    expect(o.code).toBe(0);
    expect(o.evidence.complete).toBe(true);
    expect(o.snapshot.coverage.audit).toBe('unavailable_plan');
    expect(o.snapshot.coverage.unavailable).toEqual([
      { feature: 'audit', endpoint: 'GET /audit-events', status, message: `${type}: ${message}` },
    ]);
    passes(o);
  });

  it('--audit-days above 90: read 90 days, with a note', async () => {
    const o = await run(await serve('business'), '--audit-days', '120');
    expect(o.code).toBe(0);
    expect(o.stderr).toMatch(/note: --audit-days 120 reads 90 days/);
    expect(o.snapshot.coverage.audit_days).toBe(90);
  });

  it('a user removed between the list and the read: dropped, recorded, one line, the run goes on', async () => {
    const o = await run(await variants({ vanish: { users: [CLEAN_USERS.carol] } }));
    expect(o.code).toBe(0);
    expect(o.evidence.complete).toBe(true);
    expect(o.stderr).toMatch(/GET \/users\/\{id\}: user cArOlCleanUser00000003 \(carol@clean\.example\) was removed/);
    expect(o.snapshot.coverage.removed_during_collection).toEqual([
      { type: 'user', id: CLEAN_USERS.carol, email: 'carol@clean.example', endpoint: 'GET /users/{id}' },
    ]);
    expect(o.snapshot.users).toHaveLength(2);
    expect(o.evidence.sections.collection.removed_during_collection).toEqual(
      o.snapshot.coverage.removed_during_collection,
    );
    const summary = await readFile(join(o.out, 'summary.md'), 'utf8');
    expect(summary).toContain(
      '- **Removed during the collection** (gone when read, left out of this review): user carol@clean.example (cArOlCleanUser00000003)',
    );
  });

  it('a group removed between the list and the read: dropped and recorded; nobody gains a pass from it', async () => {
    const o = await run(await variants({ vanish: { groups: ['gOwnersClean000000001'] } }));
    expect(o.code).toBe(0);
    expect(o.snapshot.coverage.removed_during_collection).toEqual([
      { type: 'group', id: 'gOwnersClean000000001', email: null, endpoint: 'GET /groups/{id}/users' },
    ]);
    expect(o.snapshot.groups).toEqual([]);
  });

  it('null display fields (user and group name, label description): read as empty', async () => {
    const o = await run(await variants({ nullDisplayFields: true }));
    expect(o.code).toBe(0);
    passes(o);
    expect(o.snapshot.users.map((u: { name: string }) => u.name)).toEqual(['', '', '']);
  });
});

describe('resource names', () => {
  it('names are read into the snapshot; a refusal leaves the ids and the run goes on', async () => {
    const named = await run(await serve('business'));
    const resources = (o: Outcome) =>
      o.snapshot.users.flatMap((u: { permissions: { resources: { type: string; name: unknown }[] }[] }) =>
        u.permissions.flatMap((p) => p.resources),
      );
    expect(resources(named).find((r: { type: string }) => r.type === 'SOURCE').name).toBe('Source srcWebsite01');
    const refused = await run(await variants({ refuseResourceNames: true }));
    expect(refused.code).toBe(0);
    passes(refused);
    expect(resources(refused).find((r: { type: string }) => r.type === 'SOURCE').name).toBeNull();
    expect(refused.snapshot.coverage.resource_names.map((r: { read: boolean }) => r.read)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('server faults and bounds', () => {
  it('a list that ends before its totalEntries: incomplete, nothing passes', async () => {
    const o = await run(await variants({ shortList: { endpoint: 'GET /users', serve: 2 } }));
    expect(o.evidence.complete).toBe(false);
    expect(o.snapshot.coverage.incomplete).toEqual([
      { endpoint: 'GET /users', reason: 'read 2 items while totalEntries is 3' },
    ]);
    expect(Object.values(o.statuses)).not.toContain('pass');
  });

  it('a cursor that never ends: one line, exit 2', async () => {
    failsCleanly(
      await run(await variants({ endlessCursor: 'GET /users' })),
      /GET \/users: the server keeps returning a next page/,
    );
  });

  it('a server that never answers: fails within --request-timeout', async () => {
    const started = Date.now();
    failsCleanly(
      await run(await variants({ hang: true }), '--request-timeout', '0.5'),
      /GET \/: no complete answer within 500 ms/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['msBeforeNext 1e9', { msBeforeNext: 1e9, times: 1 }, /asked to wait 1000000\.\d s; waiting 0\.1 s/],
    [
      'X-RateLimit-Reset a day ahead',
      { resetInMs: 86_400_000, times: 1 },
      /asked to wait 86[34]\d\d\.\d s; waiting 0\.1 s/,
    ],
  ])('a 429 announcing %s: waits --max-wait and says what was asked', async (_name, throttle, said) => {
    const o = await run(await variants({ throttle }), '--max-wait', '0.1');
    expect(o.code).toBe(0);
    expect(o.stderr).toMatch(said);
    passes(o);
  });

  it('--timeout: the whole collection stops at the deadline with one line', async () => {
    failsCleanly(
      await run(await serve('business', { faults: { latencyMs: 300 } }), '--timeout', '0.5'),
      /the collection did not finish within 0\.5 s \(--timeout\)/,
    );
  });

  it('a non-ASCII token is refused before any request', async () => {
    const server = await serve('business');
    n += 1;
    const result = await runCli(['fetch', '--api-url', server.url, '--out', join(tmp, `t${n}.json`)], {
      env: { SEGMENT_PUBLIC_API_TOKEN: `sgp_${'a'.repeat(60)}“x”` },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/token contains a character that is not printable ASCII/);
    expect(server.counts()).toEqual({});
  });

  it('--concurrency abc names the flag', async () => {
    const result = await runCli(['fetch', '--concurrency', 'abc', '--out', join(tmp, 'x.json')], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--concurrency/);
    expect(result.stderr).toMatch(/abc/);
  });
});
