import { expect, test } from './fixtures';

test('opens on the flight-mode preset with its fates, no blank canvas', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Cancelled while in flight mode — Ringside');
  await expect(page.getByLabel('Scenario title')).toHaveValue('Cancelled while in flight mode');
  await expect(page.getByText('Drag a push or a network change; fates update as you drag.')).toBeVisible();
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(fates.getByRole('row', { name: 'push call-1, voip, fate stale' })).toBeVisible();
  await expect(fates.getByRole('row', { name: 'push cancel-call-1, alert, fate delivered' })).toBeVisible();
  await page.getByLabel('Scenario title').fill('Renamed');
  await expect(page).toHaveTitle('Renamed — edited — Ringside');
});
