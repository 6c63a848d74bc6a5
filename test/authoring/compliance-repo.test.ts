/**
 * A compliance team's own repository, as a new user has it: no clone of uar-check, only the npm package. The
 * package is packed (`npm pack`) and installed with npm from a lockfile (`npm ci --offline`: the dependencies come
 * from npm's cache, where this repository's `npm ci` put them). In that repository the README's commands for own
 * controls run as written (`npx uar-check new-control … --prefix ACME`, `npx uar-check test --policy controls/`),
 * then `run` on a snapshot of the example workspace with and without the built-ins, and with a control that
 * fails at run time: the built-ins keep their normal status, the broken control is `error` with its file:line,
 * exit 2 (README, Exit codes), and every SARIF location is a file of the compliance repository.
 *
 * Needs dist/ built (`npm test` builds first) and OPA for the custom policies (found as the engine finds it).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOpa } from '../../src/engine/opa-binary.js';
import type { Lookalike } from '../../src/lookalike/index.js';
import { EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const CONFIG = 'fixtures/example/uar-check.yaml'; // the team's config, copied with its input files
const STEP = 180_000;

let tmp: string;
let repo: string;
let env: NodeJS.ProcessEnv;
let lookalike: Lookalike | undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(command: string, extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  return exec('sh', ['-c', command], { cwd: repo, env: { ...env, ...extra }, timeout: STEP }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: Run) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** The installed CLI, as `npx uar-check` runs it. */
const uarCheck = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  sh(['npx', 'uar-check', ...args].map((a) => `'${a}'`).join(' '), extra);

/** npm's lockfile for the compliance repository: the packed uar-check and this repository's runtime dependencies. */
async function lockfile(tarball: string) {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8'));
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(join(repo, tarball)))
    .digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'acme-compliance', dependencies: { 'uar-check': `file:${tarball}` } },
    'node_modules/uar-check': {
      version: pkg.version,
      resolved: `file:${tarball}`,
      integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) {
    if (path && !entry.dev) packages[path] = entry;
  }
  return { name: 'acme-compliance', lockfileVersion: 3, requires: true, packages };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'uar-compliance-'));
  repo = join(tmp, 'acme-compliance');
  await mkdir(repo);
  const packed = await exec('npm', ['pack', '--ignore-scripts', '--pack-destination', repo], {
    cwd: ROOT,
    timeout: STEP,
  });
  const tarball = packed.stdout.trim().split('\n').pop() ?? '';
  expect(tarball).toMatch(/^uar-check-.*\.tgz$/);
  await writeFile(
    join(repo, 'package.json'),
    `${JSON.stringify({ name: 'acme-compliance', private: true, dependencies: { 'uar-check': `file:${tarball}` } }, null, 2)}\n`,
  );
  await writeFile(join(repo, 'package-lock.json'), `${JSON.stringify(await lockfile(tarball), null, 2)}\n`);
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: repo, timeout: STEP });

  // The team's inputs (config, identity exports, HR roster, reviews) and a README, nothing of uar-check's source.
  await cp(join(ROOT, 'fixtures/example'), join(repo, 'fixtures/example'), { recursive: true });
  await writeFile(join(repo, 'README.md'), '# ACME access reviews\n');
  const opa = await findOpa();
  env = {
    PATH: [join(repo, 'node_modules', '.bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
    HOME: tmp,
    UAR_CACHE_DIR: join(tmp, 'cache'),
    UAR_OPA: opa.path,
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };

  // A snapshot of the example workspace, fetched with the installed CLI from the local Segment look-alike.
  lookalike = await startExample();
  const fetched = await uarCheck(['fetch', '--api-url', lookalike.url, '--out', 'snapshot.json'], {
    SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN,
  });
  await lookalike.close();
  lookalike = undefined;
  expect(fetched.stderr).not.toMatch(/error/i);
  expect(fetched.code).toBe(0);
}, 600_000);

afterAll(async () => {
  await lookalike?.close();
});

interface Evidence {
  controls: { id: string; status: string; error?: string | null }[];
}
interface Sarif {
  runs: {
    invocations: { executionSuccessful: boolean }[];
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

const outputs = async (dir: string) => ({
  evidence: JSON.parse(await readFile(join(repo, dir, 'evidence.json'), 'utf8')) as Evidence,
  sarif: JSON.parse(await readFile(join(repo, dir, 'results.sarif'), 'utf8')) as Sarif,
});
const statuses = (evidence: Evidence) => Object.fromEntries(evidence.controls.map((c) => [c.id, c.status]));
const builtins = (evidence: Evidence) =>
  Object.fromEntries(evidence.controls.filter((c) => c.id.startsWith('UAR-')).map((c) => [c.id, c.status]));

/** Every SARIF location is a file of the compliance repository (relative, inside it, not under node_modules). */
function expectLocationsInRepo(sarif: Sarif): string[] {
  const uris = new Set<string>();
  for (const result of sarif.runs[0]?.results ?? []) {
    for (const location of result.locations) {
      const uri = location.physicalLocation.artifactLocation.uri;
      expect(isAbsolute(uri) || uri.startsWith('..') || uri.includes('node_modules'), uri).toBe(false);
      expect(existsSync(join(repo, uri)), `${uri} exists in the compliance repository`).toBe(true);
      expect(location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      uris.add(uri);
    }
  }
  return [...uris].sort();
}

/** The README's own-controls commands, as written (`npx uar-check …` in "Add your team's own policies"). */
function readmeCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf("### Add your team's own policies"));
  const end = section.indexOf('\n### ', 5);
  const text = end > 0 ? section.slice(0, end) : section;
  return [...text.matchAll(/`(npx uar-check [^`]+)`/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ' '));
}

let normal: Record<string, string>;

describe('a compliance repository with uar-check installed from its npm package', () => {
  it('holds the package, not a clone (the premise)', async () => {
    expect(existsSync(join(repo, 'node_modules/uar-check/bundle/builtin.tar.gz'))).toBe(true);
    expect(existsSync(join(repo, 'node_modules/uar-check/policies/lib/fixtures_test.rego'))).toBe(true);
    expect((await readdir(repo)).sort()).toEqual(
      expect.arrayContaining(['fixtures', 'node_modules', 'package-lock.json', 'package.json', 'snapshot.json']),
    );
    expect(existsSync(join(repo, 'src'))).toBe(false);
    expect(existsSync(join(repo, 'policies'))).toBe(false);
  });

  it("runs the README's commands for own controls as written: new-control with --prefix ACME, then test", async () => {
    const commands = readmeCommands();
    expect(commands).toEqual([
      'npx uar-check new-control contractor-admin --dir controls/ --prefix ACME',
      'npx uar-check test --policy controls/',
    ]);
    const scaffold = await sh(commands[0] as string);
    expect(scaffold).toMatchObject({ code: 0, stderr: '' });
    expect(scaffold.stdout).toBe(
      'Created ACME-001: controls/contractor_admin.rego, controls/contractor_admin_test.rego\n',
    );
    expect(await readFile(join(repo, 'controls/contractor_admin.rego'), 'utf8')).toContain('#   id: ACME-001');
    const test = await sh(commands[1] as string);
    expect(test.stderr).toBe('');
    expect(test.stdout).toMatch(/^opa test: \d+\/\d+ passed/);
    expect(test.stdout).toContain('controls/contractor_admin_test.rego');
    expect(test.stdout).toContain('opa check --strict (WASM builtins, document schema): ok');
    expect(test.code).toBe(0);
  });

  it('runs the built-in controls alone from the precompiled bundle (no OPA used)', async () => {
    const run = await uarCheck(
      ['run', '--snapshot', 'snapshot.json', '--config', CONFIG, '--out-dir', 'out/builtin', '--now', EXAMPLE_NOW],
      { UAR_OPA: join(tmp, 'no-such-opa') },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the example workspace has findings
    const { evidence, sarif } = await outputs('out/builtin');
    normal = builtins(evidence);
    expect(Object.keys(normal)).toHaveLength(13);
    expect(Object.values(normal)).not.toContain('error');
    expect(evidence.controls).toHaveLength(13);
    // With --config, a built-in control's alerts point at the config file.
    expect(expectLocationsInRepo(sarif)).toEqual([CONFIG]);
  });

  it('runs its own controls with the built-ins, and alone with --no-builtin', async () => {
    await mkdir(join(repo, 'more-controls'), { recursive: true });
    await writeFile(
      join(repo, 'more-controls/owner_listed.rego'),
      `# METADATA
# title: Owner listed
# description: Every Workspace Owner, so the team sees its owners as alerts.
# custom:
#   id: ACME-003
#   severity: low
package uar.controls.owner_listed

import data.uar.lib

population := count(lib.owners)

findings contains {"subject": lib.user_subject(u), "message": sprintf("%s is a Workspace Owner", [u.email]), "facts": {}} if {
	some u in lib.owners
}

unknown := set()
`,
    );
    const both = await uarCheck([
      'run',
      '--snapshot',
      'snapshot.json',
      '--config',
      CONFIG,
      '--policy',
      'controls/',
      '--policy',
      'more-controls/',
      '--out-dir',
      'out/both',
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(both.stderr).toBe('');
    expect(both.code).toBe(1);
    const withOwn = await outputs('out/both');
    expect(builtins(withOwn.evidence)).toEqual(normal);
    expect(statuses(withOwn.evidence)).toMatchObject({ 'ACME-001': 'pass', 'ACME-003': 'fail' });
    const uris = expectLocationsInRepo(withOwn.sarif);
    expect(uris).toEqual([CONFIG, 'more-controls/owner_listed.rego']);
    const own = withOwn.sarif.runs[0]?.results.find((r) => r.ruleId === 'ACME-003');
    expect(own?.locations[0]?.physicalLocation.region.startLine).toBe(7); // the line of `package`

    const alone = await uarCheck([
      'run',
      '--snapshot',
      'snapshot.json',
      '--config',
      CONFIG,
      '--no-builtin',
      '--policy',
      'controls/',
      '--policy',
      'more-controls/',
      '--out-dir',
      'out/own',
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(alone.code).toBe(1); // ACME-003 fails at low
    const onlyOwn = await outputs('out/own');
    expect(statuses(onlyOwn.evidence)).toEqual({ 'ACME-001': 'pass', 'ACME-003': 'fail' });
    expect(expectLocationsInRepo(onlyOwn.sarif)).toEqual(['more-controls/owner_listed.rego']);
  });

  it('keeps the built-ins’ evidence when one of its controls errors at run time: that one is error, exit 2', async () => {
    await mkdir(join(repo, 'broken'), { recursive: true });
    await writeFile(
      join(repo, 'broken/owner_count.rego'),
      `# METADATA
# title: Owner count
# description: A conflict in a complete rule, which only shows when evaluated.
# custom:
#   id: ACME-002
#   severity: high
package uar.controls.owner_count

population := count(input.users)

population := 42 if count(input.users) > 0

findings := set()

unknown := set()
`,
    );
    const run = await uarCheck([
      'run',
      '--snapshot',
      'snapshot.json',
      '--config',
      CONFIG,
      '--policy',
      'controls/',
      '--policy',
      'more-controls/',
      '--policy',
      'broken/',
      '--out-dir',
      'out/broken',
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^uar-check: ACME-002 could not be evaluated: .*broken\/owner_count\.rego:\d+/m);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    const { evidence, sarif } = await outputs('out/broken');
    expect(builtins(evidence)).toEqual(normal);
    expect(statuses(evidence)).toMatchObject({ 'ACME-001': 'pass', 'ACME-002': 'error', 'ACME-003': 'fail' });
    expect(evidence.controls.find((c) => c.id === 'ACME-002')?.error).toMatch(/broken\/owner_count\.rego:\d+/);
    expect(sarif.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
    expect(expectLocationsInRepo(sarif)).toEqual([CONFIG, 'more-controls/owner_listed.rego']);
    for (const file of ['access-list.csv', 'manifest.json', 'snapshot.json', 'summary.md'])
      expect(existsSync(join(repo, 'out/broken', file)), file).toBe(true);
  });

  it('needs no OPA and no Go for the built-ins; its own controls say in one line that OPA is needed', async () => {
    const { UAR_OPA: _opa, ...rest } = env;
    const noOpa = { ...rest, PATH: [join(repo, 'node_modules', '.bin'), dirname(process.execPath)].join(delimiter) };
    const which = await exec('sh', ['-c', 'command -v go || command -v opa || echo none'], { env: noOpa });
    expect(which.stdout.trim()).toBe('none'); // the premise
    const run = (args: string[]) =>
      exec('sh', ['-c', ['npx', 'uar-check', ...args].map((a) => `'${a}'`).join(' ')], {
        cwd: repo,
        env: { ...noOpa, UAR_CACHE_DIR: join(tmp, 'empty-cache') },
        timeout: STEP,
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: Run) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const common = ['run', '--snapshot', 'snapshot.json', '--config', CONFIG, '--now', EXAMPLE_NOW];
    const builtin = await run([...common, '--out-dir', 'out/no-opa']);
    expect(builtin.stderr).toBe('');
    expect(builtin.code).toBe(1);
    expect(builtins((await outputs('out/no-opa')).evidence)).toEqual(normal);
    const custom = await run([...common, '--policy', 'controls/', '--out-dir', 'out/no-opa-custom']);
    expect(custom.code).toBe(2);
    expect(custom.stderr.trim().split('\n')).toHaveLength(1);
    expect(custom.stderr).toMatch(/OPA v1\.22\.3 is needed to compile custom policies.*UAR_OPA/);
    expect(existsSync(join(repo, 'out/no-opa-custom/evidence.json'))).toBe(false);
  });

  it("runs policies/README's commands and its worked example as written, also without the built-ins", async () => {
    const guide = readFileSync(join(ROOT, 'policies/README.md'), 'utf8');
    const first = /```\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const commands = first
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual([
      'uar-check new-control contractor-admin --dir my-policies/ --prefix ACME',
      'uar-check test --policy my-policies/',
      'uar-check schema > document.schema.json',
    ]);
    for (const command of commands) {
      const run = await sh(command);
      expect(run.stderr, command).toBe('');
      expect(run.code, command).toBe(0);
    }
    expect(JSON.parse(await readFile(join(repo, 'document.schema.json'), 'utf8'))).toHaveProperty('properties');

    // §9: the two files it shows, written over the scaffold as a team would, then tested and run.
    const worked = guide.slice(guide.indexOf('## 9. A worked example'));
    const files = [...worked.matchAll(/`(my-policies\/[a-z_]+\.rego)`:\n\n```rego\n([\s\S]*?)```/g)];
    expect(files.map((m) => m[1])).toEqual([
      'my-policies/contractor_admin.rego',
      'my-policies/contractor_admin_test.rego',
    ]);
    for (const m of files) await writeFile(join(repo, m[1] as string), m[2] as string);
    expect(await readFile(join(repo, 'my-policies/contractor_admin.rego'), 'utf8')).toContain('worker_type');
    for (const flags of [[], ['--no-builtin']]) {
      const test = await uarCheck(['test', ...flags, '--policy', 'my-policies/']);
      expect(test.stdout).toMatch(/^opa test: \d+\/\d+ passed/);
      expect(test.stdout).toContain('my-policies/contractor_admin_test.rego');
      expect(test.code, flags.join(' ')).toBe(0);
    }
    // §8's lines, with `opa` on PATH as the team would have it.
    const testing = guide.slice(guide.indexOf('## 8. Testing'), guide.indexOf('## 9. A worked example'));
    const lines = (/```\n([\s\S]*?)```/.exec(testing)?.[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(lines).toHaveLength(4);
    const bin = join(tmp, 'bin');
    await mkdir(bin, { recursive: true });
    await symlink(env.UAR_OPA as string, join(bin, 'opa')).catch(() => undefined);
    for (const line of lines) {
      const result = await sh(line, { PATH: `${bin}${delimiter}${env.PATH}` });
      expect(result.stderr, line).toBe('');
      expect(result.code, line).toBe(0);
      if (line.startsWith('opa test')) expect(result.stdout).toMatch(/PASS: \d+\/\d+/);
    }
    const run = await uarCheck([
      'run',
      '--snapshot',
      'snapshot.json',
      '--config',
      CONFIG,
      '--policy',
      'my-policies/',
      '--out-dir',
      'out/worked',
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(run.stderr).toBe('');
    const { evidence, sarif } = await outputs('out/worked');
    expect(builtins(evidence)).toEqual(normal);
    expect(['pass', 'fail', 'unknown']).toContain(statuses(evidence)['ACME-001']);
    expectLocationsInRepo(sarif);
  });

  it('points the built-ins’ alerts at --sarif-anchor when there is no config file', async () => {
    const run = await uarCheck([
      'run',
      '--snapshot',
      'snapshot.json',
      '--sarif-anchor',
      'README.md',
      '--out-dir',
      'out/anchor',
      '--now',
      EXAMPLE_NOW,
    ]);
    expect(run.stderr).toBe('');
    expect(expectLocationsInRepo((await outputs('out/anchor')).sarif)).toEqual(['README.md']);
  });
});
