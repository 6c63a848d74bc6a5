/**
 * The cross-check of a team's own controls with OPA's strict builtin errors.
 *
 * OPA's WASM target has only non-strict builtin semantics: `to_number("abc")`, a division by zero and similar
 * runtime errors make the expression undefined instead of failing. A `findings contains x if { … }` whose body
 * errors is then an empty set, and the control would pass without having looked. The runner catches an
 * undefined `findings` or `population` (evaluate.ts); this closes the rest: after the WASM pass, the controls
 * named here (the team's own; the built-ins need no OPA at run time and are tested in this repository) are
 * evaluated once more by `opa eval --strict-builtin-errors` on the same Rego (taken from the bundle that was
 * evaluated), the same data and parameters, and the same input. A builtin error makes that control `error`
 * with OPA's message and file:line. One eval call covers every control; only when it fails is each control
 * evaluated alone, so the error is attributed to the control(s) that raise it.
 *
 * The time builtins use OPA's clock here, not the injected one: only errors are read, never results.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { toError } from '../errors.js';
import type { AccessDocument } from '../model/document.js';
import type { ControlMeta } from '../model/result.js';
import { type OpaRun, opaMessage, runOpa } from '../shared/opa-cli.js';
import { oneLine } from '../shared/printable.js';
import { controlModule } from './build.js';
import type { Evaluation } from './evaluate.js';
import { CONTROL_RULES } from './main-rego.js';
import type { OpaBinary } from './opa-binary.js';
import { readTarGz } from './tar-gz.js';

export interface StrictCheckOptions {
  opa: OpaBinary;
  /** The bundle that was evaluated (its .rego files are evaluated again; policy.wasm is not used). */
  bundleFile: string;
  /** The bundle's data (without the runner's metadata), as WASM saw it. */
  data: Record<string, unknown>;
  params: Record<string, unknown>;
  document: AccessDocument;
  /** The controls to cross-check. */
  controls: ControlMeta[];
}

/** Per control id, one line naming the runtime error OPA found (file:line) for the controls that raise one. */
export async function strictCheck(options: StrictCheckOptions): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  const modules = new Map<ControlMeta, string>();
  for (const control of options.controls) {
    const module = controlModule(control);
    if (module) modules.set(control, module);
  }
  if (modules.size === 0) return errors;

  const work = await mkdtemp(join(tmpdir(), 'uar-check-strict-'));
  // The folder holds a copy of the document: removed even when an interrupted run exits during the check.
  const removeOnExit = () => rmSync(work, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  try {
    const policyDir = join(work, 'policy');
    await mkdir(policyDir);
    // The policies' own Rego only: the runner's main.rego is stored in the bundle without its rules.
    for (const [path, content] of readTarGz(await readFile(options.bundleFile))) {
      const target = normalize(path);
      if (!target.endsWith('.rego') || target.startsWith('uar-check-runner/') || target.startsWith('..')) continue;
      await mkdir(dirname(join(policyDir, target)), { recursive: true });
      await writeFile(join(policyDir, target), content);
    }
    await writeFile(join(policyDir, 'data.json'), JSON.stringify({ ...options.data, params: options.params }));
    const inputFile = join(work, 'input.json');
    await writeFile(inputFile, JSON.stringify(options.document));

    const evaluate = (list: string[]) =>
      runOpa(options.opa.path, [
        'eval',
        '--strict-builtin-errors',
        '--format',
        'json',
        '--data',
        policyDir,
        '--input',
        inputFile,
        `{${list.map((m) => `"${m}": ${readsOf(m)}`).join(', ')}}`,
      ]);

    const all = await evaluate([...new Set(modules.values())]);
    if (all.ok) return errors;
    for (const [control, module] of modules) {
      const one = modules.size === 1 ? all : await evaluate([module]);
      if (!one.ok) errors.set(control.id, describe(control, one, `${policyDir}/`));
    }
    return errors;
  } finally {
    process.off('exit', removeOnExit);
    await rm(work, { recursive: true, force: true });
  }
}

/** The evaluation with the cross-checked controls' runtime errors moved from outputs to errors. */
export function withStrictErrors(evaluation: Evaluation, strict: Map<string, string>): Evaluation {
  if (strict.size === 0) return evaluation;
  const outputs = new Map(evaluation.outputs);
  const errors = new Map(evaluation.errors);
  for (const [id, message] of strict) {
    outputs.delete(id);
    errors.set(id, message);
  }
  return { ...evaluation, outputs, errors };
}

/** What the runner reads of a control (see main-rego.ts): each rule in an array, so undefined stops nothing. */
function readsOf(module: string): string {
  return `{${CONTROL_RULES.map((rule) => `"${rule}": [v | v := data.uar.controls.${module}.${rule}]`).join(', ')}}`;
}

interface OpaEvalError {
  message?: string;
  code?: string;
  location?: { file?: string; row?: number };
}

function describe(control: ControlMeta, run: OpaRun, stagePrefix: string): string {
  const where = `${control.file}:${control.line}`;
  let first: OpaEvalError | undefined;
  try {
    first = (JSON.parse(run.stdout) as { errors?: OpaEvalError[] }).errors?.[0];
  } catch (thrown) {
    first = { message: `${opaMessage(run)} (${toError(thrown).message})` };
  }
  const message = oneLine(first?.message ?? opaMessage(run));
  const file = first?.location?.file?.replace(stagePrefix, '');
  const at = file && first?.location?.row ? ` at ${file}:${first.location.row}` : '';
  const runtime = first?.code === 'eval_builtin_error';
  return runtime
    ? `${where}: runtime error${at}: ${message} (WASM makes it undefined, which could hide findings; fix the expression or guard its input)`
    : `${where}: evaluation failed with OPA${at}: ${message}`;
}
