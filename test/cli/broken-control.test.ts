/** One custom control that fails at run time does not sink the review: the others keep their evidence, exit 2. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { validateEvidence } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

let lookalike: Lookalike;
let tmp: string;

beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-broken-cli-'));
});
afterAll(async () => {
  await lookalike.close();
});

describe('a control that errors at run time', () => {
  it('is error with its file and line; the built-ins keep their evidence; every output is written; exit 2', async () => {
    const out = join(tmp, 'out');
    const run = await runCli(
      [
        'run',
        '--config',
        EXAMPLE_CONFIG,
        '--policy',
        'policies',
        '--policy',
        'test/engine/fixtures/broken-throwing',
        '--api-url',
        lookalike.url,
        '--out-dir',
        out,
        '--now',
        EXAMPLE_NOW,
      ],
      { env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/BRK-101 could not be evaluated: .*conflict\.rego:\d+:\d+: var assignment conflict/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await readdir(out)).toEqual(
      expect.arrayContaining(['access-list.csv', 'evidence.json', 'results.sarif', 'snapshot.json', 'summary.md']),
    );
    const text = await readFile(join(out, 'evidence.json'), 'utf8');
    expect(validateEvidence(text)).toEqual({ valid: true, errors: [] });
    const evidence = JSON.parse(text) as { controls: { id: string; status: string }[] };
    const status = Object.fromEntries(evidence.controls.map((c) => [c.id, c.status]));
    expect(status['BRK-101']).toBe('error');
    expect(status['BRK-102']).toBe('error');
    const builtins = evidence.controls.filter((c) => c.id.startsWith('UAR-'));
    expect(builtins).toHaveLength(13);
    expect(builtins.filter((c) => c.status === 'error')).toEqual([]);
    const sarif = JSON.parse(await readFile(join(out, 'results.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(JSON.stringify(sarif.runs[0].invocations[0].toolExecutionNotifications)).toContain('BRK-101');
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toMatch(/BRK-101/);
  });
});
