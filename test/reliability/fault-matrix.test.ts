/**
 * Fault matrix: `uar-check run` against the Segment look-alike, through a fault-injecting proxy
 * (fault-proxy.ts) or with the look-alike's own fault switches, one fault mode per case. Every case ends in one
 * of three right outcomes, and the suite asserts which one each mode must give:
 *   - recovered: exit 0/1, `complete: true`, and the controls (status, population, findings, unknown) and the
 *     access list equal the clean run's;
 *   - refused: exit 2 with one line on stderr (no stack) and the out-dir still holding the previous set, byte
 *     for byte, with no temporary files;
 *   - incomplete: the data could not all be read and the outputs say so — `complete: false`, no control passes.
 * Anything else — a pass on partial data, `complete: true` with other results, new evidence after exit 2, a
 * crash, or a run that outlives its bound (a hang) — is a wrong outcome. Each run is bounded by small
 * `--timeout`, `--request-timeout` and `--max-wait` values. Prints its counts.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike, Variants } from '../../src/lookalike/index.js';
import { type CliRun, runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';
import { type ProxyAction, type ProxyRequest, startFaultProxy } from './fault-proxy.js';

type Outcome = 'recovered' | 'refused' | 'incomplete';

interface Mode {
  name: string;
  expected: Outcome;
  /** The proxy's choice per request (default: forward everything). */
  proxy?: (request: ProxyRequest) => ProxyAction;
  /** Look-alike switches, for faults the look-alike already has (a dedicated look-alike is started). */
  variants?: Variants;
  /** Flags that replace the default bounds (later flags win). */
  bounds?: string[];
}

const DAY_MS = 86_400_000;
const throttled = (headers: Record<string, string>, data: Record<string, unknown> = {}): ProxyAction => ({
  answer: {
    status: 429,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ errors: [{ type: 'RequestError', message: 'Too many requests', data }] }),
  },
});
const resetDayAhead = () =>
  throttled({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': new Date(Date.now() + DAY_MS).toUTCString() });
const msBeforeNext = () => throttled({}, { remainingPoints: 0, msBeforeNext: 1e9 });
const html = (status: number): ProxyAction => ({
  answer: {
    status,
    headers: { 'content-type': 'text/html' },
    body: '<html><head><title>Bad gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
  },
});
const serverError = (r: ProxyRequest): ProxyAction => ({
  answer: {
    status: [500, 502, 503][r.n % 3] as number,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errors: [{ type: 'InternalServerError', message: 'injected' }] }),
  },
});
const isUserList = (r: ProxyRequest) => /^\/users(\?|$)/.test(r.url);

const MODES: Mode[] = [
  {
    name: '429 with X-RateLimit-Reset a day ahead, twice',
    expected: 'recovered',
    proxy: (r) => (r.n <= 2 ? resetDayAhead() : 'forward'),
  },
  { name: '429 with X-RateLimit-Reset a day ahead, always', expected: 'refused', proxy: () => resetDayAhead() },
  {
    name: '429 with msBeforeNext 1e9, twice',
    expected: 'recovered',
    proxy: (r) => (r.n <= 2 ? msBeforeNext() : 'forward'),
  },
  { name: '429 with msBeforeNext 1e9, always', expected: 'refused', proxy: () => msBeforeNext() },
  {
    name: 'a new cursor on every page (totalEntries given)',
    expected: 'refused',
    variants: { endlessCursor: 'GET /users' },
  },
  {
    name: 'a new cursor on every page (no totalEntries)',
    expected: 'refused',
    variants: { endlessCursor: 'GET /users', omitTotalEntries: true },
    bounds: ['--timeout', '4'], // stopped by the overall deadline before the 10,000-page ceiling
  },
  { name: 'a server that never answers', expected: 'refused', proxy: () => 'hang' },
  // A first request that gets no answer fails at once ("is the API reachable?"), so these faults start later.
  {
    name: 'never answers the first attempt of each later request',
    expected: 'recovered',
    proxy: (r) => (r.n > 1 && r.attempt === 1 ? 'hang' : 'forward'),
  },
  {
    name: 'truncated JSON body on the first attempt',
    expected: 'recovered',
    proxy: (r) => (r.attempt === 1 ? 'truncate' : 'forward'),
  },
  {
    name: 'truncated JSON body on GET /users, always',
    expected: 'refused',
    proxy: (r) => (isUserList(r) ? 'truncate' : 'forward'),
  },
  {
    name: 'connection reset mid-body on the first attempt',
    expected: 'recovered',
    proxy: (r) => (r.attempt === 1 ? 'reset-mid-body' : 'forward'),
  },
  { name: 'connection reset mid-body, always', expected: 'refused', proxy: () => 'reset-mid-body' },
  {
    name: '500/502/503 twice per request, then OK',
    expected: 'recovered',
    proxy: (r) => (r.attempt <= 2 ? serverError(r) : 'forward'),
  },
  { name: '500/502/503, always', expected: 'refused', proxy: (r) => serverError(r) },
  {
    name: 'an HTML 502 page on the first attempt',
    expected: 'recovered',
    proxy: (r) => (r.attempt === 1 ? html(502) : 'forward'),
  },
  {
    name: 'a JSON body labelled text/html',
    expected: 'recovered',
    proxy: () => ({ rewrite: (body) => body, headers: { 'content-type': 'text/html' } }),
  },
  { name: 'an HTML page with 200 (wrong content type), always', expected: 'refused', proxy: () => html(200) },
  {
    name: 'totalEntries larger than what is served (the list ends early)',
    expected: 'incomplete',
    proxy: (r) =>
      isUserList(r)
        ? {
            rewrite: (body) => {
              const page = body as { data?: { pagination?: { totalEntries?: number } } };
              const pagination = page.data?.pagination;
              if (pagination?.totalEntries !== undefined) pagination.totalEntries += 3;
              return page;
            },
          }
        : 'forward',
  },
  {
    name: 'slow drip (a few bytes every 50 ms) on the first attempt of each later request',
    expected: 'recovered',
    proxy: (r) => (r.n > 1 && r.attempt === 1 ? { drip: { bytes: 4, everyMs: 50 } } : 'forward'),
  },
  { name: 'slow drip, always', expected: 'refused', proxy: () => ({ drip: { bytes: 4, everyMs: 50 } }) },
];

/** Every bound is small: a run that outlives HANG_MS is counted as a hang. */
const BOUNDS = ['--timeout', '20', '--request-timeout', '1', '--max-wait', '0.2'];
const HANG_MS = 60_000;
/** A progress notice (a capped wait), not the failure. */
const NOTICE = /^uar-check: .*asked to wait .* instead \(the cap, --max-wait\)$/;

let root: string;
let lookalike: Lookalike;
let clean: Comparable;
let previous: string;
const tally = { modes: 0, recovered: 0, refused: 0, incomplete: 0, wrong: 0, hangs: 0 };

interface Evidence {
  complete: boolean;
  access: unknown;
  controls: { id: string; status: string; population: number | null; findings: unknown; unknown: unknown }[];
}
type Comparable = { complete: boolean; access: unknown; controls: unknown };

function comparable(evidence: Evidence): Comparable {
  const { collected_at: _when, ...access } = evidence.access as Record<string, unknown>;
  return {
    complete: evidence.complete,
    access,
    controls: evidence.controls.map((c) => [c.id, c.status, c.population, c.findings, c.unknown]),
  };
}

async function run(apiUrl: string, outDir: string, bounds: string[] = []): Promise<CliRun | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS);
  });
  const cli = runCli(
    [
      'run',
      '--config',
      EXAMPLE_CONFIG,
      '--api-url',
      apiUrl,
      '--out-dir',
      outDir,
      '--now',
      EXAMPLE_NOW,
      ...BOUNDS,
      ...bounds,
    ],
    { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
  );
  try {
    return await Promise.race([cli, bound]);
  } finally {
    clearTimeout(timer);
  }
}

async function files(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'uar-fault-matrix-'));
  lookalike = await startExample({ maxSeconds: 900 });
  previous = join(root, 'previous');
  const first = await run(lookalike.url, previous);
  if (first === 'hang' || first.code === 2) throw new Error(`the clean run failed: ${JSON.stringify(first)}`);
  clean = comparable(JSON.parse(await readFile(join(previous, 'evidence.json'), 'utf8')) as Evidence);
  expect(clean.complete).toBe(true);
}, HANG_MS);

afterAll(async () => {
  await lookalike?.close();
  await rm(root, { recursive: true, force: true });
  console.log(
    `fault matrix: ${tally.modes} modes, ${tally.recovered + tally.refused + tally.incomplete} recovered-or-refused ` +
      `(${tally.recovered} recovered, ${tally.refused} refused, ${tally.incomplete} reported incomplete), ` +
      `${tally.wrong} wrong outcomes, ${tally.hangs} hangs`,
  );
});

describe('fault matrix', () => {
  it.each(MODES.map((m) => [m.name, m] as const))(
    '%s',
    async (_name, mode) => {
      tally.modes++;
      const own = mode.variants ? await startExample({ variants: mode.variants, maxSeconds: 120 }) : undefined;
      const target = own ?? lookalike;
      const proxy = await startFaultProxy(target.url, mode.proxy ?? (() => 'forward'));
      const outDir = join(root, `case-${tally.modes}`);
      await mkdir(outDir);
      await cp(previous, outDir, { recursive: true });
      const before = await files(outDir);
      let outcome: Outcome | 'wrong' | 'hang' = 'wrong';
      try {
        const result = await run(proxy.url, outDir, mode.bounds);
        if (result === 'hang') {
          outcome = 'hang';
        } else if (result.code === 2) {
          // The notices that say what the server asked for are progress; the failure itself is one line.
          const lines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !NOTICE.test(l));
          const after = await files(outDir);
          const clean = lines.length === 1 && !/internal error|\n\s+at /.test(result.stderr);
          if (clean && JSON.stringify(after) === JSON.stringify(before)) outcome = 'refused';
          expect(lines, 'one line on stderr').toHaveLength(1);
          expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
          expect(after, 'the previous set, untouched').toEqual(before);
        } else {
          const evidence = JSON.parse(await readFile(join(outDir, 'evidence.json'), 'utf8')) as Evidence;
          const got = comparable(evidence);
          if (got.complete && JSON.stringify(got) === JSON.stringify(clean)) outcome = 'recovered';
          else if (!got.complete && evidence.controls.every((c) => c.status !== 'pass')) outcome = 'incomplete';
          if (got.complete) expect(got).toEqual(clean);
          else expect(evidence.controls.filter((c) => c.status === 'pass').map((c) => c.id)).toEqual([]);
        }
      } finally {
        await proxy.close();
        await own?.close();
        if (outcome === 'hang') tally.hangs++;
        else if (outcome === 'wrong') tally.wrong++;
        else tally[outcome]++;
      }
      expect(outcome).toBe(mode.expected);
    },
    HANG_MS + 10_000,
  );
});
