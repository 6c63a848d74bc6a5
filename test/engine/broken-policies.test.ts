/**
 * Broken-policy fixtures: every broken control is `error` — never `pass` — with one line naming its file, and
 * the valid control beside it keeps its result (a broken control never takes the others down).
 * `broken/` fails without aborting the one-pass evaluation; `broken-throwing/` aborts it (a conflict), so every
 * control is evaluated again on its own; `broken-memory/` aborts it by running out of WASM memory (2 GiB, a few
 * seconds) on a tiny document, and the message blames the control, not the document. Prints its counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOpa, loadPolicies, type OpaBinary } from '../../src/engine/index.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-11-28T00:00:00Z');
const DOCUMENT = makeDocument({ users: [makeOwner('a@acme.com'), makeOwner('b@acme.com'), makeUser('c@acme.com')] });
let opa: OpaBinary;
let cacheDir: string;
const counts = { fixtures: 0, error: 0, pass: 0, other: 0 };

beforeAll(async () => {
  opa = await findOpa();
  cacheDir = await mkdtemp(join(tmpdir(), 'uar-broken-'));
});

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
  console.log(
    `broken-policy fixtures: ${counts.fixtures} broken controls, ${counts.error} error, ${counts.pass} false passes, ${counts.other} other`,
  );
});

/** What each broken control's error line must say. */
const EXPECTED: Record<string, RegExp> = {
  'BRK-001':
    /broken\/typo_findings\.rego:\d+: `findings` is undefined \(its rules: finding, population, unknown\): .*misnamed/,
  'BRK-002': /broken\/no_rules\.rego:\d+: `findings` is undefined \(it has no rules\)/,
  'BRK-003': /broken\/only_unknown\.rego:\d+: `findings` is undefined/,
  'BRK-004': /broken\/divide_by_zero\.rego:\d+: `population` is undefined .*division by zero/,
  'BRK-005': /broken\/not_a_number\.rego:\d+: `population` is undefined/,
  'BRK-006': /broken\/undefined_findings\.rego:\d+: `findings` is undefined/,
  'BRK-007': /broken\/string_findings\.rego:\d+: result has the wrong shape at findings\.0/,
  'BRK-008': /broken\/string_population\.rego:\d+: result has the wrong shape at population/,
  'BRK-009': /broken\/negative_population\.rego:\d+: result has the wrong shape at population/,
  'BRK-010': /broken\/no_message\.rego:\d+: result has the wrong shape at findings\.0\.message/,
  'BRK-011': /broken\/unknown_strings\.rego:\d+: result has the wrong shape at unknown\.0/,
  'BRK-012': /broken\/bad_subject\.rego:\d+: result has the wrong shape at findings\.0\.subject\.type/,
  'BRK-013': /broken\/findings_number\.rego:\d+: result has the wrong shape at findings/,
  'BRK-014':
    /broken\/misplaced\.rego:\d+: package uar\.control\.misplaced is not under uar\.controls.*uar\.controls\.misplaced/,
  'BRK-101': /broken-throwing\/conflict\.rego:\d+: evaluation failed: .*conflict/,
  'BRK-102': /broken-throwing\/object_conflict\.rego:\d+: evaluation failed: .*conflict/,
  // Not the document (a few kB) but the control: the valid control beside it evaluated within the same memory.
  'BRK-201':
    /broken-memory\/allocates\.rego:\d+: ran out of WASM memory \(2 GiB\) on its own, while the other controls fit with this \d+\.\d kB document: the control builds values too large/,
};

describe.each(['broken', 'broken-throwing', 'broken-memory'])('broken-policy fixtures in %s/', (dir) => {
  it('marks every broken control error with one line naming its file, and keeps the valid one', async () => {
    const policies = await loadPolicies({ policyDirs: [dir], cacheDir, baseDir: FIXTURES, opa });
    const evaluation = await policies.evaluate(DOCUMENT, {}, NOW);
    const broken = policies.controls.filter((c) => c.id.startsWith('BRK-'));
    expect(broken.length).toBeGreaterThan(0);
    for (const control of broken) {
      counts.fixtures++;
      const error = evaluation.errors.get(control.id);
      if (error) counts.error++;
      else if (evaluation.outputs.get(control.id)) counts.pass++;
      else counts.other++;
      expect(evaluation.outputs.has(control.id), `${control.id} has no output`).toBe(false);
      expect(error, control.id).toMatch(EXPECTED[control.id] as RegExp);
      expect(error, control.id).not.toContain('\n');
    }
    expect(evaluation.errors.has('TST-002')).toBe(false);
    expect(evaluation.outputs.get('TST-002')?.findings).toHaveLength(1); // two owners: the valid control still ran
  });
});
