/** Builtins the runner provides to WASM policies (the SDK and the WASM module provide the rest). */
import { timeBuiltins } from './time.js';

export type Builtin = (...args: unknown[]) => unknown;

/** A host builtin that throws would abort the whole evaluation; OPA makes the expression undefined instead. */
function undefinedOnError(fn: Builtin): Builtin {
  return (...args) => {
    try {
      return fn(...args);
    } catch {
      return undefined;
    }
  };
}

export function runnerBuiltins(now: () => Date): Record<string, Builtin> {
  return Object.fromEntries(Object.entries(timeBuiltins(now)).map(([name, fn]) => [name, undefinedOnError(fn)]));
}

/** Names only (for the capabilities file). */
export const RUNNER_BUILTINS: Record<string, Builtin> = runnerBuiltins(() => new Date(0));
