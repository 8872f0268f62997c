import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, loadPreset, test } from './fixtures';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.x A and AA checks on what is on screen, as "rule: target — summary" lines. One
 * exception: a push on the timeline is named as issue #5 asks ("push call-1, voip, sent 0 s, fate
 * rang"), which holds every word of its label ("✓ call-1 · rang") and more, but not as one run of text,
 * so axe's label-in-name check (WCAG 2.5.3) skips those buttons; it checks every other control.
 * Legacy mode runs axe in the page itself instead of opening a blank page per scan to merge frames'
 * results: the app has no frames, the findings are the same, and each scan takes a third of the time
 * (issue #21: 20 s → 6 s for the main window on a busy machine).
 */
async function violations(page: Page): Promise<string[]> {
  const axe = () => new AxeBuilder({ page }).setLegacyMode(true);
  const all = await axe().withTags(WCAG).disableRules(['label-content-name-mismatch']).analyze();
  const named = await axe().withRules(['label-content-name-mismatch']).exclude('.push').analyze();
  return [...all.violations, ...named.violations].flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
  );
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the main window, a push's Why and the dialogs (${theme})`, async ({ page }) => {
    // axe reads the whole page twice per view: a few seconds each here.
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await loadPreset(page, 'The backgrounding race');
    const found: string[] = [];
    found.push(...(await violations(page)).map((v) => `main: ${v}`));
    await page.getByRole('button', { name: /^push call-1,/ }).click();
    await page
      .getByRole('region', { name: 'Why' })
      .getByRole('button', { name: 'What if it were sent at another time?' })
      .click();
    await expect(page.getByRole('list', { name: 'Fate by send time' })).toBeVisible();
    found.push(...(await violations(page)).map((v) => `why: ${v}`));
    for (const open of ['Legend', 'Rules']) {
      await page.getByRole('button', { name: open, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      found.push(...(await violations(page)).map((v) => `${open}: ${v}`));
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await violations(page)).map((v) => `shortcuts: ${v}`));
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
  });

  test(`axe: a comparison and present mode (${theme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await loadPreset(page, 'The backgrounding race');
    const found: string[] = [];

    // A variant beside the scenario, with the differences listed.
    await page.getByLabel('Compare with a variant').selectOption({ index: 1 });
    await expect(page.getByRole('application', { name: 'Variant timeline' })).toBeVisible();
    found.push(...(await violations(page)).map((v) => `compare: ${v}`));
    await page.getByLabel('Compare with a variant').selectOption({ index: 0 });

    // Present mode, on its intro and on a moment.
    await page.getByRole('button', { name: '▶ Present' }).click();
    const present = page.getByRole('dialog', { name: /^Present mode/ });
    await expect(present).toBeVisible();
    found.push(...(await violations(page)).map((v) => `present: ${v}`));
    await page.keyboard.press('Space');
    await expect(present).toContainText('Moment 1 of');
    found.push(...(await violations(page)).map((v) => `present moment: ${v}`));
    expect(found).toEqual([]);
  });
}
