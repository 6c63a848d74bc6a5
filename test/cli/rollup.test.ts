import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

let lookalike: Lookalike;
let tmp: string;
const evidence: string[] = [];

/** Evidence of three workspaces: the example, a smaller copy, and one user without reviews or identity data. */
beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-rollup-'));
  const snapshot = join(tmp, 'example.json');
  const fetched = await runCli(['fetch', '--api-url', lookalike.url, '--out', snapshot], {
    env: { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN },
  });
  expect(fetched.code).toBe(0);
  const doc = JSON.parse(await readFile(snapshot, 'utf8'));
  const variants: [string, (d: typeof doc) => void, string[]][] = [
    ['acme-analytics', () => {}, ['--config', EXAMPLE_CONFIG]],
    [
      'acme-eu',
      (d) => {
        d.workspace = { ...d.workspace, id: 'wsEU', name: 'Acme EU', slug: 'acme-eu', region: 'eu' };
        d.users = d.users.slice(0, 5);
      },
      ['--config', EXAMPLE_CONFIG],
    ],
    [
      'acme-sandbox',
      (d) => {
        d.workspace = {
          ...d.workspace,
          id: 'wsSB',
          name: 'Acme | Sandbox ::error::x\u001b[31m',
          slug: 'acme-sandbox',
          region: null,
        };
        d.users = d.users.slice(0, 1);
        d.reviews = null;
      },
      [],
    ],
  ];
  for (const [slug, change, extra] of variants) {
    const copy = structuredClone(doc);
    change(copy);
    const file = join(tmp, `${slug}.json`);
    await writeFile(file, JSON.stringify(copy));
    const outDir = join(tmp, `evidence-${slug}`);
    const run = await runCli(['run', '--snapshot', file, '--now', EXAMPLE_NOW, '--out-dir', outDir, ...extra]);
    expect(run.code).not.toBe(2);
    evidence.push(join(outDir, 'evidence.json'));
  }
});
afterAll(async () => {
  await lookalike.close();
});

describe('uar-check rollup', () => {
  it('rolls three workspaces up into one summary and one JSON whose totals match the evidence', async () => {
    const out = join(tmp, 'rollup.json');
    const summary = join(tmp, 'summary.md');
    await writeFile(summary, '');
    const result = await runCli(['rollup', ...[...evidence].reverse(), '--out', out, '--summary', summary]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // the file keeps the exact text; the log gets no workflow command and no terminal escape
    const file = await readFile(summary, 'utf8');
    expect(file).toContain('Acme \\| Sandbox ::error::x\u001b\\[31m (acme-sandbox)');
    expect(result.stdout).not.toContain('::');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout.split('\n')).toHaveLength(file.split('\n').length);

    const rollup = JSON.parse(await readFile(out, 'utf8'));
    const files = await Promise.all(evidence.map(async (f) => JSON.parse(await readFile(f, 'utf8'))));
    expect(rollup.workspaces.map((w: { workspace: { slug: string } }) => w.workspace.slug)).toEqual([
      'acme-analytics',
      'acme-eu',
      'acme-sandbox',
    ]);
    const sum = (pick: (e: (typeof files)[number]) => number) => files.reduce((n, e) => n + pick(e), 0);
    expect(rollup.totals.workspaces).toBe(3);
    expect(rollup.totals.findings.total).toBe(sum((e) => e.totals.findings.total));
    expect(rollup.totals.findings.critical).toBe(sum((e) => e.totals.findings.critical));
    expect(rollup.totals.controls.fail).toBe(sum((e) => e.totals.controls.fail));
    expect(rollup.totals.excepted).toBe(sum((e) => e.totals.excepted));
    expect(rollup.verdict).toBe('FAIL');
    for (const [i, w] of rollup.workspaces.entries())
      expect(w.totals.findings.total).toBe(files[i].totals.findings.total);

    // worst findings: at most 10, most severe first
    const order = ['critical', 'high', 'medium', 'low'];
    const ranks = rollup.worst_findings.map((f: { severity: string }) => order.indexOf(f.severity));
    expect(rollup.worst_findings).toHaveLength(10);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rollup.worst_findings[0].severity).toBe('critical');

    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('## uar-check roll-up: 3 workspaces');
    expect(lines[2]).toMatch(/^\*\*Verdict: FAIL\*\* — \d FAIL/);
    expect(result.stdout).toContain('| Acme \\| Sandbox : :error: :x\\[31m (acme-sandbox) |');
    expect(result.stdout).toMatch(
      new RegExp(`\\| \\*\\*Total\\*\\* \\| \\| \\| \\d+ \\| ${rollup.totals.findings.total} \\|`),
    );
    expect(result.stdout).toContain('### Worst findings');
    expect(result.stdout).toContain(`The 10 most severe of ${rollup.totals.findings.total};`);
  });

  it('counts a workspace given twice once, with its newest evaluation; refuses a file that is not evidence', async () => {
    const rerun = join(tmp, 'evidence-acme-eu-attempt-2');
    const again = await runCli([
      'run',
      '--snapshot',
      join(tmp, 'acme-eu.json'),
      '--config',
      EXAMPLE_CONFIG,
      '--now',
      '2026-11-29T00:00:00Z',
      '--out-dir',
      rerun,
      '--format',
      'evidence',
    ]);
    expect(again.code).toBe(1);
    const out = join(tmp, 'rollup-rerun.json');
    const twice = await runCli(['rollup', ...evidence, join(rerun, 'evidence.json'), '--out', out]);
    expect(twice.stderr).toBe('');
    const rollup = JSON.parse(await readFile(out, 'utf8'));
    expect(rollup.totals.workspaces).toBe(3);
    expect(rollup.workspaces[1].evaluated_at).toBe('2026-11-29T00:00:00.000Z');
    expect(rollup.superseded).toEqual([
      { file: evidence[1], workspace: 'acme-eu', evaluated_at: '2026-11-28T00:00:00.000Z' },
    ]);
    expect(twice.stdout).toContain('Not counted (a newer evaluation of the same workspace was given):');
    const notEvidence = await runCli(['rollup', 'package.json']);
    expect(notEvidence.code).toBe(2);
    expect(notEvidence.stderr).toMatch(
      /^uar-check: package\.json: not a uar-check evidence file v1 \(evidence_version: .*\)/,
    );
    expect(notEvidence.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await runCli(['rollup', join(tmp, 'evidence-*/evidence.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the evidence file/);
  });
});
