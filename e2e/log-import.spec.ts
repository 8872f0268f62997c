/**
 * Importing a device log (#26): dropped, pasted or picked, a log opens a preview (each recognised line and
 * what it became, the rest folded, the import's inferences as questions), then the scenario with its
 * Reality vs model panel. Cancel or a refused file keeps the document; a share link carries no log line.
 */
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync, strFromU8 } from 'fflate';
import { test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, cpuClock, expect, sharedPage } from './fixtures';

// One page for the file, the app started afresh (empty storage) for each test: issue #21.
const shared = sharedPage();

const CORPUS = 'machines/log/corpus';
const corpus = (name: string) => readFileSync(join(CORPUS, `${name}.log`), 'utf8');
/** A call reported (seed 003's flow), then a PushKit crash on the next push: the rules part from the log there. */
const REPORTED_THEN_CRASHED =
  corpus('seed-003-setconfiguration') +
  corpus('synthetic-crash-pk1').replaceAll('2026-03-02 09:20:', '2025-10-28 18:29:');

const paste = (page: Page, text: string) =>
  page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);

/** Drops a file onto the window, as dragging it from the desktop does. */
const drop = (page: Page, name: string, bytes: Buffer) =>
  page.evaluate(
    ({ name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, data: [...bytes] },
  );

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Import a device log' });
const reality = (page: Page) => page.getByRole('region', { name: 'Reality vs model' });
const title = (page: Page) => page.getByLabel('Scenario title');
/** The preview, once the worker (a chunk of its own, slow to start on a busy machine) has read the log. */
const previewShown = (page: Page) =>
  expect(dialog(page).getByRole('region', { name: 'Recognised lines' })).toBeVisible({ timeout: BOOT_TIMEOUT });

test('a dropped log opens its preview; opened, Reality vs model shows the log and the rules agree', async () => {
  const { page } = shared;
  await shared.fresh();
  await drop(page, 'synthetic-kill-0xbaadca11.log', Buffer.from(corpus('synthetic-kill-0xbaadca11')));
  await previewShown(page);
  const preview = dialog(page);
  const lines = preview.getByRole('region', { name: 'Recognised lines' }).getByRole('row');
  // The header and the four recognised lines, each with its time, process, text, what it became and rule.
  await expect(lines).toHaveCount(5);
  await expect(lines.nth(1)).toContainText('callservicesd');
  await expect(lines.nth(1)).toContainText('Received incoming APS message');
  await expect(lines.nth(1)).toContainText('VoIP push call-1 reached the phone at 0 s');
  await expect(lines.nth(4)).toContainText('8.074 s');
  await expect(lines.nth(4)).toContainText('call-1 killed');
  await expect(lines.nth(4)).toContainText('KILL-1');
  // The unrecognised line is folded under its count.
  const fold = preview.getByRole('button', { name: '1 line not recognised — show' });
  await expect(preview.getByText('unrelated line the reader does not know')).toHaveCount(0);
  await fold.click();
  await expect(preview.getByText('unrelated line the reader does not know')).toBeVisible();
  // What the import inferred is asked: the delegate at launch, the report, the send time.
  await expect(preview.getByLabel('Does the app set its PushKit delegate during launch? (LAUNCH-2)')).toHaveValue(
    'false',
  );
  await expect(preview.getByLabel('How does the app report a call to CallKit? (PK-1)')).toHaveValue('sync');
  await expect(preview.getByLabel('When did the provider send call-1?')).toBeVisible();
  await preview.screenshot({ path: 'test-results/screens/log-import-preview.png' });

  await preview.getByRole('button', { name: 'Open as scenario' }).click();
  await expect(preview).toHaveCount(0);
  await expect(title(page)).toHaveValue('Imported: synthetic-kill-0xbaadca11.log');
  const row = reality(page).getByRole('listitem', { name: 'call-1: log killed, model killed, agree' });
  await expect(row).toContainText('✓');
  // Both why-chains are there on demand: the log's lines and the model's rules.
  await row.getByText('Both why-chains').click();
  await expect(row).toContainText('line 5');
  await expect(row).toContainText('KILL-1');
});

test('a pasted log where the rules part from it: ✓ where they agree, ≠ with a lead where they do not', async () => {
  const { page } = shared;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await shared.fresh();
  await paste(page, REPORTED_THEN_CRASHED);
  await previewShown(page);
  await dialog(page).getByRole('button', { name: 'Open as scenario' }).click();
  await expect(title(page)).toHaveValue('Imported device log');
  await expect(page.getByRole('status')).toContainText('Opened the pasted log as a scenario (2 pushes)');
  const panel = reality(page);
  await expect(panel.getByRole('listitem', { name: 'call-1: log rang, model rang, agree' })).toContainText('✓');
  const parted = panel.getByRole('listitem', { name: 'call-2: log crashed, model rang, differ' });
  await expect(parted).toContainText('≠');
  await expect(parted).toContainText('the model lacks a rule for what happened here, or a log line was misread');
  // The divergence opens its why-chains: the log's crash lines beside the model's report.
  await expect(parted).toContainText('call-2 crashed');
  await expect(parted).toContainText('PK-1');
  await expect(panel).toContainText('1 of 2 part');
  await panel.screenshot({ path: 'test-results/screens/log-import-reality.png' });
  await page.screenshot({ path: 'test-results/screens/log-import-app.png' });

  // Nothing leaves the machine: the link carries the scenario, not one line of the log.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const fragment = new URL(page.url()).hash.match(/s=([A-Za-z0-9_-]+)/)?.[1] ?? '';
  const linked = strFromU8(inflateSync(Buffer.from(fragment, 'base64url')));
  expect(JSON.parse(linked)).toMatchObject({ title: 'Imported device log' });
  for (const text of ['Received incoming APS message', 'Terminating app due to uncaught exception', '<private>'])
    expect(linked).not.toContain(text);
});

test("an answer changed in the preview goes into the scenario: the rules then part from the log's report", async () => {
  const { page } = shared;
  await shared.fresh();
  await paste(page, corpus('seed-003-setconfiguration'));
  await previewShown(page);
  await dialog(page).getByLabel('How does the app report a call to CallKit? (PK-1)').selectOption('never');
  await dialog(page).getByRole('button', { name: 'Open as scenario' }).click();
  await expect(reality(page).getByRole('listitem', { name: 'call-1: log rang, model crashed, differ' })).toBeVisible();
});

test('cancel keeps the document as it was', async () => {
  const { page } = shared;
  await shared.fresh();
  await title(page).fill('Work in progress');
  await paste(page, corpus('seed-003-null-session'));
  await previewShown(page);
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(title(page)).toHaveValue('Work in progress');
  await expect(reality(page)).toHaveCount(0);
  // Esc cancels too.
  await paste(page, corpus('seed-003-null-session'));
  await previewShown(page);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(title(page)).toHaveValue('Work in progress');
});

test('a binary file is refused with a clear error and the document stays', async () => {
  const { page } = shared;
  await shared.fresh();
  await title(page).fill('Work in progress');
  const binary = Buffer.alloc(200_000, 0);
  binary.write('\x7fELF', 0, 'latin1');
  await drop(page, 'crash.ips.gz', binary);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'crash.ips.gz: cannot import: this is a binary file (it contains NUL bytes), not a text log — nothing was opened.',
  );
  await expect(dialog(page)).toHaveCount(0);
  await expect(title(page)).toHaveValue('Work in progress');
});

test('Import device log… picks a file; a text that is no log, or one too big, is refused at once', async () => {
  const { page } = shared;
  await shared.fresh();
  await title(page).fill('Work in progress');
  const picker = page.getByLabel('Import a device log');
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nworld\n') });
  await expect(page.getByRole('alert')).toContainText('notes.txt: cannot import: no timestamped log lines');
  await expect(title(page)).toHaveValue('Work in progress');

  // A 300 MB file (sparse: nothing to read) is refused on its size, before any of it is read. Not timed
  // (issue #21: a deadline in wall-clock time fails on a busy machine): the file's access time, set in
  // the past, moves on any read of it, so "not one byte read" is checked as such. A mount that records
  // no access times (noatime) cannot tell; the test says so in its annotations.
  const huge = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'huge.log');
  writeFileSync(huge, '');
  truncateSync(huge, 300 * 1024 * 1024);
  const past = new Date('2020-01-01T00:00:00Z');
  utimesSync(huge, past, new Date());
  await picker.setInputFiles(huge);
  await expect(page.getByRole('alert')).toContainText(
    'huge.log: cannot import: the file is 300 MB; the largest log Ringside imports is 256 MB',
    { timeout: 30_000 },
  );
  await expect(title(page)).toHaveValue('Work in progress');
  expect(statSync(huge).atime, 'the refused file was read').toEqual(past);
  // The check can fail: a read of one byte moves the access time on this mount.
  const fd = openSync(huge, 'r');
  readSync(fd, Buffer.alloc(1), 0, 1, 0);
  closeSync(fd);
  if (statSync(huge).atime.getTime() === past.getTime())
    test.info().annotations.push({ type: 'unchecked', description: 'this mount records no access times' });
});

test('a large log is read in a worker with progress, and the page stays responsive', async () => {
  test.setTimeout(90_000);
  const { page } = shared;
  await shared.fresh();
  const entry = corpus('synthetic-five-strikes-throttle').split('\n').slice(3, 4).join('\n');
  // 100 MB on disk: Playwright hands a path to the page without copying it through the protocol.
  const big = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'big.log');
  writeFileSync(big, corpus('seed-003-setconfiguration'));
  const block = `${entry}\n`.repeat(10_000);
  for (let i = 0; i < 110; i++) appendFileSync(big, block);
  expect(statSync(big).size).toBeGreaterThan(100 * 1024 * 1024);
  const cpu = await cpuClock(page);
  const before = await cpu();
  await page.getByLabel('Import a device log').setInputFiles(big);
  await expect(dialog(page).getByRole('heading', { name: 'Reading big.log…' })).toBeVisible();
  await expect(dialog(page).getByRole('progressbar', { name: 'Read so far' })).toBeVisible();
  // The main thread paints while the worker reads (a frame that never comes is a hang: the test's timeout).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  await expect(dialog(page).getByRole('button', { name: '1,100,000 lines not recognised — show' })).toBeVisible({
    timeout: 60_000,
  });
  // The reading was the worker's: of the CPU time the page's renderer process spent from the pick to the
  // preview, its main thread used under half (measured: 25 %, the rest of the page's share mostly the
  // finished preview arriving and being drawn; with the log read on the page instead, 78 %). CPU time,
  // not a frame's wall-clock delay, which a busy machine stretched past any budget (issue #21).
  const after = await cpu();
  const share = (after.main - before.main) / (after.process - before.process);
  expect(
    share,
    `main thread ${Math.round(after.main - before.main)} ms of ${Math.round(after.process - before.process)} ms`,
  ).toBeLessThan(1 / 2);
});
