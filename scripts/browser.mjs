// Which browser the end-to-end tests run in, on any machine. A pure function of what it is given (the
// platform, the environment, a file-exists check, Playwright's browser path and an installer), so each
// platform's case is a unit test here (scripts/browser.test.ts), and wired to the real ones below.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Debian's Chromium: what this machine and CI use, since no browser download is possible there. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags Debian's build needs here (root, no GPU, no network side traffic); Playwright's own needs none. */
export const DEBIAN_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const INSTALL_COMMAND = 'npx playwright install chromium';

const withArgs = (path, source) => ({ path, args: path === DEBIAN_CHROMIUM ? DEBIAN_ARGS : [], source });

/**
 * The browser, in this order: `CHROMIUM_PATH`; Playwright's own Chromium when installed; on Linux,
 * Debian's `/usr/bin/chromium` (before any download, so a machine that has it never tries one); then
 * Playwright's Chromium installed on this first need, where an installer is given. Otherwise `problem`:
 * one line naming what is missing and the command that fixes it.
 *
 * @param {import('./browser.mjs').BrowserDeps} deps
 * @returns {import('./browser.mjs').Browser}
 */
export function resolveBrowser({ platform, env, exists, playwrightChromium, install }) {
  const override = env.CHROMIUM_PATH;
  if (override) {
    // Set on purpose: a wrong value is an error, not a reason to pick some other browser silently.
    return exists(override)
      ? withArgs(override, 'CHROMIUM_PATH')
      : {
          problem: `ringside: CHROMIUM_PATH=${override} is not a file, so the end-to-end tests have no browser. Fix: point CHROMIUM_PATH at a Chromium or Chrome, or unset it and run ${INSTALL_COMMAND}`,
        };
  }
  const own = () => {
    const path = playwrightChromium();
    return path && exists(path) ? withArgs(path, 'playwright') : undefined;
  };
  const found = own();
  if (found) return found;
  if (platform === 'linux' && exists(DEBIAN_CHROMIUM)) return withArgs(DEBIAN_CHROMIUM, 'debian');
  if (install?.()) {
    const installed = own();
    if (installed) return installed;
  }
  const debian = platform === 'linux' ? ` (on Debian or Ubuntu: sudo apt-get install chromium)` : '';
  return {
    problem: `ringside: no browser for the end-to-end tests (Playwright's Chromium is not installed${install ? ' and installing it failed' : ''}${platform === 'linux' ? `, no ${DEBIAN_CHROMIUM}` : ''}). Fix: ${INSTALL_COMMAND}${debian}, or set CHROMIUM_PATH`,
  };
}

const require = createRequire(import.meta.url);

/** Where Playwright keeps (or would keep) its Chromium; undefined where Playwright has no build. */
export function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

/** `playwright install chromium`, run by node itself (no shell, so no .cmd or quoting trap on Windows). */
export function installPlaywrightChromium(log = (line) => process.stderr.write(`${line}\n`)) {
  let cli;
  try {
    cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  } catch {
    return false;
  }
  log(`ringside: installing Playwright's Chromium for the end-to-end tests (${INSTALL_COMMAND})…`);
  const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 600_000 });
  return result.status === 0;
}

/**
 * The browser on this machine. `install: true` may download Playwright's Chromium (the preflight
 * does); the Playwright config only looks, so loading it never starts a download.
 *
 * @param {{ install?: boolean }} [options]
 */
export function systemBrowser({ install = false } = {}) {
  return resolveBrowser({
    platform: process.platform,
    env: process.env,
    exists: existsSync,
    playwrightChromium,
    install: install ? () => installPlaywrightChromium() : undefined,
  });
}

/**
 * The step `npm test` runs before anything else: 0 when the end-to-end tests will have a browser;
 * else the one-line problem on stderr and 1, within seconds instead of after the unit suite.
 *
 * @param {import('./browser.mjs').Browser} browser
 * @param {(line: string) => void} [writeError]
 */
export function preflight(browser, writeError = (line) => process.stderr.write(`${line}\n`)) {
  if (!browser.problem) return 0;
  writeError(browser.problem);
  return 1;
}
