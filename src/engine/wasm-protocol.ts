/**
 * The messages between the engine (evaluate.ts, main thread) and its evaluation thread (wasm-worker.ts); the
 * request and its answer are also what evaluate.ts and wasm-run.ts exchange when no thread is used.
 * The worker starts with the compiled module and the bundle's data, answers `ready` (or `failed` when the
 * module cannot be instantiated), evaluates one request and answers `evaluated`; then the engine ends it.
 */

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  /** The compiled policy.wasm (a WebAssembly.Module: sent without recompiling). */
  module: unknown;
  /** The bundle's data; the request's params are added under `params`. */
  data: Record<string, unknown>;
}

export interface EvaluateRequest {
  /** The compact JSON of the document, UTF-8 (transferred, not copied). */
  input: ArrayBuffer;
  params: Record<string, unknown>;
  /** Milliseconds since the epoch: what `time.now_ns` answers. */
  now: number;
  main: string;
  /** Evaluated one by one only when `main` fails. */
  controls: string[];
  params_entrypoint: string;
}

/** One entrypoint's value, or why it failed (one message, as the SDK threw it). */
export type Outcome = { value: unknown } | { error: string };

export interface Evaluated {
  kind: 'evaluated';
  /** `main`'s outcome; when it is an error, `controls` and `params` hold the one-by-one outcomes. */
  main: Outcome;
  controls: Record<string, Outcome>;
  params: Outcome | null;
}

export type WorkerReply = { kind: 'ready' } | { kind: 'failed'; message: string } | Evaluated;

/**
 * WASM memory, in 64 KiB pages: 2 GiB, the ceiling (the opa-wasm SDK reads addresses as signed 32-bit numbers,
 * so memory beyond 2 GiB breaks it), reserved whole when the thread instantiates the module.
 *
 * Why the ceiling and not a size estimated from the input: OPA's allocator grows memory one page at a time, and
 * every grow costs V8 a garbage collection, even in a thread whose JavaScript heap is nearly empty (10,000 users
 * from 4 MB: 5.0 s of CPU instead of 0.8 s). Realistic documents need ~12.7 bytes of heap per byte of input,
 * but a team's own controls may need more, and any estimate they exceed falls back into that slow growth. In
 * the thread, the reserve itself costs nothing measurable (1,000 users: the same CPU time with 38 MB or 2 GiB):
 * pages evaluation never touches are never resident, and the collection a reserve triggers runs on the thread's
 * own small heap, not on the main thread's heap that holds the document. The allocator reads the memory's size
 * when the module starts, so the size cannot be raised later.
 */
export const MAX_PAGES = 32768;
