import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs each mutant against (stryker.config.mjs): the core's unit and rule tests.
 * The property and model tests of machines/test/ take minutes per run and are left out.
 * `MUTATION_TESTS` (comma-separated globs) narrows them, to measure one file against its own tests
 * quickly: `MUTATION_TESTS='machines/engine/**' npx stryker run --mutate machines/engine/clock.ts`.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'machines/engine/**/*.test.ts',
      'machines/actors/**/*.test.ts',
      'machines/scenario/**/*.test.ts',
    ],
    testTimeout: 30_000,
  },
});
