// Prints one closing line, `ringside: N passed, N failed[, N skipped]`, from the JSON reports that
// `npm test` leaves in test-results/ (Vitest and Playwright). Missing reports count as nothing run.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const vitest = read('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}

const playwright = read('test-results/playwright.json');
if (playwright?.stats) {
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
}

// ringside check's JUnit report: one testcase per scenario expectation.
if (existsSync('test-results/scenarios-junit.xml')) {
  const head = /<testsuites[^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)"/.exec(
    readFileSync('test-results/scenarios-junit.xml', 'utf8'),
  );
  if (head) {
    const [tests, failures, errors] = head.slice(1).map(Number);
    passed += tests - failures - errors;
    failed += failures + errors;
  }
}

console.log(`ringside: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
