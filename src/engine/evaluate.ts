/**
 * The only opa-wasm import. Loads policy.wasm once and evaluates ALL controls in one call through the runner's
 * `uar/main` entrypoint. When that call fails (a conflict in one control's complete rule, memory, a host
 * builtin), each control is evaluated again through its own entrypoint, so only the controls that fail are
 * `error` and the rest keep their results.
 *
 * The runner, not each policy, decides that a control produced evidence: a control without a `findings` rule
 * (a typo such as `finding`, or no rules at all), whose `population` is undefined (missing, or a runtime error
 * such as a division by zero, which WASM turns into undefined), or whose result has the wrong shape is `error`.
 */
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { z } from 'zod';
import { PolicyError, toError } from '../errors.js';
import type { AccessDocument } from '../model/document.js';
import { type ControlMeta, PolicyOutput } from '../model/result.js';
import { oneLine } from '../shared/printable.js';
import { controlModule } from './build.js';
import { runnerBuiltins } from './builtins/index.js';
import { controlEntrypoint, MAIN_ENTRYPOINT, PARAMS_ENTRYPOINT } from './main-rego.js';

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

// 2 GiB: the opa-wasm SDK reads addresses as signed 32-bit numbers, so memory beyond 2 GiB breaks it.
const MAX_PAGES = 32768;
const OUT_OF_MEMORY = /opa_malloc: failed|Maximum memory size|outside the bounds/;

/**
 * WASM memory is sized once, at load, to the 2 GiB ceiling. OPA's allocator otherwise grows it one page at a
 * time during evaluation, and every grow makes V8 account external memory and collect garbage (10,000 users:
 * 47 s instead of 2 s); growing it once before evaluating costs a full collection of a heap that then holds
 * the document (0.4 s at 50,000 users, more as the document grows). At load the JavaScript heap is nearly
 * empty, and pages that evaluation never touches cost no resident memory. The allocator reads the memory's
 * size when the module starts, so the size cannot be raised later from JavaScript.
 */
async function loadSized(wasm: Buffer, builtins: Builtins): Promise<Instances> {
  // Imported when a bundle is loaded, not at start-up. The ES module names only loadPolicy; the rest is on default.
  const opa = (await import('@open-policy-agent/opa-wasm')) as unknown as { default: OpaWasm };
  const { loadPolicySync } = opa.default;
  const module = (await wasmApi.compile(wasm)) as Parameters<typeof loadPolicySync>[0];
  let pages = MAX_PAGES;
  const instantiate = () => loadPolicySync(module, { initial: pages, maximum: MAX_PAGES }, builtins);
  try {
    return { first: instantiate(), instantiate };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The system refused 2 GiB at once (e.g. a 32-bit or strictly limited host): grow as evaluation needs.
    pages = 64;
    return { first: instantiate(), instantiate };
  }
}

type Builtins = ReturnType<typeof runnerBuiltins>;
type OpaWasm = typeof import('@open-policy-agent/opa-wasm');
/** Node's WebAssembly global (the project's TypeScript lib does not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
  .WebAssembly;
/** The first instance of the compiled module, and how to make another one (instantiating is cheap). */
interface Instances {
  first: LoadedPolicy | null;
  instantiate: () => LoadedPolicy;
}

export interface Evaluation {
  params: Record<string, unknown>;
  /** Per control id, for the controls that produced a valid result. */
  outputs: Map<string, PolicyOutput>;
  /** Per control id, for the controls that did not: one line saying what is wrong (file:line where known). */
  errors: Map<string, string>;
}

export class WasmPolicy {
  private now = new Date(0);
  /**
   * The instance for the next evaluation. Each evaluation takes it and drops it when done: the memory an
   * evaluation touched (up to 2 GiB, ~14 bytes per byte of document) is then garbage instead of staying resident
   * while the outputs are rendered; the next evaluation instantiates the compiled module again.
   */
  private policy: LoadedPolicy | null;

  private constructor(
    private readonly instances: Instances,
    private readonly data: Record<string, unknown>,
    private readonly controls: ControlMeta[],
    private readonly problems: Record<string, string>,
    private readonly rules: Record<string, string[]>,
  ) {
    this.policy = instances.first;
    instances.first = null; // held by this.policy only, so an evaluation can drop it
  }

  static async load(
    wasm: Buffer,
    data: Record<string, unknown>,
    controls: ControlMeta[],
    problems: Record<string, string> = {},
    rules: Record<string, string[]> = {},
  ): Promise<WasmPolicy> {
    let self: WasmPolicy | undefined;
    const builtins = runnerBuiltins(() => self?.now ?? new Date(0));
    try {
      const instances = await loadSized(wasm, builtins);
      self = new WasmPolicy(instances, data, controls, problems, rules);
      return self;
    } catch (thrown) {
      throw new PolicyError(`cannot load the policy bundle: ${toError(thrown).message}`, undefined, { cause: thrown });
    }
  }

  evaluate(document: AccessDocument, params: Record<string, unknown>, now: Date): Evaluation {
    this.now = now;
    const policy = this.policy ?? this.instances.instantiate();
    this.policy = null;
    policy.setData({ ...this.data, params });
    const input = new TextEncoder().encode(JSON.stringify(document));
    const size = sizeText(input.byteLength);
    const run = (entrypoint: string) => policy.evaluate(input.buffer, entrypoint) as unknown;
    const outputs = new Map<string, PolicyOutput>();
    const errors = new Map<string, string>(Object.entries(this.problems));
    const live = this.controls.filter((c) => !errors.has(c.id));

    let main: z.infer<typeof MainResult>[0]['result'] | undefined;
    let failure: unknown;
    try {
      const parsed = MainResult.safeParse(run(MAIN_ENTRYPOINT));
      if (!parsed.success) throw new PolicyError('the policy bundle returned no results (was it built by uar-check?)');
      main = parsed.data[0].result;
    } catch (thrown) {
      if (thrown instanceof PolicyError) throw thrown;
      failure = thrown;
    }

    if (main) {
      for (const control of live) {
        const module = controlModule(control);
        if (module) judge(control, main.results[module], this.rules[control.id], outputs, errors);
        else errors.set(control.id, unnamed(control));
      }
      return { params: main.params, outputs, errors };
    }

    // The one pass failed: evaluate each control alone.
    const outOfMemory: ControlMeta[] = [];
    for (const control of live) {
      const module = controlModule(control);
      if (!module) {
        errors.set(
          control.id,
          `${control.file}:${control.line}: could not be evaluated on its own (package ${control.package})`,
        );
        continue;
      }
      try {
        const one = OneResult.parse(run(controlEntrypoint(module)));
        judge(control, Summary.safeParse(one[0]?.result).data, this.rules[control.id], outputs, errors);
      } catch (thrown) {
        const message = toError(thrown).message;
        if (OUT_OF_MEMORY.test(message)) outOfMemory.push(control);
        else errors.set(control.id, `${control.file}:${control.line}: evaluation failed: ${oneLine(message)}`);
      }
    }
    if (live.length > 0 && outOfMemory.length === live.length) {
      throw new PolicyError(
        `evaluation ran out of WASM memory (2 GiB) for a ${size} document; ` +
          'split the review or reduce the document (see bench/README.md for the sizes measured)',
        undefined,
        { cause: failure },
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
    return { params: this.params(run), outputs, errors };
  }

  private params(run: (entrypoint: string) => unknown): Record<string, unknown> {
    try {
      const one = OneResult.parse(run(PARAMS_ENTRYPOINT));
      const value = one[0]?.result;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
}

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
