import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

// A second checkout running its own e2e suite at the same time sets E2E_PORT, so neither reuses the other's server.
const PORT = process.env.E2E_PORT ?? '4173';

/**
 * End-to-end tests run the BUILT renderer (npm run build) in the browser scripts/browser.mjs resolves:
 * CHROMIUM_PATH, Playwright's own Chromium, or Debian's /usr/bin/chromium (this machine and CI).
 */
export default defineConfig({
  testDir: 'e2e',
  // Inside test-results/ but apart from the unit and scenario reports, which Playwright would wipe.
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
