// Mutation testing of the core's most load-bearing files (`npm run mutation`; not in CI: too slow).
// Each mutant is run against the unit and rule tests of machines/ that cover it
// (vitest.mutation.config.ts leaves out the slow property tests of machines/test/).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'machines/engine/clock.ts',
    'machines/engine/journal.ts',
    'machines/actors/callServices/throttle.ts',
    'machines/actors/callServices/reportCheck.ts',
    'machines/scenario/load.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-results/mutation/index.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
