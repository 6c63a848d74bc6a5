/**
 * One evaluation thread (wasm-worker.ts): started with the compiled module and the bundle's data (so starting
 * it, importing the SDK and instantiating overlap the reading of the document), given one request (or, in a
 * chunked evaluation, several one after another: chunked.ts), then ended, which releases its WASM memory (up to
 * 2 GiB) before the outputs are rendered. While it evaluates, the main thread is free for the work that does not
 * depend on the evaluation (review.ts).
 *
 * Whatever goes wrong in the thread (it cannot load the module, it throws, it runs out of memory, it exits)
 * becomes a PolicyError with one line: never a hang, never a result.
 */
import { Worker } from 'node:worker_threads';
import { PolicyError, toError } from '../errors.js';
import { oneLine } from '../shared/printable.js';
import type { Evaluated, EvaluateRequest, WorkerReply, WorkerStart } from './wasm-protocol.js';

/**
 * Compiled: dist/engine/wasm-worker.js (in the CLI's bundle, dist/cli/uar-check-worker.mjs: scripts/bundle-cli.mjs
 * names it here); from the sources (the tests): the .ts file, through test/helpers/ts-hooks.
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './wasm-worker.ts' : './wasm-worker.js', import.meta.url);

export class WasmThread {
  private readonly worker: Worker;
  private readonly replies: WorkerReply[] = [];
  private waiting: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  private used = false;
  private started = false;
  /** Requests sent and not yet answered; the answers come in the order the requests were sent. */
  private pending = 0;
  /** Settles when the answer to the last request sent has been read. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(start: WorkerStart) {
    this.worker = new Worker(WORKER, { workerData: start });
    this.worker.on('message', (reply: WorkerReply) => {
      if (this.waiting) this.settle().resolve(reply);
      else this.replies.push(reply);
    });
    this.worker.on('error', (error) => this.fail(stopped(`failed: ${oneLine(toError(error).message)}`, error)));
    this.worker.on('messageerror', (error) => this.fail(stopped('sent a message that cannot be read', error)));
    this.worker.on('exit', (code) => this.fail(stopped(`stopped (exit code ${code}) before answering`)));
    this.worker.unref(); // an idle thread does not keep the process alive (after the listeners, which ref it)
  }

  /**
   * Sends the request (its input is transferred, not copied: it is empty here afterwards) and waits for the
   * answer; the thread is ended either way, and as soon as `signal` aborts (the answer is no longer wanted).
   * A thread evaluates once.
   */
  async evaluate(request: EvaluateRequest, signal?: AbortSignal): Promise<Evaluated> {
    if (this.used) throw new Error('an evaluation thread evaluates once');
    this.used = true;
    const abandon = () => {
      this.end().catch(() => {});
    };
    signal?.addEventListener('abort', abandon, { once: true });
    try {
      return await this.ask(request);
    } finally {
      signal?.removeEventListener('abort', abandon);
      // Not awaited: the thread tears down (and frees its memory) on its own while this one goes on.
      this.end().catch(() => {});
    }
  }

  /**
   * Sends one request of several (chunked evaluation: the thread keeps its instance between them) and waits for
   * its answer; the caller ends the thread. A request may be sent before the previous one is answered: the
   * thread evaluates them one after another, so it need not wait for the next one.
   */
  async ask(request: EvaluateRequest): Promise<Evaluated> {
    const first = !this.started;
    this.started = true;
    if (this.pending++ === 0) this.worker.ref();
    try {
      this.worker.postMessage(request, [request.input]);
      // The previous request's answer is read first (at once when there is none, as `evaluate` has it).
      const answered = this.pending === 1 ? this.answer(first) : this.last.then(() => this.answer(first));
      this.last = answered.catch(() => {});
      return await answered;
    } finally {
      if (--this.pending === 0) this.worker.unref();
    }
  }

  /** Reads the next answer (after `ready`, for the thread's first request). */
  private async answer(first: boolean): Promise<Evaluated> {
    if (first) {
      const ready = await this.next();
      if (ready.kind === 'failed') throw new PolicyError(`cannot load the policy bundle: ${oneLine(ready.message)}`);
    }
    const answer = await this.next();
    if (answer.kind === 'failed') throw new PolicyError(`evaluation failed: ${oneLine(answer.message)}`);
    if (answer.kind !== 'evaluated') throw stopped(`answered ${answer.kind} instead of a result`);
    return answer;
  }

  /** Ends the thread (and frees its memory); nothing is waited for any more. */
  async end(): Promise<void> {
    this.failure ??= stopped('was ended');
    await this.worker.terminate();
  }

  private next(): Promise<WorkerReply> {
    const reply = this.replies.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private settle() {
    const waiting = this.waiting as NonNullable<WasmThread['waiting']>;
    this.waiting = null;
    return waiting;
  }

  private fail(error: Error) {
    this.failure ??= error;
    if (this.waiting) this.settle().reject(this.failure);
  }
}

function stopped(what: string, cause?: unknown): PolicyError {
  return new PolicyError(`the evaluation thread ${what}; nothing was evaluated`, undefined, { cause });
}
