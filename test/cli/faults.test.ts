/** The CLI against a misbehaving look-alike: recovered runs match a clean run; unrecoverable ones exit 2 cleanly. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

const env = { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN };
let tmp: string;
const started: Lookalike[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'uar-faults-'));
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.close()));
});

async function fetchSnapshot(options: Parameters<typeof startExample>[0], name: string) {
  const lookalike = await startExample(options);
  started.push(lookalike);
  const out = join(tmp, `${name}.json`);
  const run = await runCli(['fetch', '--api-url', lookalike.url, '--out', out], { env });
  return { run, out, lookalike };
}

/** The snapshot without the wall-clock collection time and the server's port. */
async function comparable(file: string) {
  const { collected_at: _at, source: _source, ...rest } = JSON.parse(await readFile(file, 'utf8'));
  return rest;
}

describe('faults', () => {
  it('a run that recovers from 5xx, resets, truncated and slow answers gives the same snapshot as a clean run', async () => {
    const clean = await fetchSnapshot({}, 'clean');
    expect(clean.run.code).toBe(0);
    const faulty = await fetchSnapshot(
      {
        faults: {
          seed: 7,
          errorRate: 0.2,
          resetRate: 0.1,
          truncateRate: 0.1,
          slowRate: 0.05,
          slowMs: 50,
          maxPerRequest: 2,
        },
      },
      'faulty',
    );
    expect(faulty.run.code).toBe(0);
    expect(Object.entries(faulty.lookalike.statuses()).some(([status]) => status !== '200')).toBe(true);
    expect(await comparable(faulty.out)).toEqual(await comparable(clean.out));
  });

  it('an endpoint that keeps failing: exit 2, the endpoint named, no evidence written', async () => {
    const lookalike = await startExample({
      faults: { errorRate: 1, maxPerRequest: Number.POSITIVE_INFINITY, endpoints: ['GET /groups/{id}/users'] },
    });
    started.push(lookalike);
    const out = join(tmp, 'failed');
    const run = await runCli(['run', '--api-url', lookalike.url, '--out-dir', out], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^uar-check: GET \/groups\/\{id\}\/users: failed after \d+ attempts \(last: HTTP 5\d\d\)/m,
    );
    expect(existsSync(join(out, 'evidence.json'))).toBe(false);
  });

  it('a plan without user groups: coverage says so, the read is complete, the group-dependent control is unknown', async () => {
    const lookalike = await startExample({ plan: 'team' });
    started.push(lookalike);
    const out = join(tmp, 'team');
    const run = await runCli(['run', '--api-url', lookalike.url, '--out-dir', out], { env });
    expect(run.code).toBe(1);
    const evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8'));
    const snapshot = JSON.parse(await readFile(join(out, 'snapshot.json'), 'utf8'));
    expect(snapshot.coverage.groups).toBe('unavailable_plan');
    expect(evidence.complete).toBe(true);
    const statuses = Object.fromEntries(evidence.controls.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(statuses['UAR-012']).toBe('unknown');
  });
});
