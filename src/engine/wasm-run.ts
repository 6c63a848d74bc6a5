/**
 * The only opa-wasm import: the compiled module instantiated with the 2 GiB ceiling reserved (wasm-protocol.ts
 * says why), and one evaluation request run on it — the runner's `uar/main` entrypoint and, only when that one
 * pass fails, each control's entrypoint and the params on their own. It answers with the values (or the messages
 * the SDK threw) and judges nothing: evaluate.ts does. The evaluation thread (wasm-worker.ts) runs it; so does
 * evaluate.ts itself for a small document, where starting a thread costs more than it saves.
 */
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { toError } from '../errors.js';
import { runnerBuiltins } from './builtins/index.js';
import { type Evaluated, type EvaluateRequest, MAX_PAGES, type Outcome, type WorkerStart } from './wasm-protocol.js';

type OpaWasm = typeof import('@open-policy-agent/opa-wasm');
type Module = Parameters<OpaWasm['loadPolicySync']>[0];

/** Memory to start with when the system refuses the 2 GiB reserve. */
const SMALL_PAGES = 64;

export interface Runner {
  /** Evaluates one request (throws only when the instance itself fails, e.g. setting its data). */
  evaluate(request: EvaluateRequest): Evaluated;
}

/**
 * Instantiates the module (throws when it cannot be: not an OPA module, missing imports), with the 2 GiB ceiling
 * reserved; or, given `fixedPages`, with exactly that memory and no growth, so that an evaluation needing more
 * fails at once ("opa_malloc: failed") instead of growing page by page.
 */
export async function loadRunner(start: WorkerStart, fixedPages?: number): Promise<Runner> {
  let now = new Date(0);
  const builtins = runnerBuiltins(() => now);
  // Imported when first needed, not at start-up. The ES module names only loadPolicy; the rest is on default.
  const { loadPolicySync } = ((await import('@open-policy-agent/opa-wasm')) as unknown as { default: OpaWasm }).default;
  const instantiate = (initial: number, maximum = MAX_PAGES): LoadedPolicy =>
    loadPolicySync(start.module as Module, { initial, maximum }, builtins);
  let policy: LoadedPolicy;
  try {
    policy = fixedPages ? instantiate(fixedPages, fixedPages) : instantiate(MAX_PAGES);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The system refused the memory at once (e.g. a 32-bit or strictly limited host): grow as evaluation needs.
    policy = instantiate(SMALL_PAGES);
  }
  return {
    evaluate(request) {
      now = new Date(request.now);
      policy.setData({ ...start.data, params: request.params });
      const run = (entrypoint: string): Outcome => {
        try {
          return { value: policy.evaluate(request.input, entrypoint) };
        } catch (thrown) {
          return { error: toError(thrown).message };
        }
      };
      const main = run(request.main);
      const failed = 'error' in main;
      return {
        kind: 'evaluated',
        main,
        controls: failed ? Object.fromEntries(request.controls.map((entrypoint) => [entrypoint, run(entrypoint)])) : {},
        params: failed ? run(request.params_entrypoint) : null,
      };
    },
  };
}
