/**
 * Structural checks of action.yml and the workflows that actionlint cannot make: the composite's inputs and
 * outputs, pinned third-party actions, the token's path (masked first, then only through env), the upload and
 * fail steps, the scheduled example's permissions and matrix, CI's steps, and CODEOWNERS.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const actionText = read('action.yml');
const action = parse(actionText) as Action;
const steps = action.runs.steps;
const workflowFiles = readdirSync(join(ROOT, '.github', 'workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);

/** Every `${{ … }}` expression in a text. */
const expressions = (text: string) => [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] ?? '');
/** Every string in a parsed YAML value, with its path. */
function strings(value: unknown, path: string[] = []): { path: string[]; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}
const stepIndex = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);

describe('action.yml', () => {
  it('is a composite action whose run steps all say their shell', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    for (const step of steps) {
      if (step.run !== undefined) expect(step.shell, `step ${step.name}`).toBe('bash');
      expect(step.name, 'every step has a name for the log').toBeTruthy();
    }
  });

  it('declares the inputs the issue asks for, with the documented defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        'api-url',
        'artifact-name',
        'audit-days',
        'baseline',
        'builtin',
        'config',
        'fail-on',
        'fail-on-unknown',
        'github-token',
        'hr',
        'identity',
        'identity-format',
        'node-version',
        'output-dir',
        'policy',
        'region',
        'retention-days',
        'reviews',
        'sarif-category',
        'token',
        'upload-artifact',
        'upload-sarif',
      ].sort(),
    );
    expect(action.inputs.token?.required).toBe(true);
    expect(action.inputs.token?.default).toBeUndefined();
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toMatchObject({
      policy: '',
      region: 'us',
      'fail-on': 'high',
      'fail-on-unknown': 'false',
      'output-dir': 'uar-evidence',
      'upload-sarif': 'true',
      'sarif-category': '',
      'upload-artifact': 'true',
      'artifact-name': '',
      'node-version': '20',
      'retention-days': '',
      'audit-days': '',
      baseline: 'true',
      builtin: 'true',
      'github-token': '${{ github.token }}',
    });
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
  });

  it('uses only declared inputs, and every declared input is used', () => {
    // `${{ }}` expressions anywhere, plus `if:` conditions (expressions without the braces).
    const all = [...expressions(actionText), ...steps.map((s) => s.if ?? '')];
    const used = new Set(all.flatMap((e) => [...e.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1] ?? '')));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('refers only to steps that exist earlier, and its outputs are ones the run script writes', () => {
    const script = read('scripts/action-run.sh');
    steps.forEach((step, index) => {
      for (const { value } of strings(step)) {
        for (const m of value.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
          const target = stepIndex((s) => s.id === m[1]);
          expect(target, `step ${step.name} refers to steps.${m[1]}`).toBeGreaterThanOrEqual(0);
          expect(target, `step ${step.name} refers to a later step ${m[1]}`).toBeLessThan(index);
        }
      }
    });
    expect(Object.keys(action.outputs)).toEqual(
      expect.arrayContaining(['evidence', 'sarif', 'failing-controls', 'findings', 'verdict']),
    );
    // The script writes every key of OUTPUT_KEYS on every path (test/action/action-run.test.ts checks that).
    const keys = /^OUTPUT_KEYS=\(([^)]*)\)/m.exec(script)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value, name).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect(keys, `action-run.sh writes ${name}`).toContain(name);
    }
  });

  it('pins every third-party action by a full commit SHA with a version comment', () => {
    for (const file of ['action.yml', ...workflowFiles]) {
      for (const line of read(file).split('\n')) {
        const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!m) continue;
        const [, ref = '', rest = ''] = m;
        if (ref.startsWith('./')) continue;
        expect(ref, `${file}: ${line.trim()}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(rest, `${file}: ${line.trim()} needs a "# vX" comment`).toMatch(/^\s+#\s*v\d+(\.\d+)*\s*$/);
      }
    }
  });

  it('masks the token in its first step, before anything else runs', () => {
    const first = steps[0];
    expect(first?.run).toContain('::add-mask::');
    expect(first?.env).toEqual({ UAR_TOKEN: '${{ inputs.token }}' });
    expect(first?.run).toMatch(/exit 2/); // an empty token stops here
  });

  it('passes the token only through env, never on a command line, and interpolates nothing into scripts', () => {
    const places = strings(action.runs).filter((s) => s.value.includes('inputs.token'));
    expect(places.length).toBeGreaterThan(0);
    for (const { path, value } of places) {
      expect(path[0]).toBe('steps');
      expect(path[2], `inputs.token at ${path.join('.')}`).toBe('env');
      expect(value).toBe('${{ inputs.token }}');
    }
    for (const step of steps) {
      if (step.run !== undefined)
        expect(step.run, `step ${step.name}: use env, not \${{ }} in run`).not.toContain('${{');
      for (const [key, value] of Object.entries(step.with ?? {})) {
        expect(String(value), `step ${step.name} with.${key}`).not.toContain('inputs.token');
      }
    }
    const run = steps[stepIndex((s) => s.id === 'run')];
    expect(run?.env?.SEGMENT_PUBLIC_API_TOKEN).toBe('${{ inputs.token }}');
    expect(run?.run?.trim()).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-run.sh"');
    // No step echoes the token's variables except the mask step.
    for (const step of steps.slice(1)) {
      expect(step.run ?? '', `step ${step.name}`).not.toMatch(/\$\{?(UAR_TOKEN|SEGMENT_PUBLIC_API_TOKEN)\b/);
    }
  });

  it('sets up Node and the pinned OPA, installs with npm ci, and caches keyed on the pins', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe('${{ inputs.node-version }}');
    const go = steps.find((s) => s.uses?.startsWith('actions/setup-go@'));
    expect(go?.with?.['go-version-file']).toBe('${{ github.action_path }}/tools/opa/go.mod');
    const install = steps.find((s) => s.run?.includes('npm ci'));
    expect(install?.['working-directory']).toBe('${{ github.action_path }}');
    const opa = steps[stepIndex((s) => s.id === 'opa')];
    expect(opa?.['working-directory']).toBe('${{ github.action_path }}/tools/opa');
    expect(opa?.run).toContain('go tool opa version');
    const caches = steps.filter((s) => s.uses?.startsWith('actions/cache@'));
    expect(caches.map((c) => c.with?.key)).toEqual(
      expect.arrayContaining([expect.stringContaining('steps.keys.outputs.opa')]),
    );
    // Only verifiable things are restored: Go modules (go mod verify checks them before OPA is built), never Go's
    // build cache, whose compiled OPA nothing could check.
    for (const cache of caches) expect(cache.with?.path ?? '').not.toMatch(/gocache/i);
    expect(steps[stepIndex((s) => s.id === 'keys')]?.run).not.toContain('GOCACHE');
    const opaScript = opa?.run ?? '';
    expect(opaScript).toContain('go mod verify');
    expect(opaScript.indexOf('go mod verify')).toBeLessThan(opaScript.indexOf('go tool opa'));
    expect(steps[stepIndex((s) => s.id === 'keys')]?.run).toContain('tools/opa/go.sum');
    expect(stepIndex((s) => s.id === 'opa')).toBeGreaterThan(
      stepIndex((s) => s.uses?.startsWith('actions/cache@') ?? false),
    );
  });

  it('sets up Go and OPA only when `policy` lists a directory of the team’s own controls', () => {
    const decide = stepIndex((s) => s.id === 'policies');
    expect(decide).toBeGreaterThan(0);
    expect(steps[decide]?.env).toEqual({ INPUT_POLICY: '${{ inputs.policy }}' });
    const custom = "steps.policies.outputs.custom == 'true'";
    const go = stepIndex((s) => s.uses?.startsWith('actions/setup-go@') ?? false);
    const modules = stepIndex((s) => s.with?.key?.includes('steps.keys.outputs.opa') ?? false);
    const opa = stepIndex((s) => s.id === 'opa');
    for (const index of [go, modules, opa]) {
      expect(index, steps[index]?.name).toBeGreaterThan(decide);
      expect(steps[index]?.if, steps[index]?.name).toBe(custom);
    }
    // No other step uses Go or OPA (the cache keys read Go only for custom controls: run below without Go).
    for (const step of steps) {
      if (step.if === custom || step.id === 'policies' || step.id === 'keys') continue;
      expect(step.uses ?? '', step.name).not.toMatch(/setup-go|setup-opa/);
      expect(step.run ?? '', step.name).not.toMatch(/\bgo (tool|mod|env)\b/);
    }
    expect(steps[stepIndex((s) => s.id === 'run')]?.env?.UAR_OPA).toBe('${{ steps.opa.outputs.path }}');

    // The decision itself, run as the runner would: only the word `builtin` (or nothing) means no OPA.
    const decideScript = steps[decide]?.run ?? '';
    const decideFor = (policy: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'uar-policies-step-'));
      const output = join(dir, 'output');
      writeFileSync(output, '');
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', decideScript], {
        env: { PATH: process.env.PATH, INPUT_POLICY: policy, GITHUB_OUTPUT: output },
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(output, 'utf8').trim();
    };
    expect(decideFor('')).toBe('custom=false');
    expect(decideFor('builtin')).toBe('custom=false');
    expect(decideFor('  builtin\n\n builtin  ')).toBe('custom=false');
    expect(decideFor('controls/')).toBe('custom=true');
    expect(decideFor('builtin\ncontrols/')).toBe('custom=true');
    expect(decideFor('builtin team-a/ team-b/')).toBe('custom=true');

    // The cache keys need no Go when there are no custom controls (Go is then not set up).
    const keysScript = steps[stepIndex((s) => s.id === 'keys')]?.run ?? '';
    const keysFor = (customPolicies: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'uar-keys-step-'));
      const output = join(dir, 'output');
      writeFileSync(output, '');
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', keysScript], {
        env: {
          PATH: dirname(process.execPath),
          HOME: dir,
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_OUTPUT: output,
          UAR_CUSTOM_POLICIES: customPolicies,
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(output, 'utf8');
    };
    const keys = keysFor('false');
    expect(keys).toMatch(/^npm=[0-9a-f]{64}$/m);
    expect(keys).not.toMatch(/^(opa|gomodcache)=/m);
  });

  it('uploads SARIF and the evidence whatever the verdict, then fails the job per fail-on in its last step', () => {
    const run = stepIndex((s) => s.id === 'run');
    const sarif = stepIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') ?? false);
    const artifact = stepIndex((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
    const last = steps.length - 1;
    expect(run).toBeGreaterThan(0);
    expect(sarif).toBeGreaterThan(run);
    expect(artifact).toBeGreaterThan(run);
    expect(steps[run]?.env?.UAR_DEFER_EXIT).toBe('true');

    // A failed run (verdict error) uploads nothing.
    expect(steps[sarif]?.if).toBe(
      "always() && inputs.upload-sarif == 'true' && steps.run.outputs.verdict != 'error' && steps.run.outputs.sarif != ''",
    );
    expect(steps[sarif]?.with).toEqual({
      sarif_file: '${{ steps.run.outputs.sarif }}',
      category: '${{ steps.run.outputs.sarif-category }}',
    });
    expect(steps[artifact]?.if).toBe(
      "always() && inputs.upload-artifact == 'true' && steps.run.outputs.verdict != 'error' && steps.run.outputs.artifact-files != ''",
    );
    // The files the run wrote, never the whole output folder.
    expect(steps[artifact]?.with).toMatchObject({
      name: '${{ steps.run.outputs.artifact-name }}',
      path: '${{ steps.run.outputs.artifact-files }}',
    });

    expect(last).toBeGreaterThan(Math.max(sarif, artifact));
    expect(steps[last]?.if).toMatch(/^always\(\)/);
    expect(steps[last]?.env?.UAR_EXIT_CODE).toBe('${{ steps.run.outputs.exit-code }}');
    // The level the run script checked, not the raw input (which could hold a line break and a command).
    expect(steps[last]?.env?.UAR_FAIL_ON).toBe('${{ steps.run.outputs.fail-on }}');
    expect(steps[last]?.run).toMatch(/exit 1/);
    expect(steps[last]?.run).toMatch(/exit 2/);
  });

  it('its mask step masks every line of the token, escaped, and stops on an empty one', () => {
    const mask = steps[0]?.run ?? '';
    const run = (token: string) =>
      spawnSync('bash', ['-euo', 'pipefail', '-c', mask], {
        env: { PATH: process.env.PATH, UAR_TOKEN: token },
        encoding: 'utf8',
      });
    expect(run('sgp_one').stdout).toBe('::add-mask::sgp_one\n');
    const ok = run('sgp_first\nsecond-line');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('::add-mask::sgp_first\n::add-mask::second-line\n::add-mask::sgp_first%0Asecond-line\n');
    // The runner unescapes %25, %0D and %0A in a command's data: escaped, the mask is the token's exact text.
    expect(run('sgp_50%0Aoff').stdout).toBe('::add-mask::sgp_50%250Aoff\n');
    // CR splits log lines too (a token pasted from Windows): each part masked, and the whole.
    expect(run('sgp_a\r\n').stdout).toBe('::add-mask::sgp_a\n::add-mask::sgp_a%0D%0A\n');
    const empty = run(' \n ');
    expect(empty.status).toBe(2);
    expect(empty.stdout).toMatch(/^::error title=uar-check::the token input is empty/);
  });

  it("its last step exits with the run step's code, 0, 1 or 2", () => {
    const fail = steps[steps.length - 1]?.run ?? '';
    for (const [code, expected] of [
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['134', 2],
    ] as const) {
      const run = spawnSync('bash', ['-euo', 'pipefail', '-c', fail], {
        env: { PATH: process.env.PATH, UAR_EXIT_CODE: code, UAR_FAIL_ON: 'high', UAR_FINDINGS: '3' },
        encoding: 'utf8',
      });
      expect(run.status, `exit-code ${code}`).toBe(expected);
      if (expected !== 0) expect(run.stdout).toMatch(/^::error title=uar-check::/);
    }
  });

  it('ships an executable run script', () => {
    expect(() => accessSync(join(ROOT, 'scripts', 'action-run.sh'), constants.X_OK)).not.toThrow();
    expect(read('scripts/action-run.sh')).toMatch(/^#!\/usr\/bin\/env bash\n[\s\S]*^set -euo pipefail$/m);
  });
});

describe('.github/workflows/uar-review.yml (the scheduled example)', () => {
  const wf = parse(read('.github/workflows/uar-review.yml')) as {
    on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
    permissions: unknown;
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<
      string,
      {
        permissions: Record<string, string>;
        environment: string;
        strategy: { 'fail-fast': boolean; matrix: { include: Record<string, string>[] } };
        steps: Step[];
      }
    >;
  };
  const job = wf.jobs.review;

  it('runs weekly and by hand, one run at a time', () => {
    expect(wf.on.schedule).toHaveLength(1);
    expect(wf.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \* \* [0-6]$/); // one day a week
    expect('workflow_dispatch' in wf.on).toBe(true);
    expect(wf.concurrency.group).toBeTruthy();
    expect(wf.concurrency['cancel-in-progress']).toBe(false);
  });

  it('grants nothing at the top and only what the review needs to its job', () => {
    expect(wf.permissions).toEqual({});
    expect(Object.keys(wf.jobs)).toEqual(['review', 'rollup', 'keep-evidence']);
    expect(job?.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    expect(wf.jobs.rollup?.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs['keep-evidence']?.permissions).toEqual({ contents: 'write' });
  });

  it('rolls every workspace up after the reviews, and keeps the evidence on a branch only when asked', () => {
    const jobs = wf.jobs as unknown as Record<string, { needs: string; if: string; steps: Step[] }>;
    for (const name of ['rollup', 'keep-evidence']) {
      expect(jobs[name]?.needs).toBe('review');
      expect(jobs[name]?.if).toMatch(/^\$\{\{ !cancelled\(\)/); // also after reviews that found something
      const download = jobs[name]?.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'));
      expect(download?.with).toEqual({ pattern: 'uar-evidence-*', path: 'evidence' });
    }
    expect(jobs.rollup?.steps.at(-2)?.run).toContain('rollup "${files[@]}"');
    expect(jobs['keep-evidence']?.if).toContain("vars.UAR_KEEP_EVIDENCE == 'true'"); // off by default
    expect(jobs['keep-evidence']?.steps.at(-1)?.run).toBe('bash .uar-check/scripts/keep-evidence.sh evidence');
    const review = job?.steps.find((s) => s.uses === './');
    expect(review?.with?.['retention-days']).toBe(90);
  });

  it('reviews several workspaces, each in its own environment with one secret, and its own SARIF category', () => {
    const include = job?.strategy.matrix.include ?? [];
    expect(include.length).toBeGreaterThanOrEqual(2);
    expect(new Set(include.map((w) => w.workspace)).size).toBe(include.length);
    expect(job?.strategy['fail-fast']).toBe(false);
    // One environment per workspace holds its token: the job names one secret, never the whole secrets context.
    expect(job?.environment).toBe('uar-${{ matrix.workspace }}');
    const review = job?.steps.find((s) => s.uses === './');
    expect(review?.with?.token).toBe('${{ secrets.SEGMENT_TOKEN }}');
    const code = read('.github/workflows/uar-review.yml').replace(/#.*$/gm, '');
    expect(code).not.toMatch(/secrets\[|toJSON\(\s*secrets/);
    expect(review?.with?.['sarif-category']).toBe('uar-check/${{ matrix.workspace }}/');
    expect(review?.with?.['artifact-name']).toContain('${{ matrix.workspace }}');
  });

  it('passes the action only inputs it declares, and every required one', () => {
    for (const workflowFile of workflowFiles) {
      const parsed = parse(read(workflowFile)) as { jobs: Record<string, { steps: Step[] }> };
      for (const j of Object.values(parsed.jobs)) {
        for (const step of j.steps.filter((s) => s.uses === './')) {
          for (const key of Object.keys(step.with ?? {}))
            expect(Object.keys(action.inputs), `${workflowFile}: ${key}`).toContain(key);
          for (const [name, input] of Object.entries(action.inputs)) {
            if (input.required)
              expect(Object.keys(step.with ?? {}), `${workflowFile} must pass ${name}`).toContain(name);
          }
        }
      }
    }
    expect(job?.steps[0]?.uses).toMatch(/^actions\/checkout@/);
    expect(job?.steps[0]?.with).toMatchObject({ 'persist-credentials': false });
  });
});

describe('.github/workflows/ci.yml', () => {
  const ci = parse(read('.github/workflows/ci.yml')) as {
    permissions: unknown;
    jobs: Record<string, { strategy?: { matrix: { node: string[] } }; steps: Step[]; permissions?: unknown }>;
  };

  it('reads only, at the top and in every job', () => {
    expect(ci.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('runs .ci/run on Node 20 and 22 with Go set up from the pinned OPA module', () => {
    const test = ci.jobs.test;
    expect(test?.strategy?.matrix.node.map(String)).toEqual(expect.arrayContaining(['20', '22']));
    expect(test?.steps.some((s) => s.run?.trim() === 'bash .ci/run')).toBe(true);
    const go = test?.steps.find((s) => s.uses?.startsWith('actions/setup-go@'));
    expect(go?.with?.['go-version-file']).toBe('tools/opa/go.mod');
  });

  it('lints the workflows, action.yml (actionlint and zizmor) and the Rego policies', () => {
    const runs = (ci.jobs.lint?.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('node scripts/lint-workflows.mjs --install');
    expect(runs).toMatch(/^node scripts\/lint-workflows\.mjs$/m);
    expect(runs).toMatch(/tool opa fmt --list --fail \S*policies/);
    expect(runs).toMatch(/tool opa check --strict \S*policies/);
  });
});

describe('.github/CODEOWNERS', () => {
  it('puts the policies and the config files under the compliance team', () => {
    const owners = new Map(
      read('.github/CODEOWNERS')
        .split('\n')
        .filter((l) => l.trim() && !l.trim().startsWith('#'))
        .map((l) => l.trim().split(/\s+/) as [string, ...string[]])
        .map(([path, ...teams]) => [path, teams]),
    );
    for (const path of [
      '/policies/',
      '/uar-check.yaml',
      '/config/',
      '/.github/workflows/uar-review.yml',
      '/.github/CODEOWNERS',
    ]) {
      expect(owners.get(path), path).toEqual(['@your-org/compliance']);
    }
  });
});
