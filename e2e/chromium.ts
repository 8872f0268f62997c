import { systemBrowser } from '../scripts/browser.mjs';

// Only looks (never downloads): `npm test`'s preflight has installed Playwright's Chromium if one was needed.
const browser = systemBrowser();
if (browser.problem) console.warn(browser.problem);

/** The end-to-end tests' browser (scripts/browser.mjs says which, in what order); undefined when none. */
export const CHROMIUM_PATH: string | undefined = browser.path;

/** The flags it needs: Debian's Chromium needs some here, Playwright's own none. */
export const CHROMIUM_ARGS: string[] = browser.path ? [...browser.args] : [];
