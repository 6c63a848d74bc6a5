import { appendFile, cp, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPolicies, findOpa, loadPolicies, type OpaBinary } from '../../src/engine/index.js';
import { PolicyError } from '../../src/errors.js';
import { makeDocument, makeOwner, makeUser } from '../helpers/document.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const NOW = new Date('2026-11-28T00:00:00Z');
let opa: OpaBinary;
let cacheDir: string;

beforeAll(async () => {
  opa = await findOpa();
  cacheDir = await mkdtemp(join(tmpdir(), 'uar-engine-'));
});

const load = (dir: string) => loadPolicies({ policyDirs: [dir], cacheDir, baseDir: FIXTURES, opa });

describe('engine', () => {
  it('compiles a policy directory into one bundle and evaluates every control in one pass', async () => {
    const policies = await load('valid');
    expect(policies.controls.map((c) => [c.id, c.name, c.severity, c.file, c.line])).toEqual([
      ['TST-001', 'stale-login', 'high', 'valid/stale_login.rego', 10],
      ['TST-002', 'owners', 'medium', 'valid/owners.rego', 6],
    ]);
    expect(policies.controls[0]?.frameworks).toEqual(['SOC 2 CC6.2']);
    const document = makeDocument({
      users: [
        makeOwner('old@acme.com', {
          identity: { status: 'active', mfa: 'enrolled', last_sign_in: '2026-01-01T00:00:00Z', sources: [] },
        }),
        makeOwner('new@acme.com', {
          identity: { status: 'active', mfa: 'enrolled', last_sign_in: '2026-11-01T00:00:00Z', sources: [] },
        }),
        makeUser('nobody@acme.com'),
      ],
    });
    const { outputs } = await policies.evaluate(document, { stale_days: 90 }, NOW);
    expect(outputs.get('TST-001')).toEqual({
      findings: [
        {
          subject: { type: 'user', id: 'id-old', email: 'old@acme.com' },
          message: 'old@acme.com last signed in 331 days ago',
          facts: { days: 331 },
        },
      ],
      unknown: [{ subject: { type: 'user', id: 'id-nobody' }, reason: 'no identity record' }],
      population: 3,
    });
    expect(outputs.get('TST-002')?.findings).toHaveLength(1);
  });

  it('names policy files outside the working directory by their folder, so SARIF paths do not move', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'uar-cwd-'));
    const policies = await loadPolicies({ policyDirs: [join(FIXTURES, 'valid')], cacheDir, baseDir: elsewhere, opa });
    expect(policies.controls.map((c) => c.file)).toEqual(['valid/stale_login.rego', 'valid/owners.rego']);
    expect(policies.policyFiles.map((f) => f.path)).toEqual(['valid/owners.rego', 'valid/stale_login.rego']);
  });

  it('uses the injected evaluation time for time.now_ns', async () => {
    const policies = await load('valid');
    const user = makeUser('a@acme.com', {
      identity: { status: 'active', mfa: 'enrolled', last_sign_in: '2026-01-01T00:00:00Z', sources: [] },
    });
    const document = makeDocument({ users: [user] });
    expect(
      (await policies.evaluate(document, { stale_days: 90 }, new Date('2026-02-01T00:00:00Z'))).outputs.get('TST-001')
        ?.findings,
    ).toEqual([]);
    expect(
      (await policies.evaluate(document, { stale_days: 90 }, new Date('2026-06-01T00:00:00Z'))).outputs.get('TST-001')
        ?.findings,
    ).toHaveLength(1);
  });

  it('reuses a cached bundle for unchanged policies and rebuilds after a change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-policies-'));
    await cp(join(FIXTURES, 'valid'), dir, { recursive: true });
    const options = { policyDirs: [dir], cacheDir, baseDir: dir, opa };
    const first = await buildPolicies(options);
    const second = await buildPolicies(options);
    expect(second).toEqual({ file: first.file, cached: true });
    await appendFile(join(dir, 'owners.rego'), '\n# a comment changes the hash\n');
    const third = await buildPolicies(options);
    expect(third.cached).toBe(false);
    expect(third.file).not.toBe(first.file);
  });

  it('fails the build of a policy using a builtin WASM cannot run, naming file and line', async () => {
    const error = await load('unsupported').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toMatch(
      /^policy build failed: unsupported\/uses_http\.rego:9: rego_type_error: undefined function uuid\.rfc4122.*only builtins that run in WASM/,
    );
  });

  it('rejects a control package without METADATA', async () => {
    await expect(load('no-metadata')).rejects.toThrow(
      /no-metadata\/bare\.rego: package uar\.controls\.bare has no package-level # METADATA/,
    );
  });

  it('makes a result of the wrong shape that control’s error, naming file and line', async () => {
    const policies = await load('bad-shape');
    const evaluation = await policies.evaluate(makeDocument({ users: [makeUser('a@acme.com')] }), {}, NOW);
    expect(evaluation.errors.get('TST-004')).toMatch(
      /^bad-shape\/strings\.rego:\d+: result has the wrong shape at findings\.0/,
    );
    expect(evaluation.outputs.has('TST-004')).toBe(false);
  });

  it('makes what the WASM SDK throws (a conflict) that control’s error, naming file and line', async () => {
    const policies = await load('conflict');
    const evaluation = await policies.evaluate(makeDocument({ users: [makeUser('a@acme.com')] }), {}, NOW);
    expect(evaluation.errors.get('TST-005')).toMatch(/conflict\/conflict\.rego:\d+:\d+: var assignment conflict/);
  });

  it('gives identical WASM bytes for identical policies, wherever they are built', async () => {
    const a = await mkdtemp(join(tmpdir(), 'uar-same-a-'));
    const b = await mkdtemp(join(tmpdir(), 'uar-same-b-'));
    const built = [];
    for (const base of [a, b]) {
      await cp(join(FIXTURES, 'valid'), join(base, 'controls'), { recursive: true });
      const cache = await mkdtemp(join(tmpdir(), 'uar-same-cache-'));
      built.push(await loadPolicies({ policyDirs: ['controls'], cacheDir: cache, baseDir: base, opa }));
    }
    expect(built[0]?.cached).toBe(false);
    expect(built[1]?.bundleSha256).toBe(built[0]?.bundleSha256);
  });

  it('reads the controls of a policy folder given as a symbolic link to it (none were read, and the run went on)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'uar-symlink-'));
    await cp(join(FIXTURES, 'valid'), join(base, 'real'), { recursive: true });
    await symlink(join(base, 'real'), join(base, 'controls'), 'dir');
    const policies = await loadPolicies({
      policyDirs: ['controls'],
      cacheDir: join(base, 'cache'),
      baseDir: base,
      opa,
    });
    expect(policies.controls.map((c) => [c.id, c.file])).toEqual([
      ['TST-001', 'controls/stale_login.rego'],
      ['TST-002', 'controls/owners.rego'],
    ]);
    const evaluation = await policies.evaluate(makeDocument({ users: [makeOwner('a@acme.com')] }), {}, NOW);
    expect([...evaluation.outputs.keys()].sort()).toEqual(['TST-001', 'TST-002']);
  });

  it('rebuilds a truncated cached bundle and rewrites a truncated capabilities file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uar-trunc-'));
    const cache = join(dir, 'cache');
    await cp(join(FIXTURES, 'valid'), join(dir, 'controls'), { recursive: true });
    const options = { policyDirs: ['controls'], cacheDir: cache, baseDir: dir, opa };
    const first = await buildPolicies(options);
    const bytes = await readFile(first.file);
    await writeFile(first.file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const [capabilities] = (await readdir(cache)).filter((f) => f.startsWith('capabilities-'));
    await writeFile(join(cache, capabilities as string), '{"builtins": [');
    const again = await buildPolicies(options);
    expect(again).toEqual({ file: first.file, cached: false });
    const policies = await loadPolicies(options);
    expect(policies.cached).toBe(true);
    expect(policies.controls.map((c) => c.id)).toEqual(['TST-001', 'TST-002']);
  });

  it('loads a prebuilt bundle with its control metadata', async () => {
    const built = await buildPolicies({ policyDirs: ['valid'], cacheDir, baseDir: FIXTURES, opa });
    const policies = await loadPolicies({ bundle: built.file, cacheDir, baseDir: FIXTURES });
    expect(policies.controls.map((c) => c.id)).toEqual(['TST-001', 'TST-002']);
    expect(policies.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(policies.opaVersion).toBe('1.22.3');
  });
});
