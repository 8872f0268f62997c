import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadPreset, presetTitles, sharedPage } from './fixtures';
import { installLabelChecks, type WithLabelChecks } from './labelChecks';

/*
 * One page for the whole file: the app is loaded once and each test picks its preset (or pastes its
 * scenario) on it; each leaves present mode closed. No animated pan between moments: each frame is
 * checked as it lands.
 */
const shared = sharedPage({ reducedMotion: true });
let page: Page;
test.beforeAll(async () => {
  // One app for the whole file: its tests go on from one another's.
  await shared.fresh();
  // The looks at a frame's labels, defined on the page once (labelChecks.ts).
  await installLabelChecks(shared.page);
});
test.beforeEach(() => {
  page = shared.page;
});

const present = (page: Page) => page.getByRole('dialog', { name: /^Present mode/ });
const caption = (page: Page) => present(page).getByRole('region', { name: 'Caption' });
const callPush = (page: Page) => present(page).getByRole('button', { name: /^push call-1/ });

test('present mode steps forward and back with captions of what happened and which rule applied', async () => {
  await loadPreset(page, 'Reporting after a network fetch crashes the app');
  await page.getByRole('button', { name: '▶ Present' }).click();
  await expect(present(page)).toBeVisible();
  // The intro: the trainer's notes, nothing of the future on the timeline yet.
  await expect(caption(page)).toContainText('The app wants to check with its server');
  await expect(callPush(page)).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/present-intro.png' });

  await page.keyboard.press('Space');
  await expect(present(page)).toContainText('Moment 1 of');
  await expect(caption(page)).toContainText('Sent voip push call-1.');
  await expect(caption(page)).toContainText('APNS-1');
  await expect(callPush(page)).toHaveAttribute('aria-label', /fate not shown yet/);

  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toContainText('Crashed: call-1');
  await expect(caption(page)).toContainText('PK-1');
  await expect(caption(page).locator('.present-fate[data-push="call-1"]')).toContainText('crashed');
  await expect(callPush(page)).toHaveAttribute('aria-label', /fate crashed/);
  await page.screenshot({ path: 'e2e/screenshots/present-step.png' });
  // Narrow bars in large type say their state whole, not the actor their lane already names:
  // "connected", not "APNs: conn…" or "apsd c…"; no label is cut.
  const barLabels = await present(page).locator('.iv-label').allTextContents();
  expect(barLabels.filter((t) => t.endsWith('…'))).toEqual([]);
  expect(barLabels.filter((t) => t.startsWith('conn')).length).toBeGreaterThanOrEqual(2);

  await page.keyboard.press('PageUp');
  await expect(caption(page)).toContainText('Sent voip push call-1.');
  await expect(callPush(page)).toHaveAttribute('aria-label', /fate not shown yet/);

  // The editor's shortcuts stay off while presenting: Delete does not touch the scenario.
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(present(page)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Fates' }).getByRole('row', { name: /push call-1/ })).toBeVisible();
});

test('predict, then reveal: the fate stays hidden while the room guesses, then shows with its why', async () => {
  await loadPreset(page, 'Main thread blocked for 8 s');
  await page.getByRole('button', { name: '▶ Present' }).click();
  await present(page).getByLabel('Predict, then reveal').check();
  await expect(caption(page)).toContainText('Fates stay hidden');
  // The notes tell the story's end: in predict mode they wait for the summary.
  await expect(caption(page)).not.toContainText('0xbaadca11');
  // Step until the question about call-1 comes up; its fate is hidden the whole way.
  for (let i = 0; i < 12 && (await caption(page).locator('.present-ask').count()) === 0; i++) {
    await expect(present(page).locator('.present-fate')).toHaveCount(0);
    await expect(present(page).locator('.marker-app-killed')).toHaveCount(0);
    await page.keyboard.press('Space');
  }
  await expect(caption(page).locator('.present-ask')).toContainText('What happens to call-1 now?');
  await expect(callPush(page)).toHaveAttribute('aria-label', /fate not shown yet/);
  await expect(present(page).locator('.marker-app-killed')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/present-ask.png' });

  await page.keyboard.press('Space');
  await expect(caption(page).locator('.present-fate[data-push="call-1"]')).toContainText('killed');
  await expect(caption(page)).toContainText('KILL-1');
  await expect(callPush(page)).toHaveAttribute('aria-label', /fate killed/);
  await expect(present(page).locator('.marker-app-killed')).toHaveCount(1);
  await page.screenshot({ path: 'e2e/screenshots/present-reveal.png' });

  await page.keyboard.press('End');
  await expect(present(page)).toContainText('Summary');
  await expect(caption(page)).toContainText('1 reporting failure(s)');
  await expect(caption(page).locator('.present-notes')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(present(page)).toHaveCount(0);
});

test('authored captions and questions from the scenario file are what the room sees', async () => {
  const file = {
    format: 'ringside.scenario/v1',
    title: 'Captioned',
    notes: 'A tiny story.',
    duration: '20s',
    device: { app: 'suspended' },
    app: { report: '1.5s' },
    timeline: [
      {
        at: '2s',
        do: 'push',
        id: 'call-1',
        caption: 'Alice calls Bob.',
        question: 'Will Bob’s phone ring?',
      },
    ],
  };
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, JSON.stringify(file));
  await expect(page.getByLabel('Scenario title')).toHaveValue('Captioned');
  await page.getByRole('button', { name: '▶ Present' }).click();
  await present(page).getByLabel('Predict, then reveal').check();
  await page.keyboard.press('Space');
  await expect(caption(page).locator('.present-lead')).toHaveText('Alice calls Bob.');
  await expect(caption(page)).toContainText('Predict: Will Bob’s phone ring?');
  await page.keyboard.press('Space');
  await expect(caption(page).locator('.present-ask')).toContainText('Will Bob’s phone ring?');
  await page.keyboard.press('Escape');
  await expect(present(page)).toHaveCount(0);
});

/*
 * One walk through every preset, in both themes, for two checks of the same frames (the editor's
 * timeline, present mode's second moment and its summary): every text's contrast, and, in the first
 * theme, the labels' sizes and places.
 */
test("every text on the timeline (bar, push and input labels, markers, ticks) reads at WCAG AA contrast against what is under it, on the timeline and in present mode, in both themes; present mode's bar, push and input labels are 14 px or larger, bars' inside their taller bars, pushes' and inputs' clear of the rest; the editor's stay 11 and 12 px", async () => {
  // 31 presets, three frames each, each frame in two themes.
  test.setTimeout(360_000);
  const titles = await presetTitles(page);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  type Theme = 'light' | 'dark';
  /**
   * The looks at the frame on `svg` in both themes, in one round trip (labelChecks.ts): every text's
   * contrast, and in light the bar, push and input labels' sizes and places; with the ground each
   * theme gives the page, so a theme that changed nothing cannot pass. The theme is set as the app
   * sets it (`data-theme` on the root: the stylesheet's only input, and nothing in the app reads it
   * back; timeline.spec checks that "System" follows the OS), first the one the page is in, then
   * the other, and left there for the next frame: one restyle a frame, and no paint, no Playwright
   * call and no wait for the OS's switch in between (a switch by `emulateMedia` painted the whole page
   * and cost two round trips a look).
   */
  const look = (svg: Locator) =>
    svg.evaluate((root) => {
      const checks = (window as Window & WithLabelChecks).ringsideLabels!;
      const html = document.documentElement;
      const themes: Theme[] = html.dataset.theme === 'dark' ? ['dark', 'light'] : ['light', 'dark'];
      return themes.map((theme) => {
        html.dataset.theme = theme;
        const placed =
          theme === 'light'
            ? { bars: checks.barLabels(root), pushes: checks.pushLabels(root), inputs: checks.inputLabels(root) }
            : undefined;
        const ground = getComputedStyle(html).backgroundColor;
        return { theme, ground, contrasts: checks.contrasts(root), placed };
      });
    });
  /** Looks at the frame on `svg` in both themes (`look`); expects the themes to ground the page differently. */
  const inBothThemes = async (svg: Locator, where: string) => {
    const looks = await look(svg);
    expect(new Set(looks.map((l) => l.ground)).size, `${where}: the page's ground in each theme`).toBe(2);
    return looks;
  };
  const low: string[] = [];
  let checked = 0;
  const contrast = (where: string, labels: { text: string; ratio: number }[]) => {
    checked += labels.length;
    for (const { text, ratio } of labels) if (ratio < 4.5) low.push(`${where}: "${text}" ${ratio}:1`);
  };
  const wrong: string[] = [];
  let checkedBars = 0;
  let checkedPushes = 0;
  let checkedInputs = 0;
  /** Present mode's frame on screen: every text's contrast; in light, its labels 14 px or larger, bars' inside their bars, none over another. */
  const presentFrame = async (where: string) => {
    for (const { theme, contrasts, placed } of await inBothThemes(present(page).getByRole('application'), where)) {
      contrast(`${theme}, present, ${where}`, contrasts);
      if (!placed) continue;
      const { bars: labels, pushes, inputs } = placed;
      const at = `present, ${where}`;
      checkedBars += labels.length;
      for (const l of labels) {
        if (l.size < 14) wrong.push(`${at}: "${l.text}" is ${l.size} px`);
        if (!l.inside) wrong.push(`${at}: "${l.text}" runs out of its ${l.bar} px bar`);
      }
      checkedPushes += pushes.length;
      for (const l of pushes) {
        if (l.size < 14) wrong.push(`${at}: push "${l.text}" is ${l.size} px`);
        if (l.overlaps.length) wrong.push(`${at}: push "${l.text}" overlaps ${l.overlaps.join(', ')}`);
      }
      checkedInputs += inputs.length;
      for (const l of inputs) {
        if (l.size < 14) wrong.push(`${at}: input "${l.text}" is ${l.size} px`);
        if (l.overlaps.length) wrong.push(`${at}: input "${l.text}" overlaps ${l.overlaps.join(', ')}`);
      }
    }
  };
  // Each frame is looked at in both themes as it stands (`look`): each preset is loaded and present
  // mode walked once, not once a theme.
  const before = await page.locator('html').getAttribute('data-theme');
  for (const title of titles) {
    await loadPreset(page, title);
    for (const { theme, contrasts, placed } of await inBothThemes(timeline, title)) {
      contrast(`${theme}, ${title}`, contrasts);
      if (!placed) continue;
      const { bars, pushes, inputs } = placed;
      for (const l of bars)
        if (l.size !== 11 || l.bar !== 16) wrong.push(`${title}: "${l.text}" is ${l.size} px in a ${l.bar} px bar`);
      for (const l of pushes) if (l.size !== 12) wrong.push(`${title}: "${l.text}" is ${l.size} px`);
      for (const l of inputs) if (l.size !== 11) wrong.push(`${title}: "${l.text}" is ${l.size} px`);
    }
    await page.getByRole('button', { name: '▶ Present' }).click();
    await expect(present(page)).toBeVisible();
    // A moment in the middle (bars still open, deadlines still running), then the whole story.
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    await presentFrame(`${title}, moment 2`);
    await page.keyboard.press('End');
    await expect(present(page)).toContainText('Summary');
    await presentFrame(`${title}, summary`);
    await page.keyboard.press('Escape');
    await expect(present(page)).toHaveCount(0);
  }
  // Back to the theme the app had set, for the tests after this one.
  await page.evaluate((theme) => (document.documentElement.dataset.theme = theme!), before);
  expect(checked).toBeGreaterThan(100);
  expect(low).toEqual([]);
  expect(checkedBars).toBeGreaterThan(50);
  expect(checkedPushes).toBeGreaterThan(30);
  expect(checkedInputs).toBeGreaterThan(20);
  expect(wrong).toEqual([]);
});

test("a trainer writes a moment's caption and the room's question in the inspector; emptied, they are gone", async () => {
  await loadPreset(page, 'Main thread blocked for 8 s');
  await page.getByRole('button', { name: /^push call-1,/ }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // A field left out shows the format's default, not a blank.
  const expiration = inspector.getByLabel('apns-expiration (0 = now or never)');
  await expect(expiration).toHaveValue('');
  await expect(expiration).toHaveAttribute('placeholder', '0');
  // Typed and emptied again: back to the default, not an invalid empty duration.
  await expiration.fill('5s');
  await expiration.fill('');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Fates' }).getByRole('row', { name: /push call-1,/ })).toContainText(
    'killed',
  );
  await inspector.getByLabel('caption (present mode)').fill('Alice calls Bob.');
  await inspector.getByLabel('question for the room (present mode)').fill('Does Bob see the call?');

  await page.getByRole('button', { name: '▶ Present' }).click();
  await page.keyboard.press('Space');
  await expect(caption(page)).toContainText('Alice calls Bob.');
  await present(page).getByLabel('Predict, then reveal').check();
  for (let i = 0; i < 12 && (await caption(page).locator('.present-ask').count()) === 0; i++)
    await page.keyboard.press('Space');
  await expect(caption(page).locator('.present-ask')).toContainText('Does Bob see the call?');
  await page.keyboard.press('Escape');

  // Emptied, the caption is left out of the file: the moment has only what happened.
  await page.getByRole('button', { name: /^push call-1,/ }).click();
  await inspector.getByLabel('caption (present mode)').fill('');
  await page.getByRole('button', { name: '▶ Present' }).click();
  await page.keyboard.press('Space');
  await expect(caption(page)).toContainText('Sent voip push call-1.');
  await expect(caption(page)).not.toContainText('Alice calls Bob.');
});
