// Lets Node itself load the TypeScript sources, for the threads the code under test starts (the engine's
// evaluation thread, src/engine/wasm-worker.ts): vitest transforms the test files, but a node:worker_threads
// Worker loads its modules through Node. vitest.config.ts passes this file to its processes with `--import`;
// their Workers inherit it.
import { register } from 'node:module';

register('./ts-loader.mjs', import.meta.url);
