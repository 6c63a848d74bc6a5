/**
 * Evaluates ALL controls in one call through the runner's `uar/main` entrypoint, in an evaluation thread
 * (wasm-thread.ts, wasm-worker.ts: the only opa-wasm import) or, for a small document, here. When that call fails
 * (a conflict in one control's complete rule, memory, a host builtin), each control is evaluated again through its
 * own entrypoint, so only the controls that fail are `error` and the rest keep their results (answer.ts reads the
 * answer).
 *
 * A document whose users do not fit in one slice is evaluated in chunks instead (chunked.ts), when some control
 * is user-scoped: the same Evaluation, in smaller WASM heaps and two threads.
 */
import { PolicyError, toError } from '../errors.js';
import type { AccessDocument } from '../model/document.js';
import type { ControlMeta, PolicyOutput } from '../model/result.js';
import type { ElementsText } from '../shared/json-text.js';
import { oneLine } from '../shared/printable.js';
import { type AnswerRead, OUT_OF_MEMORY, readAnswer, sizeText } from './answer.js';
import { controlModule } from './build.js';
import { evaluateChunked } from './chunked.js';
import { type ChunkOptions, DEFAULT_CHUNKS, mergeOutputs, projection, UserSlices } from './chunks.js';
import type { ControlScope } from './inspect.js';
import { controlEntrypoint, MAIN_ENTRYPOINT, PARAMS_ENTRYPOINT } from './main-rego.js';
import type { Evaluated, EvaluateRequest, WorkerStart } from './wasm-protocol.js';
import { WasmThread } from './wasm-thread.js';

export interface EvaluateOptions {
  /** When it aborts, the threads end and the evaluation rejects (its answer is no longer wanted). */
  signal?: AbortSignal;
  /**
   * The users' JSON texts, in order, a few users at a time, if the caller makes them anyway (review.ts: the
   * snapshot file's): slices of users are cut from them (UserSlices), not serialised again. Read only as far
   * as the slices need; not read at all when the document is evaluated in one pass.
   */
  usersText?: Iterator<ElementsText>;
}

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

/**
 * Documents whose JSON has at least this many bytes per slice of users (ChunkOptions) have every evaluation
 * thread started by warmUp: their users will be cut into two slices or more (from the snapshot's text, about the
 * size of the file).
 */
const WARM_ALL_SLICES = 2;

export class WasmPolicy {
  /** The threads for the next evaluation, started by warmUp; the evaluation takes them. */
  private threads: WasmThread[] = [];

  private constructor(
    private readonly module: unknown,
    private readonly data: Record<string, unknown>,
    private readonly controls: ControlMeta[],
    private readonly problems: Record<string, string>,
    private readonly rules: Record<string, string[]>,
    private readonly scopes: Record<string, ControlScope>,
    private readonly chunking: ChunkOptions,
  ) {}

  static async load(
    wasm: Buffer,
    data: Record<string, unknown>,
    controls: ControlMeta[],
    problems: Record<string, string> = {},
    rules: Record<string, string[]> = {},
    scopes: Record<string, ControlScope> = {},
    chunking: ChunkOptions = DEFAULT_CHUNKS,
  ): Promise<WasmPolicy> {
    let module: unknown;
    try {
      module = await wasmApi.compile(wasm);
    } catch (thrown) {
      throw new PolicyError(`cannot load the policy bundle: ${toError(thrown).message}`, undefined, { cause: thrown });
    }
    return new WasmPolicy(module, data, controls, problems, rules, scopes, chunking);
  }

  /**
   * A document of about this many bytes of JSON will be evaluated: when that is large enough for a thread of its
   * own, the thread starts now (and instantiates the module) while the caller reads the document; when it is
   * large enough to be sliced, every evaluation thread does.
   */
  warmUp(jsonBytes: number): void {
    let wanted = 0;
    if (jsonBytes >= WARM_ALL_SLICES * this.chunking.chunkBytes) wanted = this.chunking.threads;
    else if (jsonBytes >= THREAD_MIN_BYTES) wanted = 1;
    while (this.threads.length < wanted) this.threads.push(new WasmThread({ module: this.module, data: this.data }));
  }

  /**
   * Serialises the document and, for a large one (or after warmUp), hands it to the evaluation thread before the
   * first `await`, so the caller's own work runs while the thread evaluates; a small one is evaluated here. A
   * document whose users exceed one slice is evaluated in chunks (chunked.ts), in this thread and a second one.
   */
  async evaluate(
    document: AccessDocument,
    params: Record<string, unknown>,
    now: Date,
    { signal, usersText }: EvaluateOptions = {},
  ): Promise<Evaluation> {
    const errors = new Map<string, string>(Object.entries(this.problems));
    const live = this.controls.filter((c) => !errors.has(c.id));
    const modules = new Map(live.map((c) => [c.id, controlModule(c)]));
    const byUser = live.filter((c) => modules.get(c.id) && this.scopes[c.id]?.scope === 'user');
    const whole = live.filter((c) => !byUser.includes(c));
    // Chunks only when the whole pass gets less than the document: else one pass costs less for the same memory.
    const wholeKeep = projection(
      whole.map((c) => c.id),
      this.scopes,
    );
    const slices =
      byUser.length > 0 && wholeKeep.members !== null
        ? new UserSlices(
            document,
            this.chunking.chunkBytes,
            projection(
              byUser.map((c) => c.id),
              this.scopes,
            ),
            usersText,
          )
        : null;
    const input = slices?.take() ?? new TextEncoder().encode(JSON.stringify(document));
    const start = { module: this.module, data: this.data };
    const started = this.threads;
    this.threads = [];
    if (slices && !slices.done) {
      const read = await evaluateChunked({
        document,
        request: { params, now: now.getTime(), params_entrypoint: PARAMS_ENTRYPOINT },
        byUser,
        whole,
        modules,
        rules: this.rules,
        scopes: this.scopes,
        slices,
        first: input,
        threads: [
          ...started,
          ...Array.from(
            { length: Math.max(0, this.chunking.threads - started.length) },
            () => () => new WasmThread(start),
          ),
        ],
        signal,
      });
      return finish(read, live, errors, true);
    }
    const request: EvaluateRequest = {
      input: input.buffer as ArrayBuffer,
      params,
      now: now.getTime(),
      main: MAIN_ENTRYPOINT,
      controls: [...new Set([...modules.values()].flatMap((m) => (m ? [controlEntrypoint(m)] : [])))],
      params_entrypoint: PARAMS_ENTRYPOINT,
    };
    // One pass: one thread at most (one started for a document that turned out not to be sliced is ended).
    for (const extra of started.slice(1)) extra.end().catch(() => {});
    let thread = started[0] ?? null;
    if (!thread && input.byteLength >= THREAD_MIN_BYTES) thread = new WasmThread(start);
    const answer = thread ? await thread.evaluate(request, signal) : await inThisThread(start, request);
    return finish(readAnswer(answer, live, modules, this.rules, sizeText(input.byteLength)), live, errors);
  }
}

/**
 * The Evaluation, each output's findings and unknown in one deterministic order (chunks.ts: the order a chunked
 * evaluation merges to, so one pass and chunks give the same Evaluation; `merged`: the outputs are in it
 * already), controls in `live`'s order; `errors` holds the bundle's problems.
 */
function finish(read: AnswerRead, live: ControlMeta[], errors: Map<string, string>, merged = false): Evaluation {
  const outputs = new Map<string, PolicyOutput>();
  for (const { id } of live) {
    const output = read.outputs.get(id);
    const error = read.errors.get(id);
    if (output) outputs.set(id, merged ? output : mergeOutputs([output]));
    if (error !== undefined) errors.set(id, error);
  }
  return { params: read.params, outputs, errors };
}

/** Whether any outcome (the one pass, or a control evaluated alone after it failed) ran out of WASM memory. */
function ranOutOfMemory(answer: Evaluated): boolean {
  return [answer.main, ...Object.values(answer.controls)].some((o) => 'error' in o && OUT_OF_MEMORY.test(o.error));
}

/**
 * A small document: evaluated here, with the same runner as the thread's; what fails is a PolicyError too.
 *
 * Memory: reserving the 2 GiB ceiling here costs ~0.1 s (V8 answers the external memory with full collections of
 * this thread's heap), a tenth of the example workspace's run. So the first attempt gets memory sized from the
 * input (realistic documents need ~12.7 bytes of heap per byte of input, data included) and may not grow; only
 * when that is not enough for the one pass or for any control evaluated alone after it (or fails otherwise) is
 * the document evaluated again with the ceiling reserved, so a control never reads as out of memory in the
 * sized memory alone. Growing instead would cost a collection per 64 KiB page.
 */
async function inThisThread(start: WorkerStart, request: EvaluateRequest): Promise<Evaluated> {
  const { loadRunner } = await import('./wasm-run.js'); // the SDK loads only when something is evaluated
  try {
    const sized = Math.ceil((SIZED_BASE_BYTES + SIZED_PER_INPUT_BYTE * request.input.byteLength) / PAGE_BYTES);
    const answer = (await loadRunner(start, sized)).evaluate(request);
    if (!ranOutOfMemory(answer)) return answer;
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

/** Node's WebAssembly global (the project's TypeScript lib does not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
  .WebAssembly;
