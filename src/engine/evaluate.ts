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
import type { Outcome } from './wasm-protocol.js';
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

export class WasmPolicy {
  /** The thread for the next evaluation, started at load; each evaluation takes it, and starts none. */
  private thread: WasmThread | null;

  private constructor(
    private readonly module: unknown,
    private readonly data: Record<string, unknown>,
    private readonly controls: ControlMeta[],
    private readonly problems: Record<string, string>,
    private readonly rules: Record<string, string[]>,
  ) {
    this.thread = new WasmThread({ module, data });
  }

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
   * Serialises the document and hands it to the evaluation thread before the first `await`, so the caller's own
   * work runs while the thread evaluates.
   */
  async evaluate(
    document: AccessDocument,
    params: Record<string, unknown>,
    now: Date,
    signal?: AbortSignal,
  ): Promise<Evaluation> {
    const thread = this.thread ?? new WasmThread({ module: this.module, data: this.data });
    this.thread = null;
    const input = new TextEncoder().encode(JSON.stringify(document));
    const size = sizeText(input.byteLength);
    const outputs = new Map<string, PolicyOutput>();
    const errors = new Map<string, string>(Object.entries(this.problems));
    const live = this.controls.filter((c) => !errors.has(c.id));
    const modules = new Map(live.map((c) => [c.id, controlModule(c)]));
    const answer = await thread.evaluate(
      {
        input: input.buffer,
        params,
        now: now.getTime(),
        main: MAIN_ENTRYPOINT,
        controls: [...new Set([...modules.values()].flatMap((m) => (m ? [controlEntrypoint(m)] : [])))],
        params_entrypoint: PARAMS_ENTRYPOINT,
      },
      signal,
    );

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
