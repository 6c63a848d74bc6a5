/**
 * The evaluation thread (a node:worker_threads Worker started by wasm-thread.ts), and the only opa-wasm import.
 * It instantiates the compiled module once to show it loads, then, for its one request, instantiates it again
 * with the 2 GiB ceiling reserved (wasm-protocol.ts says why), evaluates the runner's `uar/main` entrypoint and, only when that one pass
 * fails, each control's entrypoint and the params on their own. It answers with the values (or the messages the
 * SDK threw) and judges nothing: evaluate.ts does, on the main thread. Its WASM memory goes with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { toError } from '../errors.js';
import { runnerBuiltins } from './builtins/index.js';
import { type EvaluateRequest, MAX_PAGES, type Outcome, type WorkerReply, type WorkerStart } from './wasm-protocol.js';

type OpaWasm = typeof import('@open-policy-agent/opa-wasm');
type Module = Parameters<OpaWasm['loadPolicySync']>[0];

/** Memory for a module that only has to load (the trial instance), and when the system refuses a large reserve. */
const SMALL_PAGES = 64;

const start = workerData as WorkerStart;
const port = parentPort;
let now = new Date(0);
const builtins = runnerBuiltins(() => now);
const reply = (message: WorkerReply) => port?.postMessage(message);

// The ES module names only loadPolicy; the rest is on default.
const { loadPolicySync } = ((await import('@open-policy-agent/opa-wasm')) as unknown as { default: OpaWasm }).default;
const instantiate = (initial: number): LoadedPolicy =>
  loadPolicySync(start.module as Module, { initial, maximum: MAX_PAGES }, builtins);

try {
  instantiate(SMALL_PAGES);
  reply({ kind: 'ready' });
  port?.once('message', (request: EvaluateRequest) => {
    try {
      reply(evaluate(request));
    } catch (thrown) {
      reply({ kind: 'failed', message: toError(thrown).message });
    }
  });
} catch (thrown) {
  reply({ kind: 'failed', message: toError(thrown).message });
}

function evaluate(request: EvaluateRequest): WorkerReply {
  now = new Date(request.now);
  let policy: LoadedPolicy;
  try {
    policy = instantiate(MAX_PAGES);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The system refused the memory at once (e.g. a 32-bit or strictly limited host): grow as evaluation needs.
    policy = instantiate(SMALL_PAGES);
  }
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
    heap: heapTop(policy),
  };
}

/** The top of OPA's heap (its allocator only moves it up): what the evaluation needed, data and input included. */
function heapTop(policy: LoadedPolicy): number {
  const exports = (policy as unknown as { wasmInstance: { exports: { opa_heap_ptr_get(): number } } }).wasmInstance
    .exports;
  return exports.opa_heap_ptr_get();
}
