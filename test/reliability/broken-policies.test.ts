/**
 * Broken-policy suite, through the whole `uar-check run` (real OPA build, real WASM, the strict cross-check):
 * every broken control is `error` — never `pass` — named on stderr with its file, the run exits 2, and the
 * valid controls beside them keep their results. Covers runtime errors that WASM turns into "undefined" inside
 * a `findings`/`unknown` body or a helper (fixtures/broken-runtime, caught by the cross-check with
 * `opa eval --strict-builtin-errors`), a typo'd rule name, no rules, a mistyped package, wrong result shapes
 * (test/engine/fixtures/broken) and conflicts in complete rules (test/engine/fixtures/broken-throwing).
 * Prints its counts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../bench/synthetic-document.js';
import { cacheDir } from '../../src/cli/paths.js';
import { loadPolicies } from '../../src/engine/index.js';
import { runCli } from '../helpers/cli.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';

const NOW = '2026-11-28T00:00:00Z';
const CACHE = cacheDir(process.env);
let tmp: string;
let snapshot: string;
const tally = { broken: 0, error: 0, pass: 0, other: 0 };

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'uar-broken-run-'));
  snapshot = join(tmp, 'snapshot.json');
  const document = makeDocument({
    users: [makeOwner('a@acme.com'), makeOwner('b@acme.com'), makeUser('c@acme.com')],
  });
  await writeFile(snapshot, JSON.stringify(document));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  console.log(
    `broken-policy suite: ${tally.broken} broken controls, ${tally.error} error, ${tally.pass} false passes, ${tally.other} other`,
  );
});

interface Evidence {
  controls: { id: string; status: string; error: string | null; findings: unknown[] }[];
}

async function run(dir: string, name: string) {
  const out = join(tmp, name);
  const result = await runCli([
    'run',
    '--snapshot',
    snapshot,
    '--no-builtin',
    '--policy',
    dir,
    '--out-dir',
    out,
    '--now',
    NOW,
  ]);
  const evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8')) as Evidence;
  return { ...result, evidence, byId: new Map(evidence.controls.map((c) => [c.id, c])) };
}

/** Asserts a broken control is error with one line matching `expected`, named on stderr; counts it. */
function expectBroken(r: Awaited<ReturnType<typeof run>>, id: string, expected: RegExp): void {
  const control = r.byId.get(id);
  tally.broken++;
  if (control?.status === 'error') tally.error++;
  else if (control?.status === 'pass') tally.pass++;
  else tally.other++;
  expect(control?.status, id).toBe('error');
  expect(control?.error, id).toMatch(expected);
  expect(control?.error, id).not.toContain('\n');
  expect(r.stderr).toContain(`uar-check: ${id} could not be evaluated: `);
}

describe('runtime errors that WASM hides (cross-checked with opa eval --strict-builtin-errors)', () => {
  it('makes each such control error with OPA’s message and file:line; valid controls keep their result', async () => {
    const r = await run('test/reliability/fixtures/broken-runtime', 'runtime');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const at = (file: string, line: number) =>
      new RegExp(`broken-runtime/${file}\\.rego:7: runtime error at .*broken-runtime/${file}\\.rego:${line}: `);
    expectBroken(r, 'RTE-001', new RegExp(`${at('nan_findings', 13).source}to_number: .*"abc"`));
    expectBroken(r, 'RTE-002', new RegExp(`${at('div_findings', 13).source}div: divide by zero`));
    expectBroken(r, 'RTE-003', new RegExp(`${at('helper_error', 9).source}to_number: .*"ten"`));
    expectBroken(r, 'RTE-004', new RegExp(`${at('data_error', 9).source}to_number: .*"a@acme\\.com"`));
    expectBroken(r, 'RTE-005', new RegExp(`${at('nan_unknown', 15).source}to_number: .*"abc"`));
    expect(r.byId.get('RTE-100')).toMatchObject({ status: 'fail', error: null });
    expect(r.byId.get('RTE-100')?.findings).toHaveLength(1);
    expect(r.byId.get('RTE-101')).toMatchObject({ status: 'pass', error: null });
  });
});

describe('no false error from the cross-check', () => {
  it('the built-in controls (the patterns custom controls copy, and the helper library) raise no builtin error in OPA’s strict mode', async () => {
    const policies = await loadPolicies({ policyDirs: ['policies'], cacheDir: CACHE, baseDir: process.cwd() });
    const now = new Date(NOW);
    for (const document of [syntheticDocument(400, now), JSON.parse(await readFile(snapshot, 'utf8'))]) {
      const wasm = await policies.evaluate(document, {}, now);
      const strict = await policies.crossCheck(
        wasm,
        document,
        {},
        policies.controls.map((c) => c.id),
      );
      expect([...strict.errors].filter(([id]) => !wasm.errors.has(id))).toEqual([]);
      expect(strict.outputs).toEqual(wasm.outputs);
    }
  });
});

describe.each([
  ['test/engine/fixtures/broken', 'TST-002'],
  ['test/engine/fixtures/broken-throwing', 'TST-002'],
])('broken controls in %s', (dir, valid) => {
  it('are error, never pass; the valid control keeps its result; exit 2', async () => {
    const r = await run(dir, dir.split('/').pop() as string);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const broken = r.evidence.controls.filter((c) => c.id.startsWith('BRK-'));
    expect(broken.length).toBeGreaterThan(1);
    for (const control of broken) expectBroken(r, control.id, /\.rego(:\d+)?: /);
    expect(r.byId.get(valid)).toMatchObject({ status: 'fail', error: null });
  });
});
