/**
 * The helpers that policies/README.md documents as "undefined for null, never, …" are undefined for such values
 * in OPA's strict mode too (`--strict-builtin-errors`, the cross-check uar-check runs over a team's own controls),
 * never a builtin error that would turn the team's control into `error`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findOpa, type OpaBinary } from '../../src/engine/opa-binary.js';
import { runOpa } from '../../src/shared/opa-cli.js';

const LIB = join(import.meta.dirname, '..', '..', 'policies', 'lib');
// Not a time, and not a number either. (A well-shaped but impossible date such as 2026-02-30 is a builtin error in
// OPA's strict mode; uar-check's readers refuse such dates before any document is built, see policies/README §5.)
const NOT_A_TIME = [null, 'never', '', 'garbage', '2026-02', 'true', true, {}, []];
let opa: OpaBinary;
let inputFile: string;

beforeAll(async () => {
  opa = await findOpa();
  inputFile = join(await mkdtemp(join(tmpdir(), 'uar-lib-undefined-')), 'input.json');
  await writeFile(inputFile, JSON.stringify({ values: NOT_A_TIME }));
});

/** The indexes of the values `body` (over `v`) holds for, evaluated with strict builtin errors. */
async function holdsFor(body: string): Promise<unknown> {
  const query = `[i | some i, v in input.values; ${body}]`;
  const run = await runOpa(opa.path, [
    'eval',
    '--strict-builtin-errors',
    '--format',
    'raw',
    '--data',
    LIB,
    '--input',
    inputFile,
    query,
  ]);
  expect(run.stderr || '(no error)', body).toBe('(no error)');
  return JSON.parse(run.stdout);
}

describe('time helpers with values that are not times', () => {
  for (const body of [
    'data.uar.lib.time_ns({"t": v}, "t")',
    'data.uar.lib.time_ns({"t": v, "t_ns": null}, "t")',
    'data.uar.lib.timestamp_ns(v)',
    'data.uar.lib.days_since(v)',
    'data.uar.lib.more_than_days_ago(v, 1)',
    'data.uar.lib.day_reached(v)',
    'data.uar.lib.days_since_ns(v)',
    'data.uar.lib.older_than_days_ns(v, 1)',
  ]) {
    it(`${body} is undefined, not an error`, async () => {
      expect(await holdsFor(body)).toEqual([]);
    });
  }

  it('still reads real times (the premise)', async () => {
    expect(await holdsFor('data.uar.lib.time_ns({"t": "2026-01-02"}, "t") == 1767312000000000000; v == null')).toEqual([
      0,
    ]);
  });
});

describe('other helpers documented as safe with any value', () => {
  it('resource_label falls back to the id; invite_subject is always defined', async () => {
    // A string that is not empty is a name ("never (r-1)"); anything else falls back to the id.
    expect(await holdsFor('data.uar.lib.resource_label({"id": "r-1", "name": v}) == "r-1"')).toEqual([0, 2, 6, 7, 8]);
    expect(await holdsFor('data.uar.lib.invite_subject(v)')).toHaveLength(NOT_A_TIME.length);
  });
});
