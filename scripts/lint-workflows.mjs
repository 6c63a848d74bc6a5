#!/usr/bin/env node
/**
 * actionlint (pinned in tools/actionlint, run as `go tool actionlint`) and zizmor (pinned in tools/zizmor, installed
 * on first use into tools/zizmor/.venv with `pip install --require-hashes`, run offline) over every workflow in
 * .github/workflows and over action.yml. zizmor reads .github/zizmor.yml, where each accepted finding is justified.
 *
 * actionlint actionlint reads workflows only, so the composite action's steps are linted inside a
 * workflow generated from action.yml: its inputs become `workflow_call` inputs, its steps the steps of one job and
 * its outputs that job's outputs, so every expression, step id, `if:` and `run:` script is checked (with
 * shellcheck when it is installed). Problems in the generated file are reported against action.yml's steps.
 *
 *   node scripts/lint-workflows.mjs          problems as file:line:column: message [kind]; exit 1 when any
 *   node scripts/lint-workflows.mjs --json   the problems as a JSON array on stdout (exit 0 when none, else 1)
 *   --root DIR                               lint DIR/.github/workflows and DIR/action.yml instead of this repository's
 *   --install                                only install zizmor (when it is not installed yet) and exit
 * Kinds: actionlint's (`expression`, `syntax-check`…) and `zizmor/<audit>` for zizmor's findings.
 * Exit 2 when a linter cannot run (no Go, no Python 3, or an install or build failed).
 *
 * actionlint also checks the `with:` of `uses: ./` against action.yml's inputs when it finds the repository root
 * (a .git folder); test/action/action-yml.test.ts checks that without git too.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOL = join(ROOT, 'tools', 'actionlint');
const GENERATED_NAME = 'action-yml-composite.yml';
const ZIZMOR_DIR = join(ROOT, 'tools', 'zizmor');
const ZIZMOR_VENV = join(ZIZMOR_DIR, '.venv');
const ZIZMOR = join(ZIZMOR_VENV, process.platform === 'win32' ? 'Scripts' : 'bin', 'zizmor');

/** Run a command; resolve its stdout, reject with its stderr when it exits non-zero. */
function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { maxBuffer: 16 << 20, timeout: 900_000, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

/** The pinned version, from tools/zizmor/requirements.txt. */
async function pinnedZizmor() {
  const match = /^zizmor==(\S+)/m.exec(await readFile(join(ZIZMOR_DIR, 'requirements.txt'), 'utf8'));
  if (!match) throw new Error('tools/zizmor/requirements.txt pins no zizmor version');
  return match[1];
}

/** tools/zizmor/.venv/bin/zizmor at the pinned version, installed (hash-checked) when missing or another version. */
export async function installZizmor() {
  const pinned = await pinnedZizmor();
  if (existsSync(ZIZMOR)) {
    const version = (await run(ZIZMOR, ['--version'])).trim();
    if (version === `zizmor ${pinned}`) return ZIZMOR;
  }
  const python = process.env.PYTHON ?? (process.platform === 'win32' ? 'python' : 'python3');
  await run(python, ['-m', 'venv', '--clear', ZIZMOR_VENV]);
  const pip = join(ZIZMOR_VENV, process.platform === 'win32' ? 'Scripts' : 'bin', 'pip');
  const requirements = join(ZIZMOR_DIR, 'requirements.txt');
  await run(pip, ['install', '--quiet', '--disable-pip-version-check', '--require-hashes', '-r', requirements]);
  return ZIZMOR;
}

/** zizmor's findings (offline: no audit that calls GitHub), as problems like actionlint's. */
async function runZizmor(root, files) {
  const zizmor = await installZizmor();
  const config = join(root, '.github', 'zizmor.yml');
  const args = ['--offline', '--format', 'json', '--no-exit-codes', '--no-progress'];
  args.push(...(existsSync(config) ? ['--config', config] : ['--no-config']), ...files);
  const findings = JSON.parse(await run(zizmor, args, { cwd: root }));
  return findings
    .filter((f) => !f.ignored)
    .map((f) => {
      const where = f.locations.find((l) => l.symbolic?.kind === 'Primary') ?? f.locations[0];
      const start = where?.concrete?.location?.start_point ?? { row: 0, column: 0 };
      const path = where?.symbolic?.key?.Local?.verbatim_path ?? '?';
      const note = where?.symbolic?.annotation ? `: ${where.symbolic.annotation}` : '';
      return {
        file: relative(root, resolve(root, path)),
        line: start.row + 1,
        column: start.column + 1,
        message: `${f.desc}${note} (${f.determinations.severity.toLowerCase()}; ${f.url})`,
        kind: `zizmor/${f.ident}`,
      };
    });
}

/** The workflow actionlint checks in place of action.yml. */
export function workflowFromAction(action) {
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    inputs[name] = { type: 'string', required: spec?.required === true };
    if (spec?.default !== undefined && spec?.required !== true) inputs[name].default = String(spec.default);
  }
  const outputs = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {})) outputs[name] = spec?.value;
  return {
    name: 'action.yml composite steps (generated for actionlint)',
    on: { workflow_call: { inputs } },
    permissions: { contents: 'read' },
    jobs: { action: { 'runs-on': 'ubuntu-latest', outputs, steps: action.runs?.steps ?? [] } },
  };
}

/** First line of each step of `seq` at `path` in a YAML text. */
function stepLines(text, path) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const steps = doc.getIn(path, true);
  return (steps?.items ?? []).map((item) => (item.range ? lines.linePos(item.range[0]).line : 1));
}

function runActionlint(files) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'go',
      ['tool', 'actionlint', '-no-color', '-format', '{{json .}}', ...files],
      { cwd: TOOL, maxBuffer: 16 << 20, timeout: 900_000 },
      (error, stdout, stderr) => {
        // actionlint exits 1 when it found problems (JSON on stdout), >1 when it could not run.
        if (error && !(error.code === 1 && stdout.trim().startsWith('['))) {
          reject(new Error(`go tool actionlint failed in ${TOOL}: ${stderr.trim() || error.message}`));
          return;
        }
        resolvePromise(stdout.trim() ? JSON.parse(stdout) : []);
      },
    );
  });
}

export async function lintWorkflows(root = ROOT) {
  const workflowDir = join(root, '.github', 'workflows');
  const workflows = (await readdir(workflowDir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(workflowDir, f));
  const actionFile = join(root, 'action.yml');
  const actionText = await readFile(actionFile, 'utf8');
  const generatedText = stringify(workflowFromAction(parseDocument(actionText).toJS()), { lineWidth: 0 });
  const scratch = await mkdtemp(join(tmpdir(), 'uar-actionlint-'));
  const generated = join(scratch, '.github', 'workflows', GENERATED_NAME);
  try {
    await mkdir(dirname(generated), { recursive: true });
    await writeFile(generated, generatedText);
    const problems = await runActionlint([...workflows, generated]);
    const zizmorProblems = await runZizmor(root, [...workflows, actionFile]);
    const generatedSteps = stepLines(generatedText, ['jobs', 'action', 'steps']);
    const actionSteps = stepLines(actionText, ['runs', 'steps']);
    const action = parseDocument(actionText).toJS();
    return {
      files: [...workflows.map((f) => relative(root, f)), 'action.yml'],
      problems: [
        ...problems.map((p) => {
          // actionlint names files relative to its working directory (tools/actionlint).
          if (resolve(TOOL, p.filepath) !== generated)
            return {
              file: relative(root, resolve(TOOL, p.filepath)),
              line: p.line,
              column: p.column,
              message: p.message,
              kind: p.kind,
            };
          let index = -1;
          generatedSteps.forEach((line, i) => {
            if (line <= p.line) index = i;
          });
          const step = index >= 0 ? action.runs.steps[index] : undefined;
          const where = step ? ` (step ${JSON.stringify(step.name ?? step.id ?? step.uses ?? index)})` : '';
          return {
            file: 'action.yml',
            line: index >= 0 ? actionSteps[index] : 1,
            column: 1,
            message: `${p.message}${where}`,
            kind: p.kind,
          };
        }),
        ...zizmorProblems,
      ],
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  try {
    if (process.argv.includes('--install')) {
      process.stdout.write(`${(await run(await installZizmor(), ['--version'])).trim()}\n`);
      process.exit(0);
    }
    const rootFlag = process.argv.indexOf('--root');
    const { files, problems } = await lintWorkflows(rootFlag > 0 ? resolve(process.argv[rootFlag + 1] ?? '.') : ROOT);
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
    } else {
      for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n`);
      process.stderr.write(`actionlint and zizmor: ${problems.length} problem(s) in ${files.join(', ')}\n`);
    }
    process.exitCode = problems.length === 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`lint-workflows: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
