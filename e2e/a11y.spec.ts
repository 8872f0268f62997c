import axeCore from 'axe-core';
import { test, type Page } from '@playwright/test';
import { expect, loadPreset, sharedPage } from './fixtures';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const THEMES = ['light', 'dark'] as const;

/**
 * axe-core's WCAG 2.x A and AA checks on what is on screen, as "rule: target — summary" lines. One
 * exception: a push on the timeline is named as issue #5 asks ("push call-1, voip, sent 0 s, fate
 * rang"), which holds every word of its label ("✓ call-1 · rang") and more, but not as one run of text,
 * so axe's label-in-name check (WCAG 2.5.3) skips those buttons; it checks every other control.
 * Issue #21: axe is put in the page once per document and run once per view (the label-in-name rule,
 * experimental and so off under the tags, is turned on in the same run, and its findings inside a push
 * dropped), instead of injecting axe for each of two runs per view: the same rules on the same nodes.
 */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeCore.source);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      elementRef: true,
    });
    return results.violations.flatMap((v) =>
      v.nodes
        .filter((n) => v.id !== 'label-content-name-mismatch' || !(n.element as Element).closest('.push'))
        .map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
    );
  }, WCAG);
}

/** The view on screen, checked in both colour schemes (switched in place: nothing else changes). */
async function bothThemes(page: Page, view: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    // The app follows the system's scheme live (useTheme): its stylesheet's switch, set on the change.
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    found.push(...(await violations(page)).map((v) => `${view} (${colorScheme}): ${v}`));
  }
  return found;
}

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

test.describe('axe', () => {
  // Each view is scanned twice (a few seconds each on a busy machine).
  test.describe.configure({ timeout: 90_000 });
  const shared = sharedPage();

  test("axe: the main window, a push's Why and the dialogs (light and dark)", async () => {
    const { page } = shared;
    await shared.fresh();
    await loadPreset(page, 'The backgrounding race');
    const found: string[] = [];
    found.push(...(await bothThemes(page, 'main')));
    await page.getByRole('button', { name: /^push call-1,/ }).click();
    await page
      .getByRole('region', { name: 'Why' })
      .getByRole('button', { name: 'What if it were sent at another time?' })
      .click();
    // The sweep's time is the machine's load: bounded by the test's timeout only (issue #21).
    await expect(page.getByRole('list', { name: 'Fate by send time' })).toBeVisible({ timeout: 0 });
    found.push(...(await bothThemes(page, 'why')));
    for (const open of ['Legend', 'Rules']) {
      await page.getByRole('button', { name: open, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      found.push(...(await bothThemes(page, open)));
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await bothThemes(page, 'shortcuts')));
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
  });

  test('axe: a comparison and present mode (light and dark)', async () => {
    const { page } = shared;
    await shared.fresh();
    await loadPreset(page, 'The backgrounding race');
    const found: string[] = [];

    // A variant beside the scenario, with the differences listed.
    await page.getByLabel('Compare with a variant').selectOption({ index: 1 });
    await expect(page.getByRole('application', { name: 'Variant timeline' })).toBeVisible();
    found.push(...(await bothThemes(page, 'compare')));
    await page.getByLabel('Compare with a variant').selectOption({ index: 0 });

    // Present mode, on its intro and on a moment.
    await page.getByRole('button', { name: '▶ Present' }).click();
    const present = page.getByRole('dialog', { name: /^Present mode/ });
    await expect(present).toBeVisible();
    found.push(...(await bothThemes(page, 'present')));
    await page.keyboard.press('Space');
    await expect(present).toContainText('Moment 1 of');
    found.push(...(await bothThemes(page, 'present moment')));
    expect(found).toEqual([]);
  });
});
