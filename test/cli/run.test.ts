import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookalike } from '../../src/lookalike/index.js';
import { validateEvidence, validateSarif } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE_CONFIG, EXAMPLE_NOW, EXAMPLE_TOKEN, startExample } from '../helpers/example.js';

let lookalike: Lookalike;
let tmp: string;
const env = { SEGMENT_PUBLIC_API_TOKEN: EXAMPLE_TOKEN };

beforeAll(async () => {
  lookalike = await startExample();
  tmp = await mkdtemp(join(tmpdir(), 'uar-cli-'));
});
afterAll(async () => {
  await lookalike.close();
});

const runArgs = (outDir: string, ...extra: string[]) => [
  'run',
  '--config',
  EXAMPLE_CONFIG,
  '--out-dir',
  outDir,
  '--now',
  EXAMPLE_NOW,
  ...extra,
];

/** The evidence without what legitimately differs between a live run and a snapshot run. */
async function comparableEvidence(dir: string) {
  const evidence = JSON.parse(await readFile(join(dir, 'evidence.json'), 'utf8'));
  delete evidence.obtained;
  delete evidence.provenance.source; // live: the look-alike's address; offline: the snapshot file
  evidence.inputs = evidence.inputs.filter((i: { kind: string }) => i.kind !== 'snapshot');
  return evidence;
}

describe('uar-check run', () => {
  it('gives the same evidence live against the look-alike and from the saved snapshot', async () => {
    const live = join(tmp, 'live');
    const first = await runCli(runArgs(live, '--api-url', lookalike.url), { env });
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(1); // the example triggers findings at or above "low"
    expect((await readdir(live)).sort()).toEqual([
      'access-list.csv',
      'evidence.json',
      'manifest.json',
      'report.html',
      'results.sarif',
      'snapshot.json',
      'summary.md',
    ]);
    expect(validateEvidence(await readFile(join(live, 'evidence.json'), 'utf8'))).toEqual({ valid: true, errors: [] });
    expect(validateSarif(await readFile(join(live, 'results.sarif'), 'utf8'))).toEqual({ valid: true, errors: [] });

    const offline = join(tmp, 'offline');
    const second = await runCli(runArgs(offline, '--snapshot', join(live, 'snapshot.json')));
    expect(second.code).toBe(1);
    const a = await comparableEvidence(live);
    const b = await comparableEvidence(offline);
    expect(b).toEqual(a);
    expect(JSON.parse(await readFile(join(offline, 'evidence.json'), 'utf8')).obtained).toBe('snapshot');

    // manifest.json ties the files to the run: verify passes, then fails after one byte of the access list changed
    const ok = await runCli(['verify', live]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: 6 files match manifest\.json/);
    const csv = join(live, 'access-list.csv');
    const bytes = await readFile(csv);
    bytes[100] = bytes[100] === 0x41 ? 0x42 : 0x41;
    await writeFile(csv, bytes);
    const changed = await runCli(['verify', live]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('CHANGED access-list.csv');
  });

  it('records where the data came from and the GitHub Actions run, never the token', async () => {
    const out = join(tmp, 'provenance');
    const github = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/access-reviews',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '3',
      GITHUB_WORKFLOW_REF: 'acme/access-reviews/.github/workflows/uar.yml@refs/heads/main',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_ACTOR: 'octocat',
      GITHUB_EVENT_NAME: 'schedule',
    };
    const run = await runCli(runArgs(out, '--api-url', lookalike.url), { env: { ...env, ...github } });
    expect(run.code).toBe(1);
    const evidence = JSON.parse(await readFile(join(out, 'evidence.json'), 'utf8'));
    expect(evidence.provenance.source).toMatchObject({ obtained: 'live', api_url: lookalike.url, api: 'other' });
    expect(evidence.provenance.source.description).toContain("which is not Segment's Public API");
    expect(evidence.provenance.ci).toMatchObject({
      run_url: 'https://github.com/acme/access-reviews/actions/runs/42/attempts/3',
      actor: 'octocat',
      event: 'schedule',
      sha: 'a'.repeat(40),
    });
    expect(evidence.provenance.tool.commit === null || /^[0-9a-f]{40}$/.test(evidence.provenance.tool.commit)).toBe(
      true,
    );
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).not.toContain('live API');
    expect(summary).toContain(`read live from ${lookalike.url}, which is not Segment's Public API`);
    expect(summary).toContain('https://github.com/acme/access-reviews/actions/runs/42/attempts/3');
    for (const file of await readdir(out)) {
      expect(await readFile(join(out, file), 'utf8'), file).not.toContain(EXAMPLE_TOKEN);
    }
  });

  it('writes byte-identical files on two runs with the same inputs', async () => {
    const fetched = join(tmp, 'fetched.json');
    expect((await runCli(['fetch', '--api-url', lookalike.url, '--out', fetched], { env })).code).toBe(0);
    const [one, two] = [join(tmp, 'one'), join(tmp, 'two')];
    await runCli(runArgs(one, '--snapshot', fetched));
    await runCli(runArgs(two, '--snapshot', fetched));
    for (const file of await readdir(one)) {
      expect(await readFile(join(two, file), 'utf8'), file).toBe(await readFile(join(one, file), 'utf8'));
    }
  });

  it('streams one format with --stdout and nothing else on stdout', async () => {
    const out = join(tmp, 'stdout');
    const run = await runCli(runArgs(out, '--api-url', lookalike.url, '--stdout', 'sarif', '--format', 'evidence'), {
      env,
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).version).toBe('2.1.0');
    expect(await readdir(out)).toEqual(['evidence.json', 'manifest.json']);
  });

  it('--baseline (a previous evidence file) reports access changes since then', async () => {
    const before = join(tmp, 'before');
    await runCli(runArgs(before, '--api-url', lookalike.url), { env });
    const evidence = JSON.parse(await readFile(join(before, 'evidence.json'), 'utf8'));
    const kate = evidence.access.users.find((u: { email: string }) => u.email === 'kate.brown@acme.com');
    evidence.access.users = evidence.access.users.filter((u: { email: string }) => u.email !== 'kate.brown@acme.com');
    const alice = evidence.access.users.find((u: { email: string }) => u.email === 'alice.nguyen@acme.com');
    alice.roles = alice.roles.filter((r: string) => r !== 'Workspace Owner');
    const baseline = join(tmp, 'baseline-evidence.json');
    await writeFile(baseline, JSON.stringify(evidence));

    const after = join(tmp, 'after');
    expect((await runCli(runArgs(after, '--api-url', lookalike.url, '--baseline', baseline), { env })).code).toBe(1);
    const changes = JSON.parse(await readFile(join(after, 'evidence.json'), 'utf8')).sections.changes;
    expect(changes.users_added.map((u: { email: string }) => u.email)).toEqual([kate.email]);
    expect(changes.access_changed).toEqual([
      expect.objectContaining({ email: 'alice.nguyen@acme.com', roles_granted: ['Workspace Owner'] }),
    ]);
    expect(await readFile(join(after, 'summary.md'), 'utf8')).toMatch(/kate\.brown@acme\.com/);
  });

  it('exit code follows --fail-on', async () => {
    const low = await runCli(runArgs(join(tmp, 'f1'), '--api-url', lookalike.url, '--fail-on', 'critical'), { env });
    expect(low.code).toBe(1); // the example has critical findings (owner without MFA, terminated)
    const snapshot = join(tmp, 'f1', 'snapshot.json');
    const clean = join(tmp, 'clean.json');
    const doc = JSON.parse(await readFile(snapshot, 'utf8'));
    await writeFile(clean, JSON.stringify({ ...doc, users: [], invites: [], groups: [], reviews: null }));
    const passing = await runCli(['run', '--snapshot', clean, '--out-dir', join(tmp, 'f2'), '--fail-on', 'low']);
    expect(passing.stdout).toMatch(/UNKNOWN UAR-013/); // no review decisions: unknown, not pass
    expect(passing.code).toBe(0);
    const strict = await runCli(['run', '--snapshot', clean, '--out-dir', join(tmp, 'f3'), '--fail-on-unknown']);
    expect(strict.code).toBe(1);
  });
});

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, () => string[], Record<string, string>, RegExp][] = [
    [
      'an unreadable snapshot',
      () => ['--snapshot', join(tmp, 'missing.json')],
      {},
      /missing\.json: no such file; check the path given to --snapshot/,
    ],
    [
      'a snapshot that is not JSON',
      () => ['--snapshot', 'README.md'],
      {},
      /README\.md:1:1: not valid JSON \(Unexpected character "#"\)/,
    ],
    [
      'a policy directory that does not compile',
      () => ['--snapshot', 'fixtures/example/segment-workspace.json', '--policy', 'test/engine/fixtures/unsupported'],
      {},
      /document_version|policy build failed/,
    ],
    [
      'a missing token',
      () => ['--api-url', 'http://127.0.0.1:9'],
      {},
      /no Segment token: SEGMENT_PUBLIC_API_TOKEN is not set/,
    ],
    [
      'a Config API token',
      () => ['--api-url', 'http://127.0.0.1:9'],
      { SEGMENT_PUBLIC_API_TOKEN: 'qiTgISif4zMr8.gg9ok4y2g' },
      /Config API token.*Public API/,
    ],
    [
      'an unreachable API URL',
      () => ['--api-url', 'http://127.0.0.1:9'],
      env,
      /GET \/: .*ECONNREFUSED.*check --api-url/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, caseEnv, message) => {
    const out = join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    const run = await runCli(['run', '--out-dir', out, ...args()], { env: caseEnv });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('an exception approved by its own subject (named by user id) is refused', async () => {
    const config = join(tmp, 'self-approved.yaml');
    await writeFile(
      config,
      'exceptions:\n  - control: UAR-002\n    subject: bObMaRt1N9xQ4wZ7kL2p3R\n    reason: trust me\n    approved_by: Bob.Martin@acme.com\n    expires: 2027-01-31\n',
    );
    const out = join(tmp, 'self');
    const run = await runCli(['run', '--api-url', lookalike.url, '--config', config, '--out-dir', out], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /self-approved\.yaml: exceptions\[0\]: approved_by Bob\.Martin@acme\.com is the exception's own subject/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a policy directory that does not compile names the file and line', async () => {
    const fetched = join(tmp, 'for-policy.json');
    await runCli(['fetch', '--api-url', lookalike.url, '--out', fetched], { env });
    const run = await runCli([
      'run',
      '--snapshot',
      fetched,
      '--policy',
      'test/engine/fixtures/unsupported',
      '--out-dir',
      join(tmp, 'nc'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^uar-check: policy build failed: test\/engine\/fixtures\/unsupported\/uses_http\.rego:9: .*uuid\.rfc4122/,
    );
  });
});

describe('other commands', () => {
  it('--help exits 0 and documents the exit codes', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 /);
    const runHelp = await runCli(['run', '--help']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toMatch(/--fail-on <severity>/);
  });

  it('schema prints the access document JSON Schema', async () => {
    const run = await runCli(['schema']);
    const schema = JSON.parse(run.stdout);
    expect(schema.properties.users.type).toBe('array');
    expect(schema.required).toContain('coverage');
  });

  it('build writes a bundle that run --bundle evaluates', async () => {
    const bundle = join(tmp, 'bundle.tar.gz');
    expect((await runCli(['build', '--out', bundle])).code).toBe(0);
    const run = await runCli(runArgs(join(tmp, 'bundled'), '--api-url', lookalike.url, '--bundle', bundle), { env });
    expect(run.code).toBe(1);
    const evidence = JSON.parse(await readFile(join(tmp, 'bundled', 'evidence.json'), 'utf8'));
    expect(evidence.controls).toHaveLength(13);
  });
});
