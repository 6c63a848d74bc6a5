/**
 * The messages between the engine (evaluate.ts, main thread) and its evaluation thread (wasm-worker.ts).
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
  /** WASM memory to start with, in 64 KiB pages (the maximum is MAX_PAGES). */
  pages: number;
  main: string;
  /** Evaluated one by one only when `main` fails. */
  controls: string[];
  params_entrypoint: string;
}

/** One entrypoint's value, or why it failed (one message, as the SDK threw it). */
export type Outcome = { value: unknown } | { error: string };

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | {
      kind: 'evaluated';
      /** `main`'s outcome; when it is an error, `controls` and `params` hold the one-by-one outcomes. */
      main: Outcome;
      controls: Record<string, Outcome>;
      params: Outcome | null;
      /** The top of OPA's heap when the evaluation ended, in bytes (what it needed, data and input included). */
      heap: number;
    };

// 2 GiB: the opa-wasm SDK reads addresses as signed 32-bit numbers, so memory beyond 2 GiB breaks it.
export const MAX_PAGES = 32768;
export const PAGE_BYTES = 65536;
