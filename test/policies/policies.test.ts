/** The built-in policy library: every Rego test passes, coverage ≥ 95%, `opa fmt` and `opa check --strict` are clean. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmCapabilitiesFile } from '../../src/engine/capabilities.js';
import { findOpa, type OpaBinary } from '../../src/engine/opa-binary.js';
import { documentJsonSchema } from '../../src/model/document.js';

const exec = promisify(execFile);
const POLICIES = 'policies';
let opa: OpaBinary;

async function opaRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(opa.path, args, { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  opa = await findOpa();
});

describe('policies/', () => {
  it('every opa test passes', async () => {
    const run = await opaRun(['test', '--format', 'json', POLICIES]);
    const results = JSON.parse(run.stdout) as { package: string; name: string; fail?: boolean; error?: unknown }[];
    const failed = results.filter((r) => r.fail || r.error).map((r) => `${r.package}.${r.name}`);
    expect(failed).toEqual([]);
    expect(run.code).toBe(0);
    // every control has tests for its finding, pass and unknown cases (the helper library's have `lib_` packages)
    const packages = new Set(results.map((r) => r.package));
    expect([...packages].filter((p) => !/\.lib_[a-z_]+_test$/.test(p))).toHaveLength(13);
    expect(packages).toContain('data.uar.tests.lib_resources_test');
  });

  it('coverage is at least 95%', async () => {
    const run = await opaRun(['test', '--coverage', '--format', 'json', POLICIES]);
    const report = JSON.parse(run.stdout) as { coverage: number };
    expect(report.coverage).toBeGreaterThanOrEqual(95);
  });

  it('is opa fmt clean', async () => {
    const run = await opaRun(['fmt', '--list', '--fail', POLICIES]);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });

  it('is opa check --strict clean, with the WASM capabilities and the document schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-policies-'));
    const capabilities = await wasmCapabilitiesFile(opa, dir);
    const schema = join(dir, 'document.schema.json');
    await writeFile(schema, JSON.stringify(documentJsonSchema()));
    const plain = await opaRun(['check', '--strict', POLICIES]);
    expect(plain.stderr).toBe('');
    const wasm = await opaRun(['check', '--strict', '--capabilities', capabilities, '--schema', schema, POLICIES]);
    expect(wasm.stderr).toBe('');
    expect(wasm.code).toBe(0);
  });

  it('defines the thirteen controls UAR-001 … UAR-013 with the package-level METADATA contract', async () => {
    const run = await opaRun(['inspect', '-a', '--format', 'json', POLICIES]);
    const inspected = JSON.parse(run.stdout) as {
      annotations: {
        annotations: { scope: string; title?: string; custom?: Record<string, unknown> };
        path: { value: string }[];
      }[];
    };
    const controls = inspected.annotations
      .filter((a) => a.annotations.scope === 'package' && a.annotations.custom?.id)
      .map((a) => ({ pkg: a.path.map((p) => p.value).join('.'), ...a.annotations }));
    expect(controls.map((c) => c.custom?.id).sort()).toEqual(
      Array.from({ length: 13 }, (_, i) => `UAR-${String(i + 1).padStart(3, '0')}`),
    );
    for (const c of controls) {
      expect(c.pkg).toMatch(/^data\.uar\.controls\.[a-z_]+$/);
      expect(c.title).toBeTruthy();
      expect(['critical', 'high', 'medium', 'low']).toContain(c.custom?.severity);
      expect(c.custom?.frameworks).toEqual(
        expect.arrayContaining([expect.stringMatching(/^(SOC 2|ISO\/IEC 27001:2022|PCI DSS v4\.0|NIST SP 800-53) /)]),
      );
      expect(typeof c.custom?.remediation).toBe('string');
      expect(Array.isArray(c.custom?.needs)).toBe(true);
    }
  });
});
