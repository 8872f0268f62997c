import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { expect, sharedPage } from './fixtures';

// One page for the file, the app started afresh (empty storage) for each test: issue #21.
const shared = sharedPage();

/** Pastes text anywhere in the window, as Ctrl/⌘+V outside a text field does. */
const paste = (page: import('@playwright/test').Page, text: string) =>
  page.evaluate((json) => {
    const data = new DataTransfer();
    data.setData('text/plain', json);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);

const fateRow = (page: import('@playwright/test').Page, name: string) =>
  page.getByRole('region', { name: 'Fates' }).getByRole('row', { name });

test('save downloads the scenario; opening it again gives the same document', async () => {
  const { page } = shared;
  await shared.fresh();
  await page.getByLabel('Scenario title').fill('Round trip');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('round-trip.ringside.json');
  const saved = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(saved)).toMatchObject({ format: 'ringside.scenario/v1', title: 'Round trip' });

  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Main thread blocked for 8 s' });
  await page
    .getByLabel('Open a scenario file')
    .setInputFiles({ name: 'round-trip.ringside.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(page.getByLabel('Scenario title')).toHaveValue('Round trip');
  await expect(page.getByRole('status')).toContainText('Opened round-trip.ringside.json');
  await expect(fateRow(page, 'push call-1, voip, fate stale')).toBeVisible();
});

test('in the web app, Ctrl+S saves (downloads) the scenario and Ctrl+O opens a file, even from a text field', async () => {
  const { page } = shared;
  await shared.fresh();
  const title = page.getByLabel('Scenario title');
  await title.fill('Saved by key');
  // The focus is still in the title field: the keys are the document's, not the browser's.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  expect(download.suggestedFilename()).toBe('saved-by-key.ringside.json');
  expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toMatchObject({ title: 'Saved by key' });

  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Main thread blocked for 8 s' });
  // Playwright starts catching file choosers when asked to wait for one; a key press (unlike a click,
  // which waits for its target) can get there first, so one round trip to the page lets it catch up.
  const choosing = page.waitForEvent('filechooser');
  await page.evaluate(() => undefined);
  await page.keyboard.press('Control+o');
  await (await choosing).setFiles(await download.path());
  await expect(title).toHaveValue('Saved by key');
});

test('replacing a document with unsaved edits asks first; cancel keeps the edits', async () => {
  const { page } = shared;
  await shared.fresh();
  await page.getByLabel('Scenario title').fill('My edits');
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Main thread blocked for 8 s' });
  await expect
    .poll(() => asked)
    .toEqual([
      '“My edits” has unsaved edits. Discard them and open the preset “Main thread blocked for 8 s”? Cancel keeps them.',
    ]);
  await expect(page.getByLabel('Scenario title')).toHaveValue('My edits');

  const text = readFileSync('scenarios/report-after-fetch.ringside.json', 'utf8');
  page.once('dialog', (dialog) => void dialog.accept());
  await paste(page, text);
  await expect(page.getByLabel('Scenario title')).toHaveValue('Reporting after a network fetch crashes the app');

  // Saved (downloaded) work is not asked about.
  await page.getByLabel('Scenario title').fill('Saved edits');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'Main thread blocked for 8 s' });
  await expect(page.getByLabel('Scenario title')).toHaveValue('Main thread blocked for 8 s');
  expect(asked).toHaveLength(1);
});

test('an invalid file shows its errors and keeps the current document', async () => {
  const { page } = shared;
  await shared.fresh();
  const bad = JSON.stringify({
    format: 'ringside.scenario/v1',
    title: 'Bad',
    duration: '60s',
    timeline: [{ at: '5x', do: 'push', id: 'c' }],
  });
  await page
    .getByLabel('Open a scenario file')
    .setInputFiles({ name: 'bad.ringside.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert')).toContainText('bad.ringside.json: timeline[0].at: "5x" is not a duration');
  await expect(page.getByLabel('Scenario title')).toHaveValue('Cancelled while in flight mode');
});

test('copy link puts the scenario in the URL; opening that link restores it', async () => {
  const { page } = shared;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await shared.fresh();
  await page.getByLabel('Scenario title').fill('Shared by link');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status')).toContainText('Link copied');
  const url = page.url();
  expect(url).toMatch(/#s=[A-Za-z0-9_-]+&v=/);
  // The link opened as by someone else: a new document with empty storage (no autosaved copy to fall
  // back on), which is what `fresh` starts. The app keeps nothing outside its document and local
  // storage, so a browser of its own (a new context and two pages, each a renderer process started
  // for one boot: a third of this test's CPU time) would hold nothing more for the link to miss.
  await shared.fresh(url);
  await expect(page.getByLabel('Scenario title')).toHaveValue('Shared by link');
  // The view travels too: the selected push and the playhead.
  await fateRow(page, 'push call-1, voip, fate stale').click();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await shared.fresh(page.url());
  await expect(page.getByRole('region', { name: 'State at playhead' })).toContainText('State at 1 min');
  await expect(page.getByRole('region', { name: 'Why' })).toContainText('Why call-1');
});

test('pasting scenario JSON opens it', async () => {
  const { page } = shared;
  await shared.fresh();
  const text = readFileSync('scenarios/report-after-fetch.ringside.json', 'utf8');
  await paste(page, text);
  await expect(page.getByLabel('Scenario title')).toHaveValue('Reporting after a network fetch crashes the app');
  await expect(fateRow(page, 'push call-1, voip, fate crashed')).toBeVisible();
});

test('the report downloads as Markdown with every push and fate', async () => {
  const { page } = shared;
  await shared.fresh();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Download a report').selectOption('md'),
  ]);
  expect(download.suggestedFilename()).toBe('cancelled-while-in-flight-mode.report.md');
  const md = readFileSync(await download.path(), 'utf8');
  expect(md).toContain('# Cancelled while in flight mode');
  expect(md).toContain('| call-1 | voip | 0 s | 27 s | **stale** (late) |');
  expect(md).toContain('| cancel-call-1 | alert | 5 s | 27 s | **delivered** |');
});

test('the report downloads as a printable HTML page that shows every push, fate and rule', async ({ browser }) => {
  const { page } = shared;
  await shared.fresh();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Download a report').selectOption('html'),
  ]);
  expect(download.suggestedFilename()).toBe('cancelled-while-in-flight-mode.report.html');
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).not.toContain('<script');
  // Open it as a page of its own, the way a support person would before printing it. (Not written into
  // the app's page: the app's idle preloading of its views went on there, under the report's CSP.)
  const report = await browser.newPage();
  await report.setContent(html);
  await expect(report.locator('h1')).toHaveText('Cancelled while in flight mode');
  await expect(report.locator('body')).toContainText('call-1');
  await expect(report.locator('body')).toContainText('stale');
  await expect(report.locator('body')).toContainText('cancel-call-1');
  await expect(report.locator('body')).toContainText('APNS-2');
  await report.emulateMedia({ media: 'print' });
  await report.screenshot({ path: 'e2e/screenshots/report-print.png', fullPage: true });
  await report.close();
});

test('the working copy is autosaved and offered back after a reload', async () => {
  const { page } = shared;
  await shared.fresh();
  await page.getByLabel('Scenario title').fill('Work in progress');
  // The copy follows the document every couple of seconds (useAutosave's EVERY_MS): wait until it holds
  // the edit rather than a fixed time, which a busy machine may overrun or a quiet one waste.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          Object.keys(localStorage)
            .filter((k) => k.startsWith('ringside.autosave.'))
            .map((k) => (JSON.parse(localStorage.getItem(k)!) as { file: { title: string } }).file.title),
        ),
      { timeout: 15_000 },
    )
    .toEqual(['Work in progress']);
  await page.reload();
  await expect(page.getByLabel('Scenario title')).toHaveValue('Cancelled while in flight mode');
  await expect(page.getByRole('status')).toContainText('Unsaved work from');
  await page.getByRole('button', { name: 'Restore it' }).click();
  await expect(page.getByLabel('Scenario title')).toHaveValue('Work in progress');
  // Restoring is an edit: undo goes back to what the page opened with.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Scenario title')).toHaveValue('Cancelled while in flight mode');
});

test('the timeline exports as SVG with its lanes and a legend, and as a 2× PNG', async () => {
  const { page } = shared;
  await shared.fresh();
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Export the timeline').selectOption('svg'),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('cancelled-while-in-flight-mode.timeline.svg');
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  for (const lane of [
    'Provider',
    'APNs',
    'Network &amp; power',
    'callservicesd',
    'App process',
    'CallKit &amp; audio',
  ]) {
    expect(svg).toContain(`>${lane}<`);
  }
  expect(svg).toContain('call-1 · stale');
  expect(svg).toContain('Fates: ✓ rang');

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Export the timeline').selectOption('png'),
  ]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const width = png.readUInt32BE(16);
  const box = (await page.getByRole('application', { name: 'Timeline', exact: true }).boundingBox())!;
  expect(width).toBe(Math.round(box.width * 2));
});
