import { expect, test as base, type Page } from '@playwright/test';

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

/** The titles of the bundled presets, as the toolbar's menu lists them (its heading left out). */
export async function presetTitles(page: Page): Promise<string[]> {
  const options = page.getByLabel('Preset', { exact: true }).locator('option');
  return (await options.allTextContents()).filter((t) => !t.startsWith('Presets ('));
}

/** Picks a preset from the toolbar's menu by its title and waits until it is loaded. */
export async function loadPreset(page: Page, title: string): Promise<void> {
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: title });
  await expect(page.getByLabel('Scenario title')).toHaveValue(title);
  // The preset's result comes from the worker: wait until it is the one on screen.
  await expect(page.locator('.app')).toHaveAttribute('aria-busy', 'false');
}
