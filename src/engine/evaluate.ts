/**
 * Evaluates ALL controls in one call through the runner's `uar/main` entrypoint, in an evaluation thread
 * (wasm-thread.ts, wasm-worker.ts: the only opa-wasm import). When that call fails (a conflict in one control's
 * complete rule, memory, a host builtin), each control is evaluated again through its own entrypoint, so only the
 * controls that fail are `error` and the rest keep their results.
 *
 * The runner, not each policy, decides that a control produced evidence: a control without a `findings` rule
 * (a typo such as `finding`, or no rules at all), whose `population` is undefined (missing, or a runtime error
 * such as a division by zero, which WASM turns into undefined), or whose result has the wrong shape is `error`.
 */
import { z } from 'zod';
import { PolicyError, toError } from '../errors.js';
import type { AccessDocument } from '../model/document.js';
import { type ControlMeta, PolicyOutput } from '../model/result.js';
import { oneLine } from '../shared/printable.js';
import { controlModule } from './build.js';
import { controlEntrypoint, MAIN_ENTRYPOINT, PARAMS_ENTRYPOINT } from './main-rego.js';
import type { Evaluated, EvaluateRequest, Outcome, WorkerStart } from './wasm-protocol.js';
import { WasmThread } from './wasm-thread.js';

/** Each rule's value wrapped in an array: empty when the rule is undefined (see main-rego.ts). */
const Summary = z.object({
  findings: z.array(z.unknown()),
  unknown: z.array(z.unknown()),
  population: z.array(z.unknown()),
});
type Summary = z.infer<typeof Summary>;

const MainResult = z.tuple([
  z.object({
    result: z.object({
      results: z.record(z.string(), Summary).default({}),
      params: z.record(z.string(), z.unknown()).default({}),
    }),
  }),
]);
const OneResult = z.array(z.object({ result: z.unknown() }));

const OUT_OF_MEMORY = /opa_malloc: failed|Maximum memory size|outside the bounds/;

export interface Evaluation {
  params: Record<string, unknown>;
  /** Per control id, for the controls that produced a valid result. */
  outputs: Map<string, PolicyOutput>;
  /** Per control id, for the controls that did not: one line saying what is wrong (file:line where known). */
  errors: Map<string, string>;
}

/**
 * Documents whose compact JSON has at least this many bytes are evaluated in a thread of their own. Below it,
 * starting the thread (a Node isolate, the SDK's modules, ~0.1 s of CPU) costs more than the work it lets the
 * main thread do meanwhile (the example workspace: 0.33 → 0.43 s of CPU, 0.31–0.47 → 0.49–0.66 s wall).
 */
export const THREAD_MIN_BYTES = 2_000_000;
/** A small document's first attempt (inThisThread): this much WASM memory, plus so much per byte of input. */
const SIZED_BASE_BYTES = 16 * 2 ** 20;
const SIZED_PER_INPUT_BYTE = 16;
const PAGE_BYTES = 65536;

export class WasmPolicy {
  /** The thread for the next evaluation, started by warmUp; the evaluation takes it. */
  private thread: WasmThread | null = null;

  private constructor(
    private readonly module: unknown,
    private readonly data: Record<string, unknown>,
    private readonly controls: ControlMeta[],
    private readonly problems: Record<string, string>,
    private readonly rules: Record<string, string[]>,
  ) {}

  static async load(
    wasm: Buffer,
    data: Record<string, unknown>,
    controls: ControlMeta[],
    problems: Record<string, string> = {},
    rules: Record<string, string[]> = {},
  ): Promise<WasmPolicy> {
    let module: unknown;
    try {
      module = await wasmApi.compile(wasm);
    } catch (thrown) {
      throw new PolicyError(`cannot load the policy bundle: ${toError(thrown).message}`, undefined, { cause: thrown });
    }
    return new WasmPolicy(module, data, controls, problems, rules);
  }

  /**
   * A document of about this many bytes of JSON will be evaluated: when that is large enough for a thread of its
   * own, the thread starts now (and instantiates the module) while the caller reads the document.
   */
  warmUp(jsonBytes: number): void {
    if (jsonBytes >= THREAD_MIN_BYTES) this.thread ??= new WasmThread({ module: this.module, data: this.data });
  }

  /**
   * Serialises the document and, for a large one (or after warmUp), hands it to the evaluation thread before the
   * first `await`, so the caller's own work runs while the thread evaluates; a small one is evaluated here.
   */
  async evaluate(
    document: AccessDocument,
    params: Record<string, unknown>,
    now: Date,
    signal?: AbortSignal,
  ): Promise<Evaluation> {
    const input = new TextEncoder().encode(JSON.stringify(document));
    const size = sizeText(input.byteLength);
    const outputs = new Map<string, PolicyOutput>();
    const errors = new Map<string, string>(Object.entries(this.problems));
    const live = this.controls.filter((c) => !errors.has(c.id));
    const modules = new Map(live.map((c) => [c.id, controlModule(c)]));
    const request: EvaluateRequest = {
      input: input.buffer,
      params,
      now: now.getTime(),
      main: MAIN_ENTRYPOINT,
      controls: [...new Set([...modules.values()].flatMap((m) => (m ? [controlEntrypoint(m)] : [])))],
      params_entrypoint: PARAMS_ENTRYPOINT,
    };
    const start = { module: this.module, data: this.data };
    let thread = this.thread;
    this.thread = null;
    if (!thread && input.byteLength >= THREAD_MIN_BYTES) thread = new WasmThread(start);
    const answer = thread ? await thread.evaluate(request, signal) : await inThisThread(start, request);

    if ('value' in answer.main) {
      const parsed = MainResult.safeParse(answer.main.value);
      if (!parsed.success) throw new PolicyError('the policy bundle returned no results (was it built by uar-check?)');
      const main = parsed.data[0].result;
      for (const control of live) {
        const module = modules.get(control.id);
        if (module) judge(control, main.results[module], this.rules[control.id], outputs, errors);
        else errors.set(control.id, unnamed(control));
      }
      return { params: main.params, outputs, errors };
    }

    // The one pass failed: each control was evaluated alone.
    const outOfMemory: ControlMeta[] = [];
    for (const control of live) {
      const module = modules.get(control.id);
      if (!module) {
        errors.set(
          control.id,
          `${control.file}:${control.line}: could not be evaluated on its own (package ${control.package})`,
        );
        continue;
      }
      const one = answer.controls[controlEntrypoint(module)] ?? { error: 'not evaluated' };
      if ('value' in one) {
        const parsed = OneResult.safeParse(one.value);
        if (parsed.success) {
          judge(control, Summary.safeParse(parsed.data[0]?.result).data, this.rules[control.id], outputs, errors);
          continue;
        }
        errors.set(control.id, `${control.file}:${control.line}: evaluation failed: ${oneLine(parsed.error.message)}`);
      } else if (OUT_OF_MEMORY.test(one.error)) outOfMemory.push(control);
      else errors.set(control.id, `${control.file}:${control.line}: evaluation failed: ${oneLine(one.error)}`);
    }
    if (live.length > 0 && outOfMemory.length === live.length) {
      throw new PolicyError(
        `evaluation ran out of WASM memory (2 GiB) for a ${size} document; ` +
          'split the review or reduce the document (see bench/README.md for the sizes measured)',
        undefined,
        { cause: new Error(answer.main.error) },
      );
    }
    // Other controls fit in the same memory with the same document: the control itself builds too much.
    for (const control of outOfMemory) {
      errors.set(
        control.id,
        `${control.file}:${control.line}: ran out of WASM memory (2 GiB) on its own, while the other controls ` +
          `fit with this ${size} document: the control builds values too large (e.g. a comprehension over a ` +
          'large range, or every pair of two lists); narrow what it collects',
      );
    }
    return { params: paramsOf(answer.params), outputs, errors };
  }
}

/**
 * A small document: evaluated here, with the same runner as the thread's; what fails is a PolicyError too.
 *
 * Memory: reserving the 2 GiB ceiling here costs ~0.1 s (V8 answers the external memory with full collections of
 * this thread's heap), a tenth of the example workspace's run. So the first attempt gets memory sized from the
 * input (realistic documents need ~12.7 bytes of heap per byte of input, data included) and may not grow; only
 * when that is not enough (or fails otherwise) is the document evaluated again with the ceiling reserved. Growing
 * instead would cost a collection per 64 KiB page.
 */
async function inThisThread(start: WorkerStart, request: EvaluateRequest): Promise<Evaluated> {
  const { loadRunner } = await import('./wasm-run.js'); // the SDK loads only when something is evaluated
  try {
    const sized = Math.ceil((SIZED_BASE_BYTES + SIZED_PER_INPUT_BYTE * request.input.byteLength) / PAGE_BYTES);
    const answer = (await loadRunner(start, sized)).evaluate(request);
    if (!('error' in answer.main && OUT_OF_MEMORY.test(answer.main.error))) return answer;
  } catch {
    // evaluated again below, where a failure is reported
  }
  let runner: Awaited<ReturnType<typeof loadRunner>>;
  try {
    runner = await loadRunner(start);
  } catch (thrown) {
    throw new PolicyError(`cannot load the policy bundle: ${oneLine(toError(thrown).message)}`, undefined, {
      cause: thrown,
    });
  }
  try {
    return runner.evaluate(request);
  } catch (thrown) {
    throw new PolicyError(`evaluation failed: ${oneLine(toError(thrown).message)}`, undefined, { cause: thrown });
  }
}

function paramsOf(outcome: Outcome | null): Record<string, unknown> {
  const parsed = outcome && 'value' in outcome ? OneResult.safeParse(outcome.value) : null;
  const value = parsed?.success ? parsed.data[0]?.result : undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Node's WebAssembly global (the project's TypeScript lib does not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
  .WebAssembly;

function unnamed(control: ControlMeta): string {
  return `${control.file}:${control.line}: package ${control.package} is not one name under uar.controls; name it uar.controls.<name> (letters, digits, _)`;
}

/** A document's size for a message: "2.4 kB" below a megabyte, "24 MB" above. */
function sizeText(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(0)} MB`;
}

/** Turns one control's summary into its validated output, or says why it is an error. */
function judge(
  control: ControlMeta,
  summary: Summary | undefined,
  rules: string[] | undefined,
  outputs: Map<string, PolicyOutput>,
  errors: Map<string, string>,
): void {
  const where = `${control.file}:${control.line}`;
  const defines = !rules ? '' : rules.length > 0 ? ` (its rules: ${rules.join(', ')})` : ' (it has no rules)';
  const [findings] = summary?.findings ?? [];
  const [population] = summary?.population ?? [];
  const [unknown] = summary?.unknown ?? [];
  if (findings === undefined) {
    errors.set(
      control.id,
      `${where}: \`findings\` is undefined${defines}: the rule is missing or misnamed (e.g. \`finding\`), ` +
        'or its body is false; a control defines findings, unknown and population',
    );
    return;
  }
  if (population === undefined) {
    errors.set(
      control.id,
      `${where}: \`population\` is undefined${defines}: the rule is missing, or it failed at run time ` +
        '(e.g. a division by zero)',
    );
    return;
  }
  const output = PolicyOutput.safeParse({ findings, unknown: unknown ?? [], population });
  if (!output.success) {
    const issue = output.error.issues[0];
    errors.set(
      control.id,
      `${where}: result has the wrong shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message} ` +
        '(see policies/README.md for the finding object)',
    );
    return;
  }
  outputs.set(control.id, output.data);
}
