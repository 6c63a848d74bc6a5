/**
 * The action's run step (scripts/action-run.sh, the script action.yml calls) run locally against the Segment
 * look-alike on 127.0.0.1, with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE and RUNNER_TEMP in a temp
 * folder: outputs, job summary, exit code per fail-on level, failures (bad token, unreachable API, bad input),
 * the output folder's containment, and the token appearing in none of the log, the outputs, the summary or any
 * file written. Retries against an unreachable API use short injected timings (UAR_BACKOFF_MS).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lookalike, loadWorkspace, startLookalike } from '../../src/lookalike/index.js';
import { parseCommands } from './github-commands.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'action-run.sh');
const CLI = join(ROOT, 'dist', 'cli', 'bin.js');
const TOKEN = `sgp_uarActionTest${randomBytes(12).toString('hex')}`;
const BAD_TOKEN = `sgp_uarWrongToken${randomBytes(12).toString('hex')}`;
const RUN_TIMEOUT = 300_000; // the first run may build the pinned OPA and compile the policies
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
type Severity = (typeof SEVERITIES)[number];
const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

interface Control {
  id: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'unknown' | 'error' | 'skipped';
  findings: unknown[];
}
interface Evidence {
  complete: boolean;
  workspace: { slug: string };
  controls: Control[];
  inputs: { kind: string; file: string }[];
}
/** Every key action-run.sh writes, on every path. */
const OUTPUT_KEYS = [
  'exit-code',
  'verdict',
  'fail-on',
  'output-dir',
  'evidence',
  'sarif',
  'summary',
  'workspace',
  'failing-controls',
  'findings',
  'unknown-controls',
  'error-controls',
  'complete',
  'sarif-category',
  'artifact-name',
  'artifact-files',
  'baseline-run',
];
/** The outputs of a run that failed: every key, empty but the verdict, the exit code and the checked fail-on. */
const failedOutputs = (failOn = ''): Record<string, string> => ({
  ...Object.fromEntries(OUTPUT_KEYS.map((k) => [k, ''])),
  'exit-code': '2',
  verdict: 'error',
  'fail-on': failOn,
});

interface Run {
  code: number | null;
  /** The step's log: the script sends everything to stdout (one pipe keeps the stop-commands fence in order). */
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  root: string;
  workspace: string;
}

let lookalike: Lookalike;
let base: string;
let cacheDir: string;
const roots: string[] = [];

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  base = await mkdtemp(join(tmpdir(), 'uar-action-run-'));
  cacheDir = join(base, 'cache');
  lookalike = await startLookalike({
    workspace: await loadWorkspace(join(ROOT, 'fixtures', 'example', 'segment-workspace.json')),
    token: TOKEN,
    port: 0,
    maxSeconds: 600,
  });
}, RUN_TIMEOUT);

afterAll(async () => {
  await lookalike?.close();
  if (base) {
    // The bundle cache the runs shared never holds the token either.
    await expectNoToken(cacheDir);
    await rm(base, { recursive: true, force: true });
  }
});

/** GITHUB_OUTPUT's format: key=value lines and key<<DELIMITER … DELIMITER blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      out[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** The environment of a runner step: nothing inherited from a real GitHub job, the inputs we pass. */
function stepEnv(root: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|INPUT_|RUNNER_|SEGMENT_)/.test(key)) continue;
    if (key.startsWith('UAR_') && key !== 'UAR_OPA') continue;
    env[key] = value;
  }
  return {
    ...env,
    GITHUB_WORKSPACE: join(root, 'workspace'),
    GITHUB_OUTPUT: join(root, 'github', 'output'),
    GITHUB_STEP_SUMMARY: join(root, 'github', 'step-summary'),
    RUNNER_TEMP: join(root, 'runner-temp'),
    UAR_CACHE_DIR: cacheDir,
    UAR_ACTION_PATH: ROOT,
    UAR_BACKOFF_MS: '1,5', // retries against an unreachable API in milliseconds, not seconds
    ...inputs,
  };
}

/** A fresh runner folder: the workspace holds a copy of the example's config and input files. */
async function runStep(inputs: Record<string, string>, prepare?: (workspace: string) => Promise<void>): Promise<Run> {
  const root = await mkdtemp(join(base, 'step-'));
  roots.push(root);
  const workspace = join(root, 'workspace');
  await mkdir(join(root, 'github'), { recursive: true });
  await mkdir(join(root, 'runner-temp'), { recursive: true });
  await cp(join(ROOT, 'fixtures', 'example'), join(workspace, 'fixtures', 'example'), { recursive: true });
  await writeFile(join(root, 'github', 'output'), '');
  await writeFile(join(root, 'github', 'step-summary'), '');
  await prepare?.(workspace);
  const env = stepEnv(root, inputs);
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        'bash',
        [SCRIPT],
        { cwd: workspace, env, timeout: RUN_TIMEOUT, maxBuffer: 16 << 20 },
        (error, out, err) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: out, stderr: err });
        },
      );
    },
  );
  const run: Run = {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(join(root, 'github', 'output'), 'utf8')),
    summary: await readFile(join(root, 'github', 'step-summary'), 'utf8'),
    root,
    workspace,
  };
  expect(stdout + stderr).not.toContain(TOKEN);
  expect(stdout + stderr).not.toContain(BAD_TOKEN);
  expect(stderr, 'everything goes to stdout').toBe('');
  // Every output key, each once, on every path.
  const keys = (await readFile(join(root, 'github', 'output'), 'utf8'))
    .split('\n')
    .map((l) => /^([\w-]+)(=|<<)/.exec(l)?.[1])
    .filter(Boolean);
  expect(keys.sort()).toEqual([...OUTPUT_KEYS].sort());
  await expectNoToken(root);
  return run;
}

/** No file under `dir` (outputs, summary, evidence, snapshot, temp files…) contains either token. */
async function expectNoToken(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    expect(bytes.includes(TOKEN), `the token is in ${path}`).toBe(false);
    expect(bytes.includes(BAD_TOKEN), `the wrong token is in ${path}`).toBe(false);
  }
}

const readEvidence = async (run: Run): Promise<Evidence> =>
  JSON.parse(await readFile(run.outputs.evidence ?? '', 'utf8')) as Evidence;

/** What --fail-on should give on this evidence (the CLI's rule: open findings or errors at or above the level). */
function expectedExit(evidence: Evidence, failOn: Severity, failOnUnknown = false): 0 | 1 {
  if (failOnUnknown && !evidence.complete) return 1;
  const failing = evidence.controls.some(
    (c) =>
      RANK[c.severity] >= RANK[failOn] &&
      c.status !== 'skipped' &&
      (c.findings.length > 0 || c.status === 'error' || (failOnUnknown && c.status === 'unknown')),
  );
  return failing ? 1 : 0;
}

const live = (inputs: Record<string, string>) => ({
  SEGMENT_PUBLIC_API_TOKEN: TOKEN,
  INPUT_API_URL: lookalike.url,
  ...inputs,
});

describe('scripts/action-run.sh against the Segment look-alike', () => {
  it(
    'full example (config with identity, HR and reviews): outputs, job summary, exit 1 at fail-on low',
    async () => {
      const run = await runStep(live({ INPUT_CONFIG: 'fixtures/example/uar-check.yaml', INPUT_FAIL_ON: 'low' }));
      expect(run.code, run.stdout).toBe(1);

      const out = join(run.workspace, 'uar-evidence');
      expect(run.outputs).toMatchObject({
        'output-dir': out,
        evidence: join(out, 'evidence.json'),
        sarif: join(out, 'results.sarif'),
        summary: join(out, 'summary.md'),
        workspace: 'acme-analytics',
        'sarif-category': 'uar-check/acme-analytics/',
        'artifact-name': 'uar-evidence-acme-analytics',
        'exit-code': '1',
        verdict: 'fail',
        'fail-on': 'low',
      });
      // Only the files the run wrote are uploaded, one path per line.
      expect((run.outputs['artifact-files'] ?? '').split('\n').sort()).toEqual(
        [
          'access-list.csv',
          'evidence.json',
          'manifest.json',
          'report.html',
          'results.sarif',
          'snapshot.json',
          'summary.md',
        ].map((f) => join(out, f)),
      );
      for (const file of ['evidence.json', 'results.sarif', 'summary.md', 'access-list.csv', 'snapshot.json']) {
        expect(existsSync(join(out, file)), file).toBe(true);
      }

      const evidence = await readEvidence(run);
      const failing = evidence.controls.filter((c) => c.status === 'fail');
      const findings = evidence.controls.reduce((n, c) => n + c.findings.length, 0);
      expect(failing.length).toBeGreaterThan(0);
      expect(run.outputs['failing-controls']).toBe(String(failing.length));
      expect(run.outputs.findings).toBe(String(findings));
      expect(run.outputs['unknown-controls']).toBe(
        String(evidence.controls.filter((c) => c.status === 'unknown').length),
      );
      expect(run.outputs.complete).toBe('true');
      expect(expectedExit(evidence, 'low')).toBe(1);

      // The identity, HR and review files named in the config were read (relative to GITHUB_WORKSPACE).
      expect(evidence.inputs.map((i) => i.kind)).toEqual(expect.arrayContaining(['identity', 'hr', 'reviews']));

      // The job summary is summary.md, as written.
      const summary = await readFile(join(out, 'summary.md'), 'utf8');
      expect(run.summary).toBe(summary);
      expect(run.summary).toContain('acme-analytics');
      expect(run.summary).toMatch(/FAIL/);

      // The SARIF is the one to upload, with the category the output names.
      const sarif = JSON.parse(await readFile(join(out, 'results.sarif'), 'utf8')) as {
        runs: { automationDetails: { id: string }; results: unknown[] }[];
      };
      expect(sarif.runs[0]?.automationDetails.id).toBe('uar-check/acme-analytics/');
      expect(sarif.runs[0]?.results.length).toBe(findings);

      // The compact summary goes to the log.
      expect(run.stdout).toContain('UAR-');
    },
    RUN_TIMEOUT,
  );

  it(
    'explicit inputs: builtin policy, identity lines, HR, reviews, output dir, category and artifact name; deferred exit',
    async () => {
      const run = await runStep(
        live({
          INPUT_POLICY: ' builtin \n',
          INPUT_IDENTITY:
            '\n  fixtures/example/identity/okta-users.json\nfixtures/example/identity/okta-factors.json  \n\n',
          INPUT_HR: 'fixtures/example/hr-roster.csv',
          INPUT_REVIEWS: 'fixtures/example/reviews.yaml',
          INPUT_FAIL_ON: 'critical',
          INPUT_FAIL_ON_UNKNOWN: 'false',
          INPUT_OUTPUT_DIR: 'out/evidence',
          INPUT_SARIF_CATEGORY: 'uar-check/acme-custom',
          INPUT_ARTIFACT_NAME: 'acme-evidence',
          UAR_DEFER_EXIT: 'true',
        }),
      );
      expect(run.code, run.stdout).toBe(0); // deferred: the action's last step fails the job
      const out = join(run.workspace, 'out', 'evidence');
      expect(run.outputs.evidence).toBe(join(out, 'evidence.json'));
      expect(isAbsolute(run.outputs['output-dir'] ?? '')).toBe(true);
      expect(run.outputs['sarif-category']).toBe('uar-check/acme-custom/');
      expect(run.outputs['artifact-name']).toBe('acme-evidence');
      expect(run.stdout).toContain(`--policy ${join(ROOT, 'policies')}`);

      const evidence = await readEvidence(run);
      const expected = expectedExit(evidence, 'critical');
      expect(run.outputs['exit-code']).toBe(String(expected));
      expect(run.outputs.verdict).toBe(expected === 1 ? 'fail' : 'pass');
      const files = evidence.inputs.map((i) => i.file.replace(/\\/g, '/'));
      for (const file of ['identity/okta-users.json', 'identity/okta-factors.json', 'hr-roster.csv', 'reviews.yaml']) {
        expect(
          files.some((f) => f.endsWith(file)),
          `${file} in ${files.join(', ')}`,
        ).toBe(true);
      }
    },
    RUN_TIMEOUT,
  );

  describe('exit code per fail-on level, on the example without identity data', () => {
    const evidenceByLevel = new Map<Severity, Evidence>();

    for (const level of SEVERITIES) {
      it(
        `fail-on ${level}`,
        async () => {
          const run = await runStep(live({ INPUT_FAIL_ON: level }));
          const evidence = await readEvidence(run);
          evidenceByLevel.set(level, evidence);
          const expected = expectedExit(evidence, level);
          expect(run.code, run.stdout).toBe(expected);
          expect(run.outputs['exit-code']).toBe(String(expected));
          expect(run.outputs.verdict).toBe(expected === 1 ? 'fail' : 'pass');
          // Without identity data the critical controls cannot decide (unknown, never pass) and only the
          // workspace-level ones fail: owners above the limit (medium), direct owner grants (low).
          if (level === 'critical') expect(run.code).toBe(0);
          if (level === 'low') expect(run.code).toBe(1);
        },
        RUN_TIMEOUT,
      );
    }

    it(
      'fail-on-unknown makes the undecided critical controls fail',
      async () => {
        const run = await runStep(live({ INPUT_FAIL_ON: 'critical', INPUT_FAIL_ON_UNKNOWN: 'TRUE' }));
        const evidence = await readEvidence(run);
        expect(evidence.controls.some((c) => c.severity === 'critical' && c.status === 'unknown')).toBe(true);
        expect(expectedExit(evidence, 'critical', true)).toBe(1);
        expect(run.code, run.stdout).toBe(1);
        expect(run.outputs.verdict).toBe('fail');
        expect(Number(run.outputs['unknown-controls'])).toBeGreaterThan(0);
      },
      RUN_TIMEOUT,
    );
  });

  it(
    'a wrong token: exit 2, verdict error, no outputs from an older run, the error in the job summary',
    async () => {
      const run = await runStep(
        { SEGMENT_PUBLIC_API_TOKEN: BAD_TOKEN, INPUT_API_URL: lookalike.url, INPUT_FAIL_ON: 'low' },
        async (workspace) => {
          // Files left by last week's run must not be reported, summarised or uploaded as this run's.
          const old = join(workspace, 'uar-evidence');
          await mkdir(old, { recursive: true });
          for (const name of ['evidence.json', 'results.sarif', 'summary.md']) {
            await writeFile(join(old, name), '{}');
            await utimes(join(old, name), new Date('2026-01-01'), new Date('2026-01-01'));
          }
        },
      );
      expect(run.code).toBe(2);
      expect(run.outputs).toEqual(failedOutputs('low'));
      expect(run.summary).toMatch(/^## uar-check: the run failed/);
      expect(run.summary).toMatch(/401|token/i);
      expect(run.stdout).toMatch(/401|token/i);
    },
    RUN_TIMEOUT,
  );

  it(
    'an unreachable API: exit 2 and verdict error, deferred or not',
    async () => {
      const port = await closedPort();
      const inputs = { SEGMENT_PUBLIC_API_TOKEN: TOKEN, INPUT_API_URL: `http://127.0.0.1:${port}` };
      const run = await runStep(inputs);
      expect(run.code).toBe(2);
      expect(run.outputs).toEqual(failedOutputs('high'));
      expect(run.summary).toContain('the run failed');
      expect(run.stdout).toMatch(/failed after \d+ attempts/);

      const deferred = await runStep({ ...inputs, UAR_DEFER_EXIT: 'true' });
      expect(deferred.code).toBe(0);
      expect(deferred.outputs).toEqual(failedOutputs('high'));
    },
    RUN_TIMEOUT,
  );

  it('bad inputs: exit 2 and verdict error before calling the API', async () => {
    const requests = () => Object.values(lookalike.counts()).reduce((a, b) => a + b, 0);
    const before = requests();
    const cases: [Record<string, string>, string][] = [
      [{ INPUT_FAIL_ON: 'severe' }, ''],
      [{ INPUT_FAIL_ON_UNKNOWN: 'yes' }, 'high'],
      [{ INPUT_REGION: 'apac', INPUT_API_URL: '' }, 'high'],
    ];
    for (const [inputs, failOn] of cases) {
      const run = await runStep(live(inputs));
      expect(run.code, JSON.stringify(inputs)).toBe(2);
      expect(run.outputs).toEqual(failedOutputs(failOn));
      expect(run.stdout).toMatch(/::error title=uar-check::(fail-on|fail-on-unknown|region): expected/);
      expect(run.summary).toMatch(/^## uar-check: the run failed/);
      // The value is shown as a code span in the job summary.
      expect(run.summary).toContain(`got \`${Object.values(inputs)[0]}\``);
    }
    expect(requests()).toBe(before);
  });

  it('output-dir: only a new or uar-check-owned folder inside the workspace or RUNNER_TEMP', async () => {
    const requests = () => Object.values(lookalike.counts()).reduce((a, b) => a + b, 0);
    const before = requests();
    const refused: [string, RegExp, ((workspace: string) => Promise<void>)?][] = [
      ['.', /inside the workspace \(not the workspace itself\)/],
      ['./', /inside the workspace/],
      ['../x', /inside the workspace/],
      ['sub/../..', /inside the workspace/],
      ['/etc/uar', /inside the workspace/],
      ['fixtures', /holds files uar-check does not write \(example\)/],
      ['escape', /inside the workspace/, async (ws) => symlink(tmpdir(), join(ws, 'escape'))],
      ['fixtures/example/hr-roster.csv', /expected a folder/],
      ['a\nb', /one line without control characters/],
    ];
    for (const [dir, message, prepare] of refused) {
      const run = await runStep(live({ INPUT_OUTPUT_DIR: dir }), prepare);
      expect(run.code, dir).toBe(2);
      expect(run.outputs).toEqual(failedOutputs('high'));
      expect(run.stdout, dir).toMatch(/::error title=uar-check::output-dir: /);
      expect(run.stdout, dir).toMatch(message);
    }
    expect(requests()).toBe(before);
  });

  it('a step that stops unexpectedly (no scratch folder) still writes every output, as a failed run', async () => {
    const run = await runStep(live({ RUNNER_TEMP: join(base, 'no-such-folder', 'runner-temp') }));
    expect(run.code).toBe(2);
    expect(run.outputs).toEqual(failedOutputs('high'));
    expect(run.stdout).toMatch(/^::error title=uar-check::the run step stopped unexpectedly \(status \d+\)$/m);
    expectOnlyOwnCommands(run, false);
  });

  it(
    'a missing token: exit 2 and verdict error',
    async () => {
      const run = await runStep({ INPUT_API_URL: lookalike.url });
      expect(run.code).toBe(2);
      expect(run.outputs.verdict).toBe('error');
      expect(run.stdout).toMatch(/SEGMENT_PUBLIC_API_TOKEN|token/);
    },
    RUN_TIMEOUT,
  );
});

/**
 * A GitHub REST API look-alike for the baseline lookup: this run (id 900) of workflow 7 on main, two earlier runs
 * (the newer one without artifacts, like a run that failed before uploading) and the artifacts of the older one;
 * the artifact's zip answers with a redirect to storage, as GitHub does. Records each request and its token.
 */
async function startGitHub(zip: Buffer | null) {
  const seen: { path: string; authorization: string | undefined }[] = [];
  const json = (res: import('node:http').ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createHttpServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: url.pathname, authorization: req.headers.authorization });
    const path = url.pathname;
    if (path === '/repos/acme/compliance/actions/runs/900')
      return json(res, { id: 900, workflow_id: 7, head_branch: 'main' });
    if (path === '/repos/acme/compliance/actions/workflows/7/runs')
      return json(res, {
        workflow_runs: [
          { id: 900, created_at: '2026-11-30T05:23:00Z' },
          { id: 100, created_at: '2026-11-16T05:23:00Z' },
          { id: 101, created_at: '2026-11-23T05:23:00Z' },
        ],
      });
    if (path === '/repos/acme/compliance/actions/runs/101/artifacts') return json(res, { artifacts: [] });
    if (path === '/repos/acme/compliance/actions/runs/100/artifacts')
      return json(res, {
        artifacts: zip
          ? [
              { id: 554, name: 'uar-evidence-acme-analytics', expired: false, created_at: '2026-11-16T05:30:00Z' },
              {
                id: 555,
                name: 'uar-evidence-acme-analytics-attempt-2',
                expired: false,
                created_at: '2026-11-16T06:30:00Z',
              },
              { id: 556, name: 'uar-evidence-acme-analytics-eu', expired: false, created_at: '2026-11-16T07:30:00Z' },
              {
                id: 557,
                name: 'uar-evidence-acme-analytics-attempt-3',
                expired: true,
                created_at: '2026-11-16T08:30:00Z',
              },
            ]
          : [],
      });
    if (path === '/repos/acme/compliance/actions/artifacts/555/zip') {
      res.writeHead(302, { location: '/storage/555.zip?sig=abc' });
      return res.end();
    }
    if (path === '/storage/555.zip' && zip) {
      res.writeHead(200, { 'content-type': 'application/zip' });
      return res.end(zip);
    }
    res.writeHead(404);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('scripts/action-run.sh: the baseline from the previous run, and artifact names across attempts', () => {
  const GH_TOKEN = `ghs_uarTest${randomBytes(12).toString('hex')}`;
  const github = (url: string, inputs: Record<string, string> = {}) =>
    live({
      GITHUB_API_URL: url,
      GITHUB_REPOSITORY: 'acme/compliance',
      GITHUB_RUN_ID: '900',
      UAR_GITHUB_TOKEN: GH_TOKEN,
      INPUT_ARTIFACT_NAME: 'uar-evidence-acme-analytics',
      INPUT_FAIL_ON: 'critical',
      ...inputs,
    });

  it(
    'finds the last run that uploaded this workspace’s artifact and uses its snapshot as --baseline',
    async () => {
      // The earlier review saw the workspace without grace: this run shows her as added.
      const dir = await mkdtemp(join(base, 'baseline-'));
      // (asynchronously: the look-alike answers from this process)
      await promisify(execFile)(
        process.execPath,
        [CLI, 'fetch', '--api-url', lookalike.url, '--out', join(dir, 'full.json')],
        {
          env: { ...process.env, SEGMENT_PUBLIC_API_TOKEN: TOKEN },
        },
      );
      const doc = JSON.parse(await readFile(join(dir, 'full.json'), 'utf8')) as { users: { email: string }[] };
      doc.users = doc.users.filter((u) => u.email !== 'grace.hopper@acme.com');
      await writeFile(join(dir, 'snapshot.json'), JSON.stringify(doc));
      await promisify(execFile)('zip', ['-q', '-j', join(dir, 'artifact.zip'), join(dir, 'snapshot.json')]);
      const gh = await startGitHub(await readFile(join(dir, 'artifact.zip')));
      const run = await runStep(github(gh.url, { GITHUB_RUN_ATTEMPT: '2', UAR_DEFER_EXIT: 'true' }));
      expect(run.code).toBe(0);
      expect(run.outputs['exit-code']).toMatch(/^[01]$/);
      expect(run.outputs['baseline-run']).toBe('100');
      expect(run.outputs['artifact-name']).toBe('uar-evidence-acme-analytics-attempt-2');
      expect(run.stdout).toContain('uar-check: baseline: uar-evidence-acme-analytics-attempt-2 of run 100');
      const evidence = await readEvidence(run);
      expect(evidence.inputs.map((i) => i.kind)).toContain('baseline');
      expect(run.summary).toContain('Access changes since the last review');
      expect(run.summary).toMatch(/New users:\s+- grace\.hopper@acme\.com/);
      // The job token went to the API only, never to the storage the redirect named, and was printed nowhere.
      for (const request of gh.seen)
        expect(request.authorization, request.path).toBe(
          request.path.startsWith('/storage/') ? undefined : `Bearer ${GH_TOKEN}`,
        );
      expect(run.stdout).not.toContain(GH_TOKEN);
      expect(await readFile(join(run.root, 'github', 'output'), 'utf8')).not.toContain(GH_TOKEN);
      await gh.close();
    },
    RUN_TIMEOUT,
  );

  it(
    'no earlier artifact, or no API at all: a notice, and the review runs without a baseline',
    async () => {
      const gh = await startGitHub(null);
      try {
        const run = await runStep(github(gh.url, { UAR_DEFER_EXIT: 'true' }));
        expect(run.outputs['exit-code']).toMatch(/^[01]$/);
        expect(run.outputs['baseline-run']).toBe('');
        expect(run.outputs['artifact-name']).toBe('uar-evidence-acme-analytics');
        expect(run.stdout).toContain(
          '::notice title=uar-check::no baseline, so no changes since the last review: no earlier run of this workflow on this branch has an unexpired artifact uar-evidence-acme-analytics (looked at 2 runs)',
        );
        expect(run.summary).not.toContain('Access changes since the last review');
      } finally {
        await gh.close();
      }
      const offline = await runStep(github(`http://127.0.0.1:${await closedPort()}`, { UAR_DEFER_EXIT: 'true' }));
      expect(offline.outputs['exit-code']).toMatch(/^[01]$/);
      expect(offline.stdout).toMatch(
        /::notice title=uar-check::no baseline, so no changes since the last review: cannot reach the GitHub API/,
      );
      // Outside GitHub Actions (no token, no repository) and with baseline off: a notice, or nothing at all.
      const local = await runStep(live({ INPUT_FAIL_ON: 'critical', UAR_DEFER_EXIT: 'true' }));
      expect(local.stdout).toMatch(/::notice title=uar-check::no baseline, .*not a GitHub Actions job/);
      const off = await runStep(live({ INPUT_FAIL_ON: 'critical', UAR_DEFER_EXIT: 'true', INPUT_BASELINE: 'false' }));
      expect(off.stdout).not.toMatch(/baseline/);
    },
    RUN_TIMEOUT,
  );

  it('refuses a bad audit-days, retention-days or baseline before calling anything', async () => {
    for (const [inputs, message] of [
      [{ INPUT_AUDIT_DAYS: 'ninety' }, 'audit-days: expected a whole number of days (1 or more), got "ninety"'],
      [{ INPUT_RETENTION_DAYS: '401' }, 'retention-days: expected 1 to 400 days'],
      [{ INPUT_BASELINE: 'yes' }, 'baseline: expected true or false, got "yes"'],
    ] as const) {
      const run = await runStep(live(inputs));
      expect(run.code).toBe(2);
      expect(run.outputs).toEqual(failedOutputs('high'));
      expect(run.stdout).toContain(`::error title=uar-check::${message}`);
    }
  });
});

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * What an attacker who controls Segment's answers (or an input) would print: every workflow-command form the
 * runner knows, forged outputs aimed at the upload steps, line breaks of every kind.
 */
const COMMANDS = [
  '::add-mask::FAIL',
  '::set-output name=output-dir::/etc',
  '::set-output name=sarif::/etc/passwd',
  '::set-output name=artifact-name::pwned',
  '##[error]forged',
  '::stop-commands::pwn',
  '::error file=x::forged',
  '::add-path::/tmp/evil',
];
const HOSTILE = `x\n${COMMANDS.join('\n')}\r::warning::cr\u2028::notice::ls ##[warning]inline`;

/**
 * The log makes the runner obey only the script's own commands: one stop-commands fence around the CLI (closed
 * again; none when the inputs were refused before the CLI ran), and `::error`/`::warning`/`::notice` lines titled
 * uar-check (the notice: no baseline); no mask, no set-output, nothing else.
 */
function expectOnlyOwnCommands(run: Run, cliRan = true): void {
  const log = parseCommands(run.stdout);
  expect(log.stopped, 'command processing resumed').toBe(false);
  expect(log.masks).toEqual([]);
  expect(log.outputs).toEqual({});
  const fences = log.all.filter((c) => c.name === 'stop-commands');
  expect(fences.map((c) => c.line)).toEqual(
    cliRan ? [expect.stringMatching(/^::stop-commands::uar[0-9a-f]{32}$/)] : [],
  );
  const end = fences[0]?.data ?? '';
  for (const c of log.all) {
    if (c === fences[0] || c.name === end) continue;
    expect(c.line, 'only our own errors, warnings and notices').toMatch(/^::(error|warning|notice) title=uar-check::/);
  }
  if (cliRan) expect(log.all.map((c) => c.name)).toContain(end);
  // The outputs the upload steps read are the script's: inside the workspace, or empty.
  for (const key of ['output-dir', 'evidence', 'sarif', 'summary']) {
    const value = run.outputs[key] ?? '';
    if (value) expect(value.startsWith(`${run.workspace}/`), `${key}=${value}`).toBe(true);
  }
  for (const path of (run.outputs['artifact-files'] ?? '').split('\n').filter(Boolean)) {
    expect(path.startsWith(`${run.outputs['output-dir']}/`), path).toBe(true);
  }
}

describe('scripts/action-run.sh against a hostile Segment', () => {
  let hostile: Lookalike;
  let proxy: Server | undefined;

  beforeAll(async () => {
    const ws = await loadWorkspace(join(ROOT, 'fixtures', 'example', 'segment-workspace.json'));
    hostile = await startLookalike({
      workspace: { ...ws, workspace: { ...ws.workspace, name: `Acme ${HOSTILE}` } },
      token: TOKEN,
      port: 0,
      maxSeconds: 600,
    });
  });
  afterAll(async () => {
    await hostile?.close();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  });

  it(
    'a workspace name carrying workflow commands: shown on one line, never obeyed; no output forged',
    async () => {
      const run = await runStep(
        live({ INPUT_API_URL: hostile.url, INPUT_FAIL_ON: 'low', INPUT_CONFIG: 'fixtures/example/uar-check.yaml' }),
      );
      expect(run.code, run.stdout).toBe(1);
      expectOnlyOwnCommands(run);
      // The CLI printed the name (sanitised: one line, `::` and `##[` broken).
      expect(run.stdout).toContain('Acme x : :add-mask: :FAIL : :set-output name=output-dir: :/etc');
      expect(run.stdout).toContain('# #[warning]inline');
      expect(run.outputs['output-dir']).toBe(join(run.workspace, 'uar-evidence'));
      expect(run.outputs['artifact-name']).toBe('uar-evidence-acme-analytics');
    },
    RUN_TIMEOUT,
  );

  it(
    'an error message carrying workflow commands: the run fails (exit 2), nothing obeyed, nothing uploaded',
    async () => {
      // Segment's own envelope, answered for the user list: the client quotes its message in the error.
      proxy = await refusingProxy(lookalike.url, '/users', 403, `::set-output name=sarif::/etc/passwd\n${HOSTILE}`);
      const address = proxy.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const run = await runStep(live({ INPUT_API_URL: url, INPUT_FAIL_ON: 'low' }));
      expect(run.code).toBe(2);
      expectOnlyOwnCommands(run);
      expect(run.outputs).toEqual(failedOutputs('low'));
      expect(run.stdout).toMatch(
        /HTTP 403.*Segment said: forbidden: : :set-output name=sarif: :\/etc\/passwd x : :add-mask/,
      );
      expect(run.summary).toMatch(/^## uar-check: the run failed/);
    },
    RUN_TIMEOUT,
  );

  it(
    'an audit-trail refusal whose message carries workflow commands: recorded in the evidence, never obeyed',
    async () => {
      const ws = await loadWorkspace(join(ROOT, 'fixtures', 'example', 'segment-workspace.json'));
      const refusing = await startLookalike({
        workspace: ws,
        token: TOKEN,
        port: 0,
        maxSeconds: 600,
        variants: { auditRefused: { status: 403, type: 'forbidden', message: HOSTILE } },
      });
      try {
        const run = await runStep(live({ INPUT_API_URL: refusing.url, INPUT_AUDIT_DAYS: '30', INPUT_FAIL_ON: 'low' }));
        expect(run.code, run.stdout).toBe(1);
        expectOnlyOwnCommands(run);
        // Recorded as it was said in the evidence (a file, not the log).
        expect(await readFile(run.outputs.evidence ?? '', 'utf8')).toContain('add-mask::FAIL');
      } finally {
        await refusing.close();
      }
    },
    RUN_TIMEOUT,
  );

  it(
    'a slug carrying workflow commands: refused as not a Segment slug (exit 2), nothing obeyed, nothing uploaded',
    async () => {
      const ws = await loadWorkspace(join(ROOT, 'fixtures', 'example', 'segment-workspace.json'));
      const bad = await startLookalike({
        workspace: { ...ws, workspace: { ...ws.workspace, slug: `acme${HOSTILE}` } },
        token: TOKEN,
        port: 0,
        maxSeconds: 600,
      });
      try {
        const run = await runStep(live({ INPUT_API_URL: bad.url }));
        expect(run.code).toBe(2);
        expectOnlyOwnCommands(run);
        expect(run.outputs).toEqual(failedOutputs('high'));
        expect(run.stdout).toMatch(/data\.workspace\.slug: not a Segment workspace slug/);
        expect(run.stdout).not.toMatch(/^::add-mask::/m);
      } finally {
        await bad.close();
      }
    },
    RUN_TIMEOUT,
  );

  it('inputs carrying workflow commands: refused or shown sanitised, never obeyed', async () => {
    for (const [inputs, cliRan] of [
      [{ INPUT_REGION: `us${HOSTILE}`, INPUT_API_URL: '' }, false],
      [{ INPUT_FAIL_ON: `high\n::add-mask::FAIL` }, false],
      [{ INPUT_FAIL_ON_UNKNOWN: `##[error]x` }, false],
      [{ INPUT_OUTPUT_DIR: `out\n::set-output name=output-dir::/etc` }, false],
      [{ INPUT_API_URL: `http://127.0.0.1:1/${HOSTILE}` }, true],
      [{ INPUT_API_URL: lookalike.url, INPUT_HR: `missing${HOSTILE}` }, true],
    ] as const) {
      const run = await runStep({ SEGMENT_PUBLIC_API_TOKEN: TOKEN, ...inputs });
      expect(run.code, JSON.stringify(inputs)).toBe(2);
      expectOnlyOwnCommands(run, cliRan);
      expect(run.stdout).toMatch(/: :add-mask: :FAIL|# #\[error\]x|: :set-output/);
      expect(run.summary).not.toMatch(/^::|##\[/m);
    }
  });
});

/** A server on 127.0.0.1 that answers `path` with Segment's error envelope and forwards everything else. */
async function refusingProxy(target: string, path: string, status: number, message: string): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (url.pathname === path) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ type: 'forbidden', message }] }));
      return;
    }
    fetch(url, { headers: { authorization: req.headers.authorization ?? '' } })
      .then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
