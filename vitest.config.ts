import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Golden files are never written in CI: vitest fails on a missing or different snapshot when CI is set.
  },
});
