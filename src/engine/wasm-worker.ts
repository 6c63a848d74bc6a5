/**
 * The evaluation thread (a node:worker_threads Worker started by wasm-thread.ts): it instantiates the module as
 * soon as it starts (while the main thread reads the document), answers `ready`, evaluates its one request
 * (wasm-run.ts) and answers with the result. Its WASM memory goes with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toError } from '../errors.js';
import type { EvaluateRequest, WorkerReply, WorkerStart } from './wasm-protocol.js';
import { loadRunner } from './wasm-run.js';

const port = parentPort;
const reply = (message: WorkerReply) => port?.postMessage(message);

try {
  const runner = await loadRunner(workerData as WorkerStart);
  reply({ kind: 'ready' });
  port?.once('message', (request: EvaluateRequest) => {
    try {
      reply(runner.evaluate(request));
    } catch (thrown) {
      reply({ kind: 'failed', message: toError(thrown).message });
    }
  });
} catch (thrown) {
  reply({ kind: 'failed', message: toError(thrown).message });
}
