import { test } from '@playwright/test';
import { expect, loadPreset, sharedPage } from './fixtures';

// One page for the file, the app started afresh (empty storage) for each test: issue #21.
const shared = sharedPage();

test("the why panel: a plain verdict first, Apple's words, glossary terms on hover and focus, what can be done", async () => {
  const { page } = shared;
  await shared.fresh();
  await loadPreset(page, 'Five strikes: throttled, then reinstalled');
  await page.getByRole('row', { name: 'push call-6, voip, fate throttled' }).click();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why.getByLabel('Verdict')).toHaveText(
    'Did not ring: iOS had stopped giving this app calls after 5 crashes in 24 hours.',
  );
  await expect(why.getByLabel("Apple's words")).toContainText('Received by APNs → Delivered to Device');
  await expect(why.getByLabel("Apple's words")).toContainText('will not be launched because it failed to report');
  // The decisive step is shown and marked; the routine ones fold under "all steps".
  await expect(why.getByRole('list', { name: 'Decisive step' })).toContainText('THROTTLE-1');
  await expect(why.getByRole('list', { name: 'Decisive step' })).toContainText('decisive');
  await expect(why.getByRole('button', { name: 'APNS-1' })).toBeHidden();
  await why.getByText('All 3 steps (2 routine)').click();
  await expect(why.getByRole('button', { name: 'APNS-1' })).toBeVisible();
  // With every step shown the decisive one is marked among them, not listed twice; folded again, it is back.
  await expect(why.getByRole('list', { name: 'Decisive step' })).toHaveCount(0);
  await why.getByText('All 3 steps (2 routine)').click();
  await expect(why.getByRole('list', { name: 'Decisive step' })).toContainText('THROTTLE-1');

  // Hover a term: its definition appears, and it is the term's accessible description.
  const term = why.getByRole('list', { name: 'Decisive step' }).locator('.term', { hasText: 'VoIP pushes' });
  const tip = term.getByRole('tooltip');
  await expect(tip).toHaveCount(0);
  await term.hover();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('The kind of notification a calling app sends to make a phone ring.');
  // The definition is not part of the sentence's text once the pointer leaves.
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);
  await expect(why.getByRole('list', { name: 'Decisive step' })).toContainText(
    'so the system no longer hands it VoIP pushes;',
  );
  await expect(term).toHaveAccessibleDescription(/The kind of notification a calling app sends/);
  // Keyboard: the term takes focus and shows its definition.
  const apns = why.getByLabel("Apple's words").locator('.term').first();
  await apns.focus();
  await expect(apns.getByRole('tooltip')).toBeVisible();
  await expect(apns.getByRole('tooltip')).toContainText("Apple's web page");
  await apns.blur();

  await why.getByRole('button', { name: 'What would have saved it?' }).click();
  const remedies = why.getByRole('region', { name: 'What can be done' });
  await expect(remedies.getByRole('list', { name: 'The person with the phone' })).toContainText(
    'Delete and reinstall the app: that lifts the block at once.',
  );
  await expect(remedies.getByRole('list', { name: 'The person with the phone' })).toContainText(
    'the block lifts by itself at 24 h 100 ms',
  );
  await expect(remedies.getByRole('list', { name: "The app's developers" })).toContainText(
    'Report the call to CallKit before the PushKit handler returns',
  );
  await why.getByRole('list', { name: 'Decisive step' }).locator('.term', { hasText: 'VoIP pushes' }).hover();
  await page.screenshot({ path: 'e2e/screenshots/why-plain.png' });
});

test('the rule library finds rules, and the presets that show them, by meaning', async () => {
  const { page } = shared;
  await shared.fresh();
  await page.getByRole('button', { name: 'Rules' }).click();
  const library = page.getByRole('dialog', { name: 'Rule library' });
  const search = library.getByLabel('Search rules');
  await search.fill("didn't ring");
  await expect(library.locator('#rule-THROTTLE-1')).toBeVisible();
  await expect(
    library.locator('#rule-THROTTLE-1').getByRole('button', { name: 'Five strikes: throttled, then reinstalled' }),
  ).toBeVisible();
  await search.fill('no sound');
  await expect(library.locator('.rules-list > li').first()).toHaveAttribute('id', 'rule-AUDIO-1');
  await search.fill('blocked');
  await expect(library.locator('#rule-THROTTLE-2')).toBeVisible();
});
