import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { scaffoldControl } from '../../src/authoring/new-control.js';
import { testPolicies } from '../../src/authoring/test-policies.js';
import { ConfigError } from '../../src/errors.js';
import { type OpaSetup, opaSetup } from './opa-fixtures.js';

const run = promisify(execFile);
const BUILTIN = 'policies';
let setup: OpaSetup;

beforeAll(async () => {
  setup = await opaSetup();
});

describe('scaffoldControl', () => {
  it('takes the team’s first id and writes a control that passes test, check and fmt', async () => {
    const dir = join(setup.dir, 'team-a');
    const result = await scaffoldControl(dir, 'contractor-admin', { builtinDirs: [BUILTIN], prefix: 'ACME' });
    expect(result.id).toBe('ACME-001');
    expect(result.files).toEqual([join(dir, 'contractor_admin.rego'), join(dir, 'contractor_admin_test.rego')]);
    const rego = await readFile(result.files[0] as string, 'utf8');
    expect(rego).toContain('package uar.controls.contractor_admin');
    expect(rego).toContain('#   id: ACME-001');

    const fmt = await run(setup.opa.path, ['fmt', '--list', '--fail', dir]);
    expect(fmt.stdout).toBe('');
    const outcome = await testPolicies({
      policyDirs: [BUILTIN, dir],
      opa: setup.opa.path,
      capabilitiesFile: setup.capabilitiesFile,
      schemaFile: setup.schemaFile,
    });
    expect(outcome.report).toContain('opa check --strict (WASM builtins, document schema): ok');
    expect(outcome.report).toMatch(/contractor_admin_test\.rego/);
    expect(outcome.ok).toBe(true);
  });

  it('numbers after the ids already in the target directory', async () => {
    const dir = join(setup.dir, 'team-b');
    await scaffoldControl(dir, 'first_control', { prefix: 'ACME' });
    const second = await scaffoldControl(dir, 'second-control', { prefix: 'ACME' });
    expect(second.id).toBe('ACME-002');
    const third = await scaffoldControl(dir, 'third', { prefix: 'TEAM2' });
    expect(third.id).toBe('TEAM2-001');
    // Only a built-in control (written into policies/ itself) takes a UAR id: the next after the built-ins.
    const builtin = await scaffoldControl(join(setup.dir, 'team-b2'), 'x', { builtinDir: BUILTIN, builtin: true });
    expect(builtin.id).toBe('UAR-014');
  });

  it('ignores ids that only appear in tests', async () => {
    const dir = join(setup.dir, 'team-c');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x_test.rego'), '# METADATA\n# custom:\n#   id: ACME-050\npackage x_test\n');
    expect((await scaffoldControl(dir, 'only', { prefix: 'ACME' })).id).toBe('ACME-001');
  });

  it('refuses the reserved UAR prefix, a malformed prefix and no prefix, each in one line saying what to do', async () => {
    const dir = join(setup.dir, 'team-f');
    await expect(scaffoldControl(dir, 'mine', { prefix: 'UAR' })).rejects.toThrow(
      /^--prefix UAR: UAR- ids are reserved for uar-check's built-in controls .*use your own prefix, e\.g\. --prefix ACME$/,
    );
    await expect(scaffoldControl(dir, 'mine', { prefix: 'acme' })).rejects.toThrow(/^--prefix acme: use capital/);
    await expect(scaffoldControl(dir, 'mine')).rejects.toThrow(/--prefix ACME \(or control_prefix: ACME in the config/);
  });

  it.each([['Bad Name'], ['1st'], ['trailing-'], ['double--dash'], ['UPPER']])('rejects the name %j', async (name) => {
    await expect(scaffoldControl(join(setup.dir, 'team-d'), name, { prefix: 'ACME' })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('refuses to overwrite, also a built-in control of the same name', async () => {
    const dir = join(setup.dir, 'team-e');
    await scaffoldControl(dir, 'mine', { prefix: 'ACME' });
    await expect(scaffoldControl(dir, 'mine', { prefix: 'ACME' })).rejects.toThrow(/already exists/);
    await expect(scaffoldControl(dir, 'stale-admin', { builtinDirs: [BUILTIN], prefix: 'ACME' })).rejects.toThrow(
      /policies\/stale_admin\.rego already exists/,
    );
  });
});
