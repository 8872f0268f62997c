import { test, type Page } from '@playwright/test';
import { expect, idle, loadPreset, sharedPage } from './fixtures';

// One page for the file, the app started afresh (empty storage) for each test: issue #21.
const shared = sharedPage();

const fateRow = (page: Page, name: string | RegExp) =>
  page.getByRole('region', { name: 'Fates' }).getByRole('row', { name });
const pushHandle = (page: Page, id: string) =>
  page.getByRole('button', { name: new RegExp(`^push ${id},`) }).locator('circle');

test('deleting a push that an expectation names deletes the expectation too, says so, and edits go on (#22)', async () => {
  const { page } = shared;
  await shared.fresh();
  await loadPreset(page, 'The backgrounding race');
  await expect(fateRow(page, 'push call-1, voip, fate crashed')).toBeVisible();

  await pushHandle(page, 'call-2').click();
  await page.keyboard.press('Delete');
  await expect(fateRow(page, /push call-2/)).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('removed 1 expectation that named call-2');
  await expect(page.getByText(/showing the last valid result/)).toHaveCount(0);
  await idle(page);

  // Not frozen: a drag still edits. call-1, moved ~2 s later, lands after the app has caught up and rings.
  const from = (await pushHandle(page, 'call-1').boundingBox())!;
  const y = from.y + from.height / 2;
  await page.mouse.move(from.x + from.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 60, y, { steps: 6 });
  await page.mouse.up();
  await expect(fateRow(page, 'push call-1, voip, fate rang')).toBeVisible();

  // One undo step for the drag, one for the delete with its expectation.
  await page.keyboard.press('Control+z');
  await expect(fateRow(page, 'push call-1, voip, fate crashed')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(fateRow(page, 'push call-2, voip, fate rang')).toBeVisible();
});

test('an invalid value typed in the inspector is refused at its field; the document keeps simulating', async () => {
  const { page } = shared;
  await shared.fresh();
  await loadPreset(page, 'The backgrounding race');
  await pushHandle(page, 'call-2').click();
  const id = page.getByRole('textbox', { name: 'id', exact: true });
  await id.fill('call-1');
  await expect(id).toHaveValue('call-1');
  await expect(id).toHaveAccessibleDescription(/already used/);
  // The document is as it was: call-2 still rings under its own name.
  await expect(fateRow(page, 'push call-2, voip, fate rang')).toBeVisible();
  await id.fill('call-9');
  await expect(fateRow(page, 'push call-9, voip, fate rang')).toBeVisible();
  await expect(id).not.toHaveAccessibleDescription(/already used/);
});

test('an edited preset says "modified from" it, names itself in the preset menu, and flags its old notes', async () => {
  const { page } = shared;
  await shared.fresh();
  await loadPreset(page, 'The backgrounding race');
  const toolbar = page.getByRole('toolbar', { name: 'Scenario' });
  await expect(toolbar.getByText(/modified from/)).toHaveCount(0);
  const notes = page.getByRole('textbox', { name: /notes for the trainer/ });
  await expect(notes).not.toHaveAccessibleDescription(/written for the original/);

  await pushHandle(page, 'call-2').click();
  await page.keyboard.press('Delete');
  await page.getByLabel('Scenario title').fill('One call, crashed');
  await expect(toolbar.getByText('modified from “The backgrounding race”')).toBeVisible();
  // The preset menu's face never names a preset: the document is no longer the one it came from.
  const menu = page.getByLabel('Preset', { exact: true });
  await expect(menu.locator('option:checked')).toHaveText(/^Presets \(\d+\)$/);

  await expect(notes).toHaveAccessibleDescription(/written for the original \(“The backgrounding race”\)/);
  await page.screenshot({ path: 'test-results/modified-preset.png' });
  // Present mode tells the trainer too.
  await page.getByRole('button', { name: '▶ Present' }).click();
  await expect(page.getByRole('note')).toContainText('Modified from “The backgrounding race”');
  await page.keyboard.press('Escape');
  await notes.fill('One call: the app skips the report and is crashed.');
  await expect(notes).not.toHaveAccessibleDescription(/written for the original/);

  // Undone back to the preset as it was, it is the preset again.
  const undo = page.getByRole('button', { name: '↶ Undo' });
  for (let i = 0; i < 3; i++) await undo.click();
  await expect(toolbar.getByText(/modified from/)).toHaveCount(0);
  await expect(page.getByLabel('Scenario title')).toHaveValue('The backgrounding race');
  await expect(menu.locator('option:checked')).toHaveText(/^Presets \(\d+\)$/);
});
