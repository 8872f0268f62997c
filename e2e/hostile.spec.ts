/**
 * The hostile corpus (scenarios/hostile/manifest.json) as share links: pasted over an edited document,
 * and opened as the page's address. The page stays responsive, says clearly what is wrong, and the
 * document the user had is still there.
 */
import { deflateSync, strToU8 } from 'fflate';
import { hostileCases, type HostileCase } from '../scripts/hostile-cases';
import { test as plain, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The share link to a text, as Copy link makes them (base64url of raw DEFLATE). */
function linkTo(text: string): string {
  const data = Buffer.from(deflateSync(strToU8(text), { level: 9 })).toString('base64url');
  return `#s=${data}`;
}

/** The page answers within a second: its main thread is not stuck in a runaway. */
async function responsive(page: Page): Promise<void> {
  const started = Date.now();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  expect(Date.now() - started).toBeLessThan(1_000);
}

const titleOf = (c: HostileCase) => (JSON.parse(c.text) as { title: string }).title;

/** What reaches the console as an error, or escapes as an uncaught error, on `page` (as fixtures.ts does). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

plain.describe('hostile links pasted over an edited document', () => {
  // One page takes every case in turn, as a user pasting link after link would: the app boots once
  // instead of once per case (issue #21: boot is most of a case's time). Each case still starts from
  // an edited document with no message on screen. A failed case ends its worker; the next worker opens
  // a fresh page for the cases after it. (Plain Playwright tests: fixtures.ts's console check would open
  // a page per test; this group watches its own page.)
  plain.describe.configure({ timeout: 60_000 });
  let page: Page;
  let errors: string[];
  plain.beforeAll(async ({ browser }, info) => {
    const { baseURL, viewport } = info.project.use;
    page = await browser.newPage({ baseURL, viewport });
    errors = watchErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/');
  });
  plain.afterAll(() => page.close());
  plain.afterEach(() => {
    expect(errors.splice(0), 'console or page errors').toEqual([]);
  });

  for (const c of hostileCases()) {
    const link = linkTo(c.text);
    const message = c.linkMessage ?? c.message;
    plain(`hostile ${c.name} pasted over an edited document`, async () => {
      const alert = page.getByRole('alert');
      // The last case's message is dismissed first, so the one checked below is this case's own.
      if (await alert.count()) await alert.getByRole('button', { name: 'dismiss' }).click();
      await expect(alert).toHaveCount(0);
      const title = page.getByLabel('Scenario title');
      await title.fill('Work in progress');
      await page.evaluate(
        (text) => {
          const data = new DataTransfer();
          data.setData('text/plain', text);
          window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
        },
        `${new URL(page.url()).origin}/${link}`,
      );
      if (c.exit === 2) {
        await expect(alert).toContainText(message, { timeout: 20_000 });
        await expect(alert).toContainText('nothing was opened');
        expect((await alert.textContent())!.length).toBeLessThan(4_000);
        await expect(title).toHaveValue('Work in progress');
      } else {
        await expect(title).toHaveValue(titleOf(c), { timeout: 20_000 });
      }
      // Its result on screen (the worker answered and the page drew it), then a frame at once: the first
      // draw of a day-long timeline is the page's own work, not a runaway, and is no longer timed here.
      await expect(page.locator('.app')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      await responsive(page);
    });
  }
});

for (const c of hostileCases()) {
  test.describe(`hostile ${c.name}`, () => {
    // Building, deflating and inflating the big cases takes a while on a busy machine.
    test.describe.configure({ timeout: 60_000 });
    const link = linkTo(c.text);
    const message = c.linkMessage ?? c.message;

    test('opened as the address', async ({ page }) => {
      await page.goto(`/${link}`);
      const title = page.getByLabel('Scenario title');
      if (c.exit === 2) {
        const alert = page.getByRole('alert');
        await expect(alert).toContainText(message, { timeout: 20_000 });
        await expect(alert).toContainText('opened the first preset instead');
        await expect(title).not.toHaveValue('');
      } else {
        await expect(title).toHaveValue(titleOf(c), { timeout: 20_000 });
      }
      // Its result on screen (the worker answered and the page drew it), then a frame at once: the first
      // draw of a day-long timeline is the page's own work, not a runaway, and is no longer timed here.
      await expect(page.locator('.app')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      await responsive(page);
    });
  });
}

test('holding "−" stops zooming out at the widest view instead of freezing the tab', async ({ page }) => {
  await page.goto('/');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let press = 0; press < 90; press++) await page.keyboard.press('-');
  await responsive(page);
  await expect(page.locator('.timeline .tick').first()).toBeVisible();
  expect(await page.locator('.timeline .tick').count()).toBeLessThan(50);
});

test('steady editing is kept: a reload right after the last edit offers it back', async ({ page }) => {
  await page.goto('/');
  const title = page.getByLabel('Scenario title');
  // An edit every half second, never 2 s of quiet; then the page is reloaded at once.
  for (let i = 1; i <= 6; i++) {
    await title.fill(`Edit ${i}`);
    await page.waitForTimeout(500);
  }
  await page.reload();
  const offer = page.getByRole('status').filter({ hasText: 'Unsaved work from' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore it' }).click();
  await expect(title).toHaveValue('Edit 6');
});

test("two tabs keep their own copies; one never offers or discards the other's", async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await first.getByLabel('Scenario title').fill('First tab');
  await first.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const second = await context.newPage();
  await second.goto('/');
  await second.getByLabel('Scenario title').fill('Second tab');
  await second.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  // The first tab is still open: its copy is its own, not the second tab's to offer.
  await expect(second.getByText('Unsaved work from')).toHaveCount(0);
  await first.close();
  const third = await context.newPage();
  await third.goto('/');
  const offer = third.getByRole('status').filter({ hasText: 'Unsaved work from' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore it' }).click();
  await expect(third.getByLabel('Scenario title')).toHaveValue('First tab');
  // The second tab's copy is still kept.
  const kept = await third.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('ringside.autosave.'))
      .map((k) => (JSON.parse(localStorage.getItem(k)!) as { file: { title: string } }).file.title)
      .sort(),
  );
  expect(kept).toEqual(['First tab', 'Second tab']);
});
