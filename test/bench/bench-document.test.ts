/**
 * The benchmark's 1,000-user document (correctness, not timing): `uar-check run` and `opa eval` of the same
 * built-in policies find the same findings — also when the document has no `*_ns` fields, so OPA parses the
 * text — and every `*_ns` field of the evaluated document agrees with its RFC 3339 text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchDocument } from '../../bench/document.mjs';
import {
  compareFindings,
  controlModules,
  type FindingSets,
  findingsFromEvidence,
  findingsFromOpa,
} from '../../bench/findings.mjs';
import { findOpa } from '../../src/engine/index.js';
import { mainRego } from '../../src/engine/main-rego.js';
import { runCli } from '../helpers/cli.js';

const NOW = '2026-11-28T00:00:00Z';
let dir: string;
let evidence: { controls: { findings: unknown[] }[] };
let evaluated: unknown;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uar-bench-doc-'));
  await writeFile(join(dir, 'config.yaml'), 'params:\n  allowed_domains: [acme.com]\n');
  await writeFile(join(dir, 'main.rego'), mainRego(controlModules('policies')));
  await writeFile(join(dir, 'data.json'), JSON.stringify({ params: { allowed_domains: ['acme.com'] } }));
  for (const timeNs of [true, false]) {
    const doc = benchDocument(1000, new Date(NOW), { timeNs });
    await writeFile(join(dir, `snapshot-${timeNs}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  }
  const out = join(dir, 'out');
  const run = await runCli([
    'run',
    ...['--snapshot', join(dir, 'snapshot-true.json'), '--config', join(dir, 'config.yaml')],
    ...['--out-dir', out, '--now', NOW],
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1); // findings
  evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8'));
  evaluated = JSON.parse(await readFile(join(out, 'snapshot.json'), 'utf8'));
});

async function opaEval(snapshot: string): Promise<FindingSets> {
  const opa = await findOpa();
  const args = ['eval', '--format', 'json', '--input', snapshot, '--data', 'policies'];
  args.push('--data', join(dir, 'main.rego'), '--data', join(dir, 'data.json'), '--ignore', '*_test.rego');
  args.push(`data.uar.main.results with time.now_ns as ${BigInt(Date.parse(NOW)) * 1000000n}`);
  return findingsFromOpa(JSON.parse(execFileSync(opa.path, args, { encoding: 'utf8', maxBuffer: 1 << 28 })));
}

describe('the 1,000-user benchmark document', () => {
  it('every control finds something', () => {
    for (const control of evidence.controls) expect(control.findings.length).toBeGreaterThan(0);
  });

  it('gives the same findings in `uar-check run` and `opa eval`', async () => {
    const run = findingsFromEvidence(evidence);
    expect(Object.values(run).flat().length).toBeGreaterThan(200);
    expect(compareFindings(run, await opaEval(join(dir, 'snapshot-true.json')))).toBeNull();
  });

  it('gives the same findings when OPA parses the times itself (no *_ns fields)', async () => {
    expect(compareFindings(findingsFromEvidence(evidence), await opaEval(join(dir, 'snapshot-false.json')))).toBeNull();
  });

  it('has *_ns fields that agree with their RFC 3339 text', () => {
    let checked = 0;
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) visit(item);
        return;
      }
      if (!value || typeof value !== 'object') return;
      const record = value as Record<string, unknown>;
      for (const [key, v] of Object.entries(record)) {
        if (!key.endsWith('_ns')) {
          visit(v);
          continue;
        }
        const text = record[key.slice(0, -3)];
        const ms =
          typeof text === 'string' ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text) : NaN;
        // the JSON digits, not the double: exact nanoseconds
        expect(v === null ? null : String(v), `${key} of ${String(text)}`).toBe(
          Number.isNaN(ms) ? null : String(BigInt(ms) * 1000000n),
        );
        checked += 1;
      }
    };
    visit(evaluated);
    expect(checked).toBeGreaterThan(3000); // decisions, sign-ins, HR days, campaign and collection times
  });
});
