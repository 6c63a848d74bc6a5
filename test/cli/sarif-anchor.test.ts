/** SARIF locations point at files of the reviewing repository. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorWarning, sarifLocations } from '../../src/cli/sarif-anchor.js';
import type { ControlMeta } from '../../src/model/result.js';

const control = (id: string, file: string, line: number) => ({ id, file, line }) as ControlMeta;
const CONTROLS = [
  control('ACME-001', 'controls/contractor_admin.rego', 14),
  control('UAR-001', 'policies/stale_admin.rego', 18),
];

async function repo() {
  const cwd = await mkdtemp(join(tmpdir(), 'uar-anchor-'));
  await mkdir(join(cwd, 'controls'));
  await mkdir(join(cwd, '.github/workflows'), { recursive: true });
  await writeFile(join(cwd, 'controls/contractor_admin.rego'), 'package uar.controls.contractor_admin\n');
  await writeFile(join(cwd, '.github/workflows/uar.yml'), 'on: push\n');
  await writeFile(join(cwd, 'uar-check.yaml'), 'params: {}\ncontrols:\n  UAR-001: { enabled: true }\n');
  await writeFile(join(cwd, 'ANCHOR.md'), '#\n');
  return cwd;
}

describe('sarifLocations', () => {
  it('points custom controls at their file, built-ins at the config line naming them, then workflow, then anchor', async () => {
    const cwd = await repo();
    const env = { GITHUB_WORKFLOW_REF: 'acme/compliance/.github/workflows/uar.yml@refs/heads/main' };
    const withConfig = sarifLocations(CONTROLS, { cwd, env, config: 'uar-check.yaml' });
    expect(withConfig).toEqual({
      'ACME-001': { file: 'controls/contractor_admin.rego', line: 14 },
      'UAR-001': { file: 'uar-check.yaml', line: 3 },
    });
    expect(sarifLocations(CONTROLS, { cwd, env })['UAR-001']).toEqual({ file: '.github/workflows/uar.yml', line: 1 });
    expect(sarifLocations(CONTROLS, { cwd, env: {}, sarifAnchor: 'ANCHOR.md' })['UAR-001']).toEqual({
      file: 'ANCHOR.md',
      line: 1,
    });
    for (const location of Object.values(withConfig)) expect(existsSync(join(cwd, location.file))).toBe(true);
    expect(() => sarifLocations(CONTROLS, { cwd, env: {}, sarifAnchor: 'missing.md' })).toThrow(
      /--sarif-anchor missing\.md: no such file/,
    );
  });

  it('warns in one line when a control has no file of the repository to point at, and not otherwise', async () => {
    const cwd = await repo();
    const bare = sarifLocations(CONTROLS, { cwd, env: {} }); // no config, workflow or anchor; built-ins not here
    expect(bare['UAR-001']).toBeUndefined();
    expect(anchorWarning(CONTROLS, bare)).toMatch(
      /^results\.sarif: UAR-001 point at policy files that are not in this repository.*--config FILE or --sarif-anchor FILE/,
    );
    expect(
      anchorWarning(CONTROLS, sarifLocations(CONTROLS, { cwd, env: {}, sarifAnchor: 'ANCHOR.md' })),
    ).toBeUndefined();
    const many = ['UAR-001', 'UAR-002', 'UAR-003', 'UAR-004', 'UAR-005'].map((id) => control(id, 'policies/x.rego', 1));
    expect(anchorWarning(many, {})).toMatch(/^results\.sarif: UAR-001, UAR-002, UAR-003 and 2 more point/);
  });
});
