import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadPreset, test } from './fixtures';

const expectations = (page: Page) => page.getByRole('region', { name: 'Expectations' });
const fateRow = (page: Page, name: string) => page.getByRole('region', { name: 'Fates' }).getByRole('row', { name });
const idle = (page: Page) => expect(page.locator('.app')).toHaveAttribute('aria-busy', 'false');

/** The panel's lines: `✓ call-2 is rang` or `✗ call-1 is crashed got rang`. */
async function panelLines(page: Page): Promise<string[]> {
  const items = expectations(page).getByRole('listitem');
  return (await items.allInnerTexts()).map((t) => t.replace('×', '').replace(/\s+/g, ' ').trim());
}

/** `ringside check` on a file: its failing lines (`expected X, got Y`) and its last line. */
function check(file: string): { failures: string[]; summary: string } {
  let out: string;
  try {
    out = execFileSync('node', ['bin/ringside.js', 'check', '--no-color', file], { encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  const lines = out.trim().split('\n');
  const failures = lines.filter((l) => l.startsWith('FAIL')).map((l) => l.replace(/^FAIL [^:]+: expected /, ''));
  return { failures, summary: lines.at(-1) ?? '' };
}

test('the Expectations panel follows the edits, and ringside check on the saved file agrees with it', async ({
  page,
}) => {
  await page.goto('/');
  await loadPreset(page, 'The backgrounding race');
  await expect(expectations(page).getByLabel('Summary')).toHaveText('3 passed, 0 failed');
  expect(await panelLines(page)).toEqual(['✓ call-1 is crashed', '✓ call-2 is rang', '✓ strikes = 1']);

  // Apply what would have saved call-1: the preset's expectations about it now fail, live.
  await fateRow(page, 'push call-1, voip, fate crashed').click();
  await page.getByRole('button', { name: 'What would have saved it?' }).click();
  await page.getByRole('button', { name: /^Apply: Had the app reported calls in the foreground too/ }).click();
  await idle(page);
  await expect(fateRow(page, 'push call-1, voip, fate rang')).toBeVisible();
  // call-2 now lands while call-1 still rings: a duplicate.
  await expect(expectations(page).getByLabel('Summary')).toHaveText('0 passed, 3 failed');

  // Expect from a push (its fate as it is now, in place of the old one) and from the strike meter; remove one.
  await page.getByRole('button', { name: 'Expect this fate (rang)' }).click();
  await page.getByRole('button', { name: 'Expect not throttled' }).click();
  await expectations(page).getByRole('button', { name: 'Remove the expectation call-2 is rang' }).click();
  await idle(page);
  const shown = await panelLines(page);
  expect(shown).toEqual(['✓ call-1 is rang', '✗ strikes = 1 got 0', '✓ throttled = false']);
  await expect(expectations(page).getByLabel('Summary')).toHaveText('2 passed, 1 failed');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save' }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-e2e-')), download.suggestedFilename());
  copyFileSync(await download.path(), file);
  const cli = check(file);
  expect(cli.summary).toBe('2 passed, 1 failed');
  const failing = shown.filter((l) => l.startsWith('✗')).map((l) => l.replace(/^✗ (.*) got (.*)$/, '$1, got $2'));
  expect(cli.failures).toEqual(failing);

  // Each add, remove and Apply was one undo step: four undos give the preset as it was.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await idle(page);
  expect(await panelLines(page)).toEqual(['✓ call-1 is crashed', '✓ call-2 is rang', '✓ strikes = 1']);
});

test('a push that was answered can be expected to have its audio', async ({ page }) => {
  await page.goto('/');
  await loadPreset(page, 'No audio: mediaserverd crashed earlier');
  const row = page.getByRole('region', { name: 'Fates' }).getByRole('row').nth(1);
  await row.click();
  const button = page.getByRole('button', { name: /^Expect this audio \((two-way|one-way|none)\)$/ });
  const audio = /\((.*)\)/.exec((await button.textContent()) ?? '')![1]!;
  const id = (await row.getByRole('cell').first().textContent())!;
  await button.click();
  await idle(page);
  const added = expectations(page).getByRole('listitem').last();
  await expect(added).toContainText(`audio of ${id} is ${audio}`);
  await expect(added.getByLabel('passes')).toHaveText('✓');
});

test('what would have saved it and another send time each offer Apply (one undo step) and Compare', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await loadPreset(page, 'The backgrounding race');
  await fateRow(page, 'push call-1, voip, fate crashed').click();
  await page.getByRole('button', { name: 'What would have saved it?' }).click();
  await page.getByRole('button', { name: /^Compare: Had the app reported calls in the foreground too/ }).click();
  await expect(
    page.getByRole('region', { name: /^Variant: had the app reported calls in the foreground too/ }),
  ).toBeVisible();
  await expect(page.getByLabel('Compare with a variant')).toHaveValue('change:foreground-report');

  await page.getByRole('button', { name: 'What if it were sent at another time?' }).click();
  const times = page.getByRole('list', { name: 'Fate by send time' });
  const ringing = times.getByRole('listitem').filter({ hasText: 'rang' }).first();
  const compare = ringing.getByRole('button', { name: /^Compare: sent at / });
  const when = (await compare.getAttribute('aria-label'))!.replace('Compare: sent at ', '');
  await compare.click();
  await expect(
    page.getByRole('region', { name: `Variant: call-1 sent at ${when}, all else as written` }),
  ).toBeVisible();
  // Comparing left the document as it was: the sweep is still shown, to apply.
  await times
    .getByRole('listitem')
    .filter({ hasText: 'rang' })
    .first()
    .getByRole('button', { name: /^Apply: / })
    .click();
  await idle(page);
  await expect(fateRow(page, 'push call-1, voip, fate rang')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await idle(page);
  await expect(fateRow(page, 'push call-1, voip, fate crashed')).toBeVisible();
});
