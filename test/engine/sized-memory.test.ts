/**
 * A small document is first evaluated in WASM memory sized from it (evaluate.ts, inThisThread). When the one pass
 * fails for another reason (a conflict), each control is evaluated alone; a control that needs more than that
 * sized memory, but far less than the 2 GiB ceiling, must be evaluated again with the ceiling, not reported as
 * out of memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findOpa, loadPolicies, type OpaBinary } from '../../src/engine/index.js';
import { makeDocument, makeOwner } from '../helpers/document.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
let opa: OpaBinary;
let cacheDir: string;

beforeAll(async () => {
  opa = await findOpa();
  cacheDir = await mkdtemp(join(tmpdir(), 'uar-sized-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

it('evaluates a control alone with the 2 GiB ceiling when it outgrows the sized memory', async () => {
  const policies = await loadPolicies({ policyDirs: ['conflict', 'sized-memory'], cacheDir, baseDir: FIXTURES, opa });
  const evaluation = await policies.evaluate(makeDocument({ users: [makeOwner('a@acme.com')] }), {}, new Date());
  expect(evaluation.errors.get('TST-005')).toMatch(/conflict/);
  expect(evaluation.errors.has('TST-301')).toBe(false);
  expect(evaluation.outputs.get('TST-301')?.findings).toHaveLength(1);
}, 60_000);
