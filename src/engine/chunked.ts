/**
 * Chunked evaluation (chunks.ts says what it promises): the controls evaluated whole get one pass over the
 * document (`uar/groups/whole`), the user-scoped ones a pass per slice of users (`uar/groups/by_user`); each
 * pass's input keeps what its controls declare they read (`reads`), when they all declare it. The passes are
 * shared among the threads (two slices, the whole pass, then the other slices); each thread evaluates its passes
 * one after another, keeping its WASM instance (OPA resets its heap per evaluation), with the next passes already
 * sent to it (so it does not wait while this thread makes them or does other work), and is ended when no pass is
 * left (or the answer is no longer wanted: `signal`). Each pass is read like a one-pass answer (answer.ts), as it
 * is answered; a control's error in any slice makes it `error` with that slice's line (the first slice's in slice
 * order), never a pass; otherwise its outputs merge (chunks.ts).
 */
import type { AccessDocument } from '../model/document.js';
import type { ControlMeta, PolicyOutput } from '../model/result.js';
import { type AnswerRead, readAnswer, sizeText } from './answer.js';
import {
  type Input,
  type KeyedOutput,
  keyed,
  mergeKeyed,
  projectedInput,
  projection,
  type UserSlices,
} from './chunks.js';
import type { ControlScope } from './inspect.js';
import { BY_USER_ENTRYPOINT, controlEntrypoint, WHOLE_ENTRYPOINT } from './main-rego.js';
import type { Evaluated, EvaluateRequest } from './wasm-protocol.js';
import type { WasmThread } from './wasm-thread.js';

export interface ChunkedEvaluation {
  document: AccessDocument;
  /** What every request carries besides its input and entrypoints. */
  request: Pick<EvaluateRequest, 'params' | 'now' | 'params_entrypoint'>;
  byUser: ControlMeta[];
  whole: ControlMeta[];
  modules: Map<string, string | undefined>;
  rules: Record<string, string[]>;
  scopes: Record<string, ControlScope>;
  /** The slices, the first already taken (`first`), more to come. */
  slices: UserSlices;
  first: Input;
  /** The threads: started, or started when first needed. */
  threads: (WasmThread | (() => WasmThread))[];
  /** Aborts when the answer is no longer wanted: the threads end at once. */
  signal?: AbortSignal;
}

/**
 * Passes sent to a thread and not yet answered: the one it evaluates and the next two, so that it does not wait
 * while this thread is busy with other work for a while (review.ts: the access summary); fewer as the slices run
 * out, so that no thread still has several to evaluate when the others have none.
 */
const AHEAD = 3;

interface Pass {
  index: number;
  request: EvaluateRequest;
  size: string;
}

export async function evaluateChunked(run: ChunkedEvaluation): Promise<AnswerRead> {
  const entrypoints = (controls: ControlMeta[]) =>
    [...new Set(controls.flatMap((c) => run.modules.get(c.id) ?? []))].map(controlEntrypoint);
  const pass = (index: number, input: Input, main: string, controls: ControlMeta[]): Pass => ({
    index,
    size: sizeText(input.byteLength),
    request: {
      ...run.request,
      input: input.buffer as ArrayBuffer,
      main,
      controls: entrypoints(controls),
    },
  });
  // The slice already made goes first (a thread starts on it at once), then a second one (quickly made, for the
  // second thread), then the whole pass (the longest to make), then the other slices.
  let slices = 0;
  let wholeSent = false;
  let stopped = false;
  let first: Input | null = run.first;
  const next = (): Pass | null => {
    if (stopped) return null;
    if (!wholeSent && (slices >= 2 || run.slices.done)) {
      wholeSent = true;
      const keep = projection(
        run.whole.map((c) => c.id),
        run.scopes,
      );
      return pass(0, projectedInput(run.document, keep), WHOLE_ENTRYPOINT, run.whole);
    }
    const input = first ?? run.slices.take();
    first = null;
    return input ? pass(++slices, input, BY_USER_ENTRYPOINT, run.byUser) : null;
  };

  // Each answer is read as it comes (while the threads evaluate other passes); what it throws is thrown at the
  // end, the first pass's in pass order, as if the answers had been read in that order.
  const reads: ({ read: AnswerRead; keyed: Map<string, KeyedOutput> } | { thrown: unknown })[] = [];
  const read = (index: number, answer: Evaluated, size: string) => {
    try {
      const read = readAnswer(answer, index === 0 ? run.whole : run.byUser, run.modules, run.rules, size);
      reads[index] = { read, keyed: new Map([...read.outputs].map(([id, output]) => [id, keyed(output)])) };
    } catch (thrown) {
      reads[index] = { thrown };
    }
  };
  const work = async (slot: WasmThread | (() => WasmThread)) => {
    let thread: WasmThread | null = typeof slot === 'function' ? null : slot;
    const abandon = () => {
      stopped = true;
      thread?.end().catch(() => {});
    };
    run.signal?.addEventListener('abort', abandon, { once: true });
    try {
      // Each thread has the passes after the one it evaluates already sent: it need not wait for this thread.
      const sent: { index: number; size: string; answer: Promise<Evaluated> }[] = [];
      const send = () => {
        const ahead = 1 + Math.min(AHEAD - 1, Math.floor(run.slices.left() / run.threads.length));
        const p = sent.length < ahead ? next() : null;
        if (!p) return false;
        thread ??= (slot as () => WasmThread)();
        const answer = thread.ask(p.request);
        answer.catch(() => {}); // read below, in order; a failure before then is not unhandled
        sent.push({ index: p.index, size: p.size, answer });
        return true;
      };
      send(); // one pass to each thread first, then the next one each
      await null;
      while (send());
      for (let p = sent.shift(); p; p = sent.shift()) {
        const answer = await p.answer;
        while (send());
        read(p.index, answer, p.size);
      }
    } catch (error) {
      stopped = true; // the other threads take no further pass
      throw error;
    } finally {
      run.signal?.removeEventListener('abort', abandon);
      // Not awaited: the thread tears down (and frees its memory) on its own while this one goes on.
      thread?.end().catch(() => {});
    }
  };
  const settled = await Promise.allSettled(run.threads.map(work));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;

  for (const r of reads) if ('thrown' in r) throw r.thrown;
  const [whole, ...parts] = reads as { read: AnswerRead; keyed: Map<string, KeyedOutput> }[] as [
    { read: AnswerRead; keyed: Map<string, KeyedOutput> },
    ...{ read: AnswerRead; keyed: Map<string, KeyedOutput> }[],
  ];
  // Every output in the merged order (a whole pass's too: one part), so evaluate.ts need not sort them again.
  const outputs = new Map<string, PolicyOutput>();
  for (const [id, output] of whole.keyed) outputs.set(id, mergeKeyed([output]));
  const errors = new Map<string, string>(whole.read.errors);
  for (const control of run.byUser) {
    const error = parts.find((p) => p.read.errors.has(control.id))?.read.errors.get(control.id);
    if (error !== undefined) errors.set(control.id, error);
    else outputs.set(control.id, mergeKeyed(parts.map((p) => p.keyed.get(control.id) as KeyedOutput)));
  }
  return { params: whole.read.params, outputs, errors };
}
