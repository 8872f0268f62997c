import type { ScenarioFile, TimelineEventFile } from '../machines/scenario';
import { encodeScenario } from '../renderer/state/share';
import { expect, test } from './fixtures';

/** 200 pushes, three seconds apart: enough that the Fates table renders only the rows near its view. */
function manyPushes(): ScenarioFile {
  const timeline: TimelineEventFile[] = [];
  for (let i = 0; i < 200; i++) timeline.push({ at: (i + 1) * 3_000, do: 'push', id: `p${i}`, kind: 'voip' });
  return { format: 'ringside.scenario/v1', title: 'Many pushes', duration: '11m', timeline };
}

test('with many pushes the Fates table renders the rows near its view; a push picked on the timeline scrolls into it', async ({
  page,
}) => {
  await page.goto(`/#s=${encodeScenario(manyPushes())}`);
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(fates.getByRole('table')).toHaveAttribute('aria-rowcount', '201');
  await expect(fates.getByRole('row', { name: /^push p0,/ })).toHaveAttribute('aria-rowindex', '2');
  const rendered = await fates.getByRole('row').count();
  expect(rendered).toBeLessThan(100);

  // The window never scrolls; the panel does.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(900);

  const handle = page.getByRole('button', { name: /^push p150,/ });
  await handle.scrollIntoViewIfNeeded();
  await handle.locator('circle').click();
  const row = fates.getByRole('row', { name: /^push p150,/ });
  await expect(row).toHaveAttribute('aria-rowindex', '152');
  await expect(row).toHaveClass('selected');
  await expect(row).toBeInViewport();

  // The keyboard walks on past the rendered rows.
  await row.focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  await expect(fates.getByRole('row', { name: /^push p190,/ })).toBeFocused();
  await expect(fates.getByRole('row', { name: /^push p190,/ })).toBeInViewport();
});
