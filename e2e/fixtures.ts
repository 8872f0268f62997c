import { expect, test as base, type Browser, type Page } from '@playwright/test';

/** `test` that fails on any console error or uncaught page error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      expect(errors, 'console or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The toolbar, which holds the preset menu and the title field: their labels are looked for in it alone.
 * A label query visits every element it is given and works out its labels; over the whole page that is
 * thousands of the timeline's elements (a profile of 23 preset loads: ~0.9 s of the renderer's 2 s of
 * script was Playwright's label queries, and again at each retry of an expect).
 */
export const toolbar = (page: Page) => page.locator('.toolbar');

/** The titles of the bundled presets, as the toolbar's menu lists them (its heading left out). */
export async function presetTitles(page: Page): Promise<string[]> {
  const options = toolbar(page).getByLabel('Preset', { exact: true }).locator('option');
  return (await options.allTextContents()).filter((t) => !t.startsWith('Presets ('));
}

/** Picks a preset from the toolbar's menu by its title and waits until it is loaded. */
export async function loadPreset(page: Page, title: string): Promise<void> {
  await toolbar(page).getByLabel('Preset', { exact: true }).selectOption({ label: title });
  await expect(toolbar(page).getByLabel('Scenario title')).toHaveValue(title);
  // The preset's result comes from the worker: wait until it is the one on screen.
  await idle(page);
}

/**
 * Waits until the app is idle: the latest run's result on screen, in the timeline and in the panels
 * (which follow a deferred render behind it). No limit of its own, as a boot (see BOOT_TIMEOUT): a big
 * document's run and its panels take longer than expect's 5 s on a loaded machine. A count, not
 * `toHaveAttribute`: for every poll that does not match, Playwright renders an ARIA snapshot of the
 * element for the error message, and `.app` is the whole editor (a profile of 23 preset loads: 0.7 s
 * of the renderer's time went to those snapshots). A count is matched without one.
 */
export async function idle(page: Page): Promise<void> {
  await expect(page.locator('.app[aria-busy="false"]')).toHaveCount(1, { timeout: BOOT_TIMEOUT });
}

/** The session-storage key `SharedPage.fresh` leaves for the next document to clear storage. */
const FRESH_FLAG = 'ringside.e2e.fresh';

/**
 * How long a boot may take for its first result, or a picked preset for its own: no limit of its own
 * (0), as a per-test page's boot had none: the test's or hook's timeout bounds it (on a loaded machine
 * a big scenario's first run takes longer than expect's 5 s, or 30 s).
 */
export const BOOT_TIMEOUT = 0;

/** One page that every test of a file shares (see `sharedPage`). */
export interface SharedPage {
  /** The page; valid inside a test, after the file's `beforeAll`. The app is not open on it until `fresh()`. */
  readonly page: Page;
  /**
   * Starts the app again from nothing on the same page: autosave and session storage cleared, the
   * address back to `path` (default '/'), and the first result on screen. Much cheaper than a new
   * page: no new browser context or renderer process.
   */
  fresh(path?: string): Promise<void>;
}

/** The page of this worker's shared-page files, its console and page errors, and the browser it is in. */
let tab: { page: Page; errors: string[]; browser: Browser } | undefined;

/**
 * This worker's shared page, opened on its first use: a new browser context and renderer process cost
 * more than the app's boot itself, and a context's HTTP and code caches make later boots cheaper
 * (issue #21: a page per file was ~2 s of each file's beforeAll on a busy machine).
 */
async function workerTab(browser: Browser, baseURL: string | undefined): Promise<NonNullable<typeof tab>> {
  if (tab && tab.browser === browser && !tab.page.isClosed()) return tab;
  // A context of its own rather than browser.newPage's, which may hold no other page: a test can open
  // tabs beside this page, where the app's scripts are already in the HTTP and code caches.
  const page = await (await browser.newContext({ baseURL })).newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  // `fresh()` marks the tab; the next document of the app's origin then starts with empty storage,
  // cleared before any of the app's scripts runs (the old page is gone by then: it cannot autosave).
  await page.addInitScript((flag) => {
    try {
      if (sessionStorage.getItem(flag) === null) return;
      localStorage.clear();
      sessionStorage.clear();
    } catch {
      // about:blank has no storage
    }
  }, FRESH_FLAG);
  tab = { page, errors, browser };
  return tab;
}

/**
 * Registers hooks that give the tests of the calling file (or `describe`) one page and returns it.
 * Issue #21: a new browser context and renderer process per test was most of the e2e suite's time (a
 * test's own work is often a tenth of its boot), and spawning them is what loaded the machine; the
 * files of a worker now share one page too. Each file gets it as a new page would be, before the app
 * is opened on it: parked on about:blank with its storage to be cleared, at the file's viewport, in the
 * light scheme with no reduced motion unless asked, with no permissions granted, no dialog handler and
 * the mouse at the corner. Each test starts the app with `fresh()` (most do: a test of its own from
 * nothing), or the file's own `beforeAll` does, for tests that go on from one another on one app.
 * Starting it here too cost a boot (~1 CPU s) in each file whose first test starts it again (issue #21).
 * Use it with Playwright's plain `test`, not this file's `test`: that one's console check asks for a
 * `page` per test and would open one anyway. Console and page errors are collected here and fail the
 * test they happen in. A test that fails ends its worker; the next worker opens a fresh page for the
 * tests after it, so one failure never poisons the rest.
 */
export function sharedPage(
  options: { viewport?: { width: number; height: number }; reducedMotion?: boolean } = {},
): SharedPage {
  let page: Page | undefined;
  let errors: string[] = [];
  base.beforeAll(async ({ browser }, info) => {
    const { baseURL, viewport, colorScheme } = info.project.use;
    ({ page, errors } = await workerTab(browser, baseURL));
    // What an earlier file left on the page: its handlers, its grants, its emulation, its pointer.
    page.removeAllListeners('dialog');
    await page.context().clearPermissions();
    const size = options.viewport ?? viewport;
    if (size) await page.setViewportSize(size);
    await page.emulateMedia({
      media: null,
      colorScheme: colorScheme ?? 'light',
      reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    });
    await page.mouse.move(0, 0);
    // Parked on about:blank by the last file (its storage to be cleared) or new (its storage empty).
    if (page.url() !== 'about:blank') await park(page);
  });
  base.afterAll(async () => {
    // Parked between files: an app left running (a 12,000-push timeline) would go on using the CPU
    // while the worker's other files run.
    if (page && !page.isClosed() && page.url().startsWith('http')) await park(page);
  });
  base.afterEach(() => {
    expect(errors.splice(0), 'console or page errors').toEqual([]);
  });
  return {
    get page(): Page {
      if (!page) throw new Error('sharedPage: the page is opened in beforeAll; use it inside a test');
      return page;
    },
    async fresh(path = '/') {
      const p = this.page;
      await restart(p, path);
      await idle(p);
    },
  };
}

// --- Helpers for the shared-page specs and the load-independent checks (issue #21). ---

/**
 * Starts the app again on `page` at `path` with empty storage, as `SharedPage.fresh` does, but waits
 * for nothing: for tests that check what the page shows while it opens (a refused link's message).
 */
export async function restart(page: Page, path: string): Promise<void> {
  await park(page);
  await page.goto(path);
}

/**
 * Leaves `page`, open on the app, for about:blank, its storage to be cleared when it next opens the app
 * (see `SharedPage.fresh`): its app is gone, so it writes nothing more.
 */
export async function park(page: Page): Promise<void> {
  // Parked already (or new): about:blank has no storage, and no app to leave.
  if (page.url() === 'about:blank') return;
  await page.evaluate((flag) => sessionStorage.setItem(flag, '1'), FRESH_FLAG);
  await page.goto('about:blank');
}

/** CPU time used so far, in ms: by a page's main thread, and by its whole renderer process (its workers too). */
export interface CpuTime {
  readonly main: number;
  readonly process: number;
}

/**
 * Reads how much CPU time `page` has used so far (Chromium's ThreadTime and ProcessTime metrics).
 * Unlike wall-clock time it does not grow when the machine is busy: a budget on it holds under any
 * load (issue #21). Valid while the page's document stays in the same renderer process: make a new
 * one after a navigation.
 */
export async function cpuClock(page: Page): Promise<() => Promise<CpuTime>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const read = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { main: read('ThreadTime'), process: read('ProcessTime') };
  };
}

/**
 * The main-thread CPU time, in ms, of a fixed piece of synchronous work (parsing 20,000 pushes' JSON
 * five times) on `page`: the yardstick a budget in `cpuClock` time is written in, so the budget
 * follows the machine's speed. The best of three runs, so a stray task's time is not counted.
 */
export async function probeWork(page: Page, clock: () => Promise<CpuTime>): Promise<number> {
  const cpu = async () => (await clock()).main;
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const before = await cpu();
    await page.evaluate(() => {
      const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ at: i, do: 'push', id: `p${i}` })));
      for (let i = 0; i < 5; i++) JSON.parse(text);
    });
    best = Math.min(best, (await cpu()) - before);
  }
  return best;
}
