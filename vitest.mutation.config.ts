import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs each mutant against (stryker.config.mjs): the core's unit and rule tests.
 * The property and model tests of machines/test/ take minutes per run and are left out.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    include: ['machines/engine/**/*.test.ts', 'machines/actors/**/*.test.ts', 'machines/scenario/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
