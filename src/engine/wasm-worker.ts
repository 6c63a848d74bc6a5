/**
 * The evaluation thread (a node:worker_threads Worker started by wasm-thread.ts): it instantiates the module as
 * soon as it starts (while the main thread reads the document), answers `ready`, evaluates its request
 * (wasm-run.ts) and answers with the result. In a chunked evaluation (chunked.ts) it gets several requests (the
 * next one sent while one is evaluated), evaluated one after another, in order, on the same instance (OPA resets
 * its heap per evaluation), or on a new one after an evaluation failed. Its WASM memory goes with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toError } from '../errors.js';
import type { EvaluateRequest, WorkerReply, WorkerStart } from './wasm-protocol.js';
import { loadRunner } from './wasm-run.js';

const port = parentPort;
const reply = (message: WorkerReply) => port?.postMessage(message);

try {
  let runner = await loadRunner(workerData as WorkerStart);
  reply({ kind: 'ready' });
  // Requests may arrive while one is evaluated (chunked.ts sends the next one ahead): one after another, in order.
  let queue = Promise.resolve();
  const answer = async (request: EvaluateRequest) => {
    try {
      const answer = runner.evaluate(request);
      // A failed evaluation may leave the instance's memory in any state: the next request gets a new one.
      if ('error' in answer.main) runner = await loadRunner(workerData as WorkerStart);
      reply(answer);
    } catch (thrown) {
      reply({ kind: 'failed', message: toError(thrown).message });
    }
  };
  port?.on('message', (request: EvaluateRequest) => {
    queue = queue.then(() => answer(request));
  });
} catch (thrown) {
  reply({ kind: 'failed', message: toError(thrown).message });
}
