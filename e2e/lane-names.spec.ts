import { expect, test, type Locator } from '@playwright/test';
import { encodeScenario } from '../renderer/state/bridges/share';
import { sharedPage } from './fixtures';
import { manyPushes } from './scenarios';

const shared = sharedPage();

/**
 * Where `lane`'s name is shown in the timeline scrolling in `pane`: every element that paints exactly
 * that text, with the pane's shown box, the sticky axis strip's box and the lane's box (page px).
 */
function laneName(pane: Locator, lane: string) {
  return pane.evaluate((el, lane) => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    };
    const top = el.getBoundingClientRect().top + el.clientTop;
    const names = [...el.querySelectorAll('.timeline *')].filter(
      (n) =>
        n.children.length === 0 &&
        n.textContent === lane &&
        getComputedStyle(n).visibility === 'visible' &&
        getComputedStyle(n).display !== 'none',
    );
    return {
      names: names.map(box),
      view: { top, bottom: top + el.clientHeight },
      axis: box(el.querySelector('.axis-sticky')!),
      lane: box(el.querySelector(`[aria-label="${lane} lane"] .lane-bg`)!),
    };
  }, lane);
}

/** Expects `lane`'s name shown once: inside the pane's view, below the axis strip and inside its lane. */
async function expectNameShown(pane: Locator, lane: string, where: string) {
  const { names, view, axis, lane: box } = await laneName(pane, lane);
  expect(names, `${where}: ${lane}'s name shown once`).toHaveLength(1);
  const [name] = names as [{ top: number; bottom: number }];
  expect(name.top, `${where}: below the axis strip`).toBeGreaterThanOrEqual(axis.bottom - 0.5);
  expect(name.bottom, `${where}: inside the view`).toBeLessThanOrEqual(view.bottom + 0.5);
  expect(name.top, `${where}: inside its lane (top)`).toBeGreaterThanOrEqual(box.top - 0.5);
  expect(name.bottom, `${where}: inside its lane (bottom)`).toBeLessThanOrEqual(box.bottom + 0.5);
  return name;
}

test("a tall lane's name stays in sight below the time axis while the lane is scrolled, and never leaves its lane", async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  const pane = page.locator('.timelines');
  await expect(page.getByRole('button', { name: /^push p0,/ })).toBeVisible();

  // Not scrolled: the name is at the top of its lane.
  const atTop = await expectNameShown(pane, 'Provider', 'not scrolled');
  const { lane } = await laneName(pane, 'Provider');
  expect(atTop.top - lane.top).toBeLessThan(12);

  // Scrolled into the middle of the Provider lane (thousands of px tall): the name follows the view.
  await pane.evaluate((el) => (el.scrollTop = 1_200));
  await expect(page.getByRole('button', { name: /^push p60,/ })).toBeAttached();
  await expectNameShown(pane, 'Provider', 'scrolled 1,200 px');
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: `e2e/screenshots/lane-name-scrolled-${theme}.png` });
  }

  // Scrolled to where the lane's end passes under the axis: the name goes with the lane, and the next
  // lane's name is at its own top. That needs a pane no taller than what follows the lane's end, plus
  // the axis and 12 px: the bottom panels give way to the timelines (issue 24), so the window is short.
  await page.setViewportSize({ width: 1440, height: 560 });
  const { end, room } = await pane.evaluate((el) => {
    const lane = el.querySelector('[aria-label="Provider lane"] .lane-bg')!.getBoundingClientRect();
    const end = lane.bottom - el.getBoundingClientRect().top + el.scrollTop;
    return { end, room: el.scrollHeight - el.clientHeight };
  });
  expect(room, "the pane scrolls far enough to take the lane's end up to the axis").toBeGreaterThanOrEqual(
    end - 30 - 12,
  );
  await pane.evaluate((el, end) => (el.scrollTop = end - 30 - 12), end);
  const leaving = await laneName(pane, 'Provider');
  expect(leaving.lane.bottom - leaving.view.top).toBeCloseTo(30 + 12, 0);
  expect(leaving.names).toHaveLength(1);
  expect(leaving.names[0]!.bottom).toBeLessThanOrEqual(leaving.lane.bottom + 0.5);
  await page.screenshot({ path: 'e2e/screenshots/lane-name-leaving.png' });
  await expectNameShown(pane, 'APNs', 'next lane');

  // Present mode scrolls its timeline in a pane of its own, with the axis strip a little higher.
  await page.getByRole('button', { name: '▶ Present' }).click();
  await page.keyboard.press('End');
  const present = page.locator('.present-timeline');
  await present.evaluate((el) => (el.scrollTop = 1_200));
  await expectNameShown(present, 'Provider', 'present mode, scrolled');
  await page.screenshot({ path: 'e2e/screenshots/lane-name-present.png' });
});
