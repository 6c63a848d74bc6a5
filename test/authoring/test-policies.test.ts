import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPolicies } from '../../src/authoring/test-policies.js';
import { type OpaSetup, opaSetup } from './opa-fixtures.js';

let setup: OpaSetup;
const options = (policyDirs: string[]) => ({
  policyDirs,
  opa: setup.opa.path,
  capabilitiesFile: setup.capabilitiesFile,
  schemaFile: setup.schemaFile,
});

async function policyDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(setup.dir, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

beforeAll(async () => {
  setup = await opaSetup();
});

describe('testPolicies', () => {
  it('passes the built-in policies with coverage per file', async () => {
    const { ok, report } = await testPolicies(options(['policies']));
    expect(report).toMatch(/^opa test: (\d+)\/\1 passed$/m);
    expect(report).toMatch(/^coverage: \d+\.\d%$/m);
    expect(report).toMatch(/^ +\d+\.\d% {2}policies\/stale_admin\.rego/m);
    expect(ok).toBe(true);
  });

  it('prints a failing test with file, line, name and the failed expression', async () => {
    const dir = await policyDir('failing', {
      'c.rego': 'package uar.controls.c\n\npopulation := count(input.users)\n',
      'c_test.rego': [
        'package uar.tests.c_test',
        '',
        'import data.uar.controls.c',
        '',
        'test_population if {',
        '\tc.population == 3 with input as {"users": []}',
        '}',
        '',
      ].join('\n'),
    });
    const { ok, report } = await testPolicies(options([dir]));
    expect(ok).toBe(false);
    expect(report).toContain('opa test: 0/1 passed');
    expect(report).toContain(
      `FAIL ${dir}/c_test.rego:5 data.uar.tests.c_test.test_population: failed at ${dir}/c_test.rego:6: c.population == 3 with input as {"users": []}`,
    );
  });

  it.each([
    [
      'a builtin that cannot run in WASM',
      'unknown contains {"reason": r} if r := http.send({"method": "GET", "url": "http://x"}).body',
      /c\.rego:3: rego_type_error: undefined function http\.send/,
    ],
    [
      'a field the document does not have',
      'findings contains u.emial if some u in input.users',
      /c\.rego:3: rego_type_error: undefined ref: u\.emial/,
    ],
  ])('opa check rejects %s', async (name, rule, expected) => {
    const dir = await policyDir(name.replaceAll(' ', '-'), {
      'c.rego': `package uar.controls.c\n\n${rule}\n`,
      'c_test.rego': 'package uar.tests.c_test\n\ntest_nothing if true\n',
    });
    const { ok, report } = await testPolicies(options([dir]));
    expect(ok).toBe(false);
    expect(report).toContain('opa test: 1/1 passed');
    expect(report).toContain('opa check --strict (WASM builtins, document schema): failed');
    expect(report).toMatch(expected);
  });

  it('does not pass a directory without tests', async () => {
    const dir = await policyDir('untested', { 'c.rego': 'package uar.controls.c\n\npopulation := 0\n' });
    const { ok, report } = await testPolicies(options([dir]));
    expect(ok).toBe(false);
    expect(report).toContain('no tests found');
  });

  it('reports a policy that does not parse', async () => {
    const dir = await policyDir('broken', { 'c.rego': 'package uar.controls.c\n\nfindings contains {\n' });
    const { ok, report } = await testPolicies(options([dir]));
    expect(ok).toBe(false);
    expect(report).toMatch(/^opa test: .*c\.rego:\d+: rego_parse_error/m);
  });
});
