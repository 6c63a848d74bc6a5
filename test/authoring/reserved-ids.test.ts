/**
 * `UAR-` ids belong to the built-in controls: a team's own control with one is refused by run, build and test with
 * one line naming the file and line, why and what to do (exit 2), before OPA or the API is used. `--sarif-anchor`
 * is checked in the same preflight.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reservedId } from '../../src/cli/preflight.js';
import { runCli } from '../helpers/cli.js';

const control = (id: string, pkg = 'contractor_admin') => `# METADATA
# title: Contractor admin
# custom:
#   id: ${id}
#   severity: high
package uar.controls.${pkg}

findings := set()
`;

let repo: string;
// Nothing listens there: a request would fail with a connection error, not with the preflight's line.
const API = ['--api-url', 'http://127.0.0.1:9'];
const ENV = { env: { SEGMENT_PUBLIC_API_TOKEN: 'test-token-reserved', UAR_OPA: '/nonexistent/opa' } };

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'uar-reserved-'));
  await mkdir(join(repo, 'controls/nested'), { recursive: true });
  await writeFile(join(repo, 'controls/ok.rego'), control('ACME-001', 'ok'));
  await writeFile(join(repo, 'controls/nested/contractor_admin.rego'), control('UAR-014'));
  await writeFile(join(repo, 'controls/nested/contractor_admin_test.rego'), control('UAR-999', 'x_test'));
  await writeFile(join(repo, 'README.md'), '# compliance\n');
});

describe('reservedId', () => {
  it('finds a package-level custom.id with the UAR- prefix, and its line', () => {
    expect(reservedId(control('UAR-014'))).toEqual({ id: 'UAR-014', line: 4 });
    expect(reservedId(control('ACME-014'))).toBeUndefined();
    expect(reservedId(`# METADATA\n# custom: {id: UAR-002, severity: low}\npackage uar.controls.a\n`)).toEqual({
      id: 'UAR-002',
      line: 2,
    });
    // A rule-level block, or a block that is not YAML, is not a control id (OPA has its own words for the latter).
    expect(reservedId(`package uar.controls.a\n\n# METADATA\n# custom:\n#   id: UAR-003\nx := 1\n`)).toBeUndefined();
    expect(reservedId(`# METADATA\n# custom: [id: UAR-004\npackage uar.controls.a\n`)).toBeUndefined();
    expect(
      reservedId(`package uar.controls.a\n\n# METADATA\n# scope: package\n# custom:\n#   id: UAR-005\nx := 1\n`),
    ).toEqual({ id: 'UAR-005', line: 6 });
  });
});

describe('a custom control with a UAR- id', () => {
  const expectRefusal = (run: { code: number; stderr: string; stdout: string }) => {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /controls\/nested\/contractor_admin\.rego:4: custom\.id UAR-014: the UAR- prefix is reserved for uar-check's built-in controls .*own prefix, e.g\. ACME-001 .*--prefix ACME/,
    );
    expect(run.stderr).not.toMatch(/OPA|127\.0\.0\.1|internal error|\n\s+at /);
  };

  it('is refused by run before OPA or the API is used, with or without the built-ins', async () => {
    const out = join(repo, 'out');
    for (const extra of [[], ['--no-builtin'], ['--policy', 'builtin']]) {
      const run = await runCli(['run', '--policy', 'controls', ...extra, ...API, '--out-dir', out], {
        ...ENV,
        cwd: repo,
      });
      expectRefusal(run);
    }
  });

  it('is refused by build and test', async () => {
    expectRefusal(
      await runCli(['build', '--policy', 'controls', '--out', join(repo, 'b.tar.gz')], { ...ENV, cwd: repo }),
    );
    expectRefusal(await runCli(['test', '--policy', 'controls'], { ...ENV, cwd: repo }));
  });
});

describe('--sarif-anchor', () => {
  it('must name an existing file of the repository, checked before the API is called', async () => {
    const out = join(repo, 'out2');
    for (const [anchor, why] of [
      ['MISSING.md', 'no such file in the repository'],
      ['controls', 'not a regular file in the repository'],
      ['../elsewhere.md', 'not a file inside the repository'],
    ] as const) {
      const run = await runCli(['run', '--sarif-anchor', anchor, ...API, '--out-dir', out], { ...ENV, cwd: repo });
      expect(run.code).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`--sarif-anchor ${anchor}: ${why}`);
      expect(run.stderr).not.toMatch(/127\.0\.0\.1|internal error/);
    }
  });
});
