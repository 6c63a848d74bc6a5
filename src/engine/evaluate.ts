/**
 * The only opa-wasm import. Loads policy.wasm once and evaluates ALL controls in one call through the
 * runner's `uar/main` package entrypoint. Everything the SDK throws (strings, plain objects) becomes a
 * PolicyError that names the control when OPA's message points into a control's file.
 */
import { type LoadedPolicy, loadPolicy } from '@open-policy-agent/opa-wasm';
import { z } from 'zod';
import { PolicyError, toError } from '../errors.js';
import type { AccessDocument } from '../model/document.js';
import { type ControlMeta, PolicyOutput } from '../model/result.js';
import { runnerBuiltins } from './builtins/index.js';
import { MAIN_ENTRYPOINT } from './main-rego.js';

const MainResult = z.tuple([
  z.object({
    result: z.object({
      results: z.record(z.string(), z.unknown()).default({}),
      params: z.record(z.string(), z.unknown()).default({}),
    }),
  }),
]);

/** The parsed document takes about this many heap bytes per byte of JSON (measured: ~10). */
const HEAP_PER_INPUT_BYTE = 12;
// 2 GiB: the opa-wasm SDK reads addresses as signed 32-bit numbers, so memory beyond 2 GiB breaks it.
const MAX_PAGES = 32768;

/**
 * OPA's WASM allocator grows memory one page at a time as it runs out, and each grow makes V8 account for
 * external memory and collect garbage: a 20 MB document took seconds instead of a few hundred ms. One large
 * allocation, immediately given back by resetting the heap pointer, raises the allocator's heap top once.
 */
function reserveHeap(policy: LoadedPolicy, bytes: number): void {
  const exports = policy.wasmInstance.exports as Record<string, (...args: number[]) => number>;
  const { opa_heap_ptr_get: get, opa_heap_ptr_set: set, opa_malloc: malloc } = exports;
  if (!get || !set || !malloc) return;
  const ptr = get();
  const room = Math.min(bytes, MAX_PAGES * 65536 - ptr - 64 * 65536);
  if (room <= 0) return;
  try {
    malloc(room);
  } catch {
    // Not enough memory to reserve it all at once: evaluation grows the heap as it goes.
  }
  set(ptr);
}

export interface Evaluation {
  params: Record<string, unknown>;
  /** Per control id; a control whose package produced nothing gets empty output. */
  outputs: Map<string, PolicyOutput>;
}

export class WasmPolicy {
  private now = new Date(0);
  private lastInputBytes = 0;

  private constructor(
    private readonly policy: LoadedPolicy,
    private readonly data: Record<string, unknown>,
    private readonly controls: ControlMeta[],
  ) {}

  static async load(wasm: Buffer, data: Record<string, unknown>, controls: ControlMeta[]): Promise<WasmPolicy> {
    let self: WasmPolicy | undefined;
    const builtins = runnerBuiltins(() => self?.now ?? new Date(0));
    try {
      const policy = await loadPolicy(wasm, { initial: 64, maximum: MAX_PAGES }, builtins);
      self = new WasmPolicy(policy, data, controls);
      return self;
    } catch (thrown) {
      throw new PolicyError(`cannot load the policy bundle: ${toError(thrown).message}`, undefined, { cause: thrown });
    }
  }

  evaluate(document: AccessDocument, params: Record<string, unknown>, now: Date): Evaluation {
    this.now = now;
    let raw: unknown;
    try {
      this.policy.setData({ ...this.data, params });
      const input = new TextEncoder().encode(JSON.stringify(document));
      this.lastInputBytes = input.byteLength;
      reserveHeap(this.policy, input.byteLength * HEAP_PER_INPUT_BYTE);
      raw = this.policy.evaluate(input.buffer, MAIN_ENTRYPOINT);
    } catch (thrown) {
      const message = toError(thrown).message;
      if (/opa_malloc: failed|Maximum memory size|outside the bounds/.test(message)) {
        throw new PolicyError(
          `evaluation ran out of WASM memory (2 GiB) for a ${(this.lastInputBytes / 1e6).toFixed(0)} MB document; ` +
            'split the review or reduce the document (see bench/README.md for the sizes measured)',
          undefined,
          { cause: thrown },
        );
      }
      const control = this.controls.find((c) => message.includes(c.file) || message.includes(`/${c.file}`));
      throw new PolicyError(`evaluation failed: ${message}`, control?.id, { cause: thrown });
    }
    const parsed = MainResult.safeParse(raw);
    if (!parsed.success) throw new PolicyError('the policy bundle returned no results (was it built by uar-check?)');
    const { results, params: effective } = parsed.data[0].result;
    const outputs = new Map<string, PolicyOutput>();
    for (const control of this.controls) {
      const key = control.package.split('.').pop() as string;
      const output = PolicyOutput.safeParse(results[key] ?? { findings: [], unknown: [], population: null });
      if (!output.success) {
        const issue = output.error.issues[0];
        throw new PolicyError(
          `${control.file}: result has the wrong shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message} ` +
            '(see policies/README.md for the finding object)',
          control.id,
        );
      }
      outputs.set(control.id, output.data);
    }
    return { params: effective, outputs };
  }
}
