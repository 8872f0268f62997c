/**
 * The hostile corpus (scenarios/hostile/manifest.json) as share links: pasted over an edited document,
 * and opened as the page's address. The page stays responsive, says clearly what is wrong, and the
 * document the user had is still there.
 */
import { deflateSync, strToU8 } from 'fflate';
import { hostileCases, type HostileCase } from '../scripts/hostile-cases';
import { expect, test } from './fixtures';

/** The share link to a text, as Copy link makes them (base64url of raw DEFLATE). */
function linkTo(text: string): string {
  const data = Buffer.from(deflateSync(strToU8(text), { level: 9 })).toString('base64url');
  return `#s=${data}`;
}

/** The page answers within a second: its main thread is not stuck in a runaway. */
async function responsive(page: import('@playwright/test').Page): Promise<void> {
  const started = Date.now();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  expect(Date.now() - started).toBeLessThan(1_000);
}

const titleOf = (c: HostileCase) => (JSON.parse(c.text) as { title: string }).title;

for (const c of hostileCases()) {
  test.describe(`hostile ${c.name}`, () => {
    // Building, deflating and inflating the big cases takes a while on a busy machine.
    test.describe.configure({ timeout: 60_000 });
    const link = linkTo(c.text);
    const message = c.linkMessage ?? c.message;

    test('pasted over an edited document', async ({ page }) => {
      await page.goto('/');
      const title = page.getByLabel('Scenario title');
      await title.fill('Work in progress');
      page.on('dialog', (dialog) => void dialog.accept());
      await page.evaluate(
        (text) => {
          const data = new DataTransfer();
          data.setData('text/plain', text);
          window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
        },
        `${new URL(page.url()).origin}/${link}`,
      );
      if (c.exit === 2) {
        const alert = page.getByRole('alert');
        await expect(alert).toContainText(message, { timeout: 20_000 });
        await expect(alert).toContainText('nothing was opened');
        expect((await alert.textContent())!.length).toBeLessThan(4_000);
        await expect(title).toHaveValue('Work in progress');
      } else {
        await expect(title).toHaveValue(titleOf(c), { timeout: 20_000 });
      }
      await responsive(page);
    });

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
      await responsive(page);
    });
  });
}
