import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The end-to-end suites: whole CLI processes, the example end to end, the look-alike over HTTP, the Action's run
 * script and actionlint, the WASM/OPA differential, the summary in a real browser, `opa test`/`opa fmt`/`opa check`
 * over the policies, the benchmark document. They run only with UAR_SLOW=1 — the one switch, which `npm test` (the
 * README's test command) and `.ci/run` turn on. Without it (`npx vitest run`, `npm run test:fast`) the fast suites
 * run: units, report goldens, the engine on real OPA and WASM.
 */
export const SLOW_SUITES = [
  'test/cli/**',
  'test/e2e/**',
  'test/lookalike/**',
  'test/source/segment/collect-lookalike.test.ts',
  'test/source/segment/variants.test.ts',
  'test/action/action-run.test.ts',
  'test/action/actionlint.test.ts',
  'test/action/keep-evidence.test.ts',
  'test/action/child-env.test.ts',
  'test/engine/differential.test.ts',
  'test/policies/**',
  'test/authoring/test-policies.test.ts',
  'test/authoring/compliance-repo.test.ts',
  'test/bench/**',
  'test/browser/**',
  'test/reliability/bad-input.test.ts',
  'test/reliability/secrets-scan.test.ts',
  'test/reliability/out-dir.test.ts',
  'test/reliability/fault-matrix.test.ts',
  'test/reliability/signals.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(process.env.UAR_SLOW === '1' ? [] : SLOW_SUITES)],
    restoreMocks: true,
    // Node loads the TypeScript sources of the threads the code starts (the engine's evaluation thread).
    execArgv: ['--import', './test/helpers/ts-hooks.mjs'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Golden files are never written in CI: vitest fails on a missing or different snapshot when CI is set.
  },
});
