/**
 * The timeline at thousands of pushes and markers: only what is near the view is rendered, yet the
 * keyboard, the Fates table and a drag reach everything, and a drag moves nothing the user is not
 * holding. Over 400 lines on purpose: its tests share one page (`sharedPage`) and its big scenarios;
 * a second file would boot another page and simulate them again (issue #21).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeScenario } from '../renderer/state/bridges/share';
import { idle, sharedPage } from './fixtures';
import { manyPushes, stackedCalls, throttledDay } from './scenarios';
import { paintedInPane } from './visibility';

const shared = sharedPage();

const pushSpans = (page: import('@playwright/test').Page) =>
  page.getByRole('application', { name: 'Timeline' }).getByRole('button', { name: /^push p\d+,/ });

/**
 * Presses the pointer on push `id`'s handle. `to(dx)` moves it `dx` px across from there; `y` is
 * the pointer's height.
 */
async function grab(page: Page, id: string): Promise<{ y: number; to: (dx: number, steps?: number) => Promise<void> }> {
  const box = (await page
    .getByRole('button', { name: new RegExp(`^push ${id},`) })
    .locator('circle')
    .boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  return { y, to: (dx, steps = 1) => page.mouse.move(x + dx, y, { steps }) };
}

test('with many pushes the timeline renders the push rows near its view; a push picked in the Fates table is rendered and shown', async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(fates.getByRole('table')).toHaveAttribute('aria-rowcount', '201');
  await expect(pushSpans(page).first()).toBeVisible();
  const rendered = await pushSpans(page).count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(200);
  // The lane keeps its full height: the SVG is as tall as with every row rendered.
  expect(
    (await page.getByRole('application', { name: 'Timeline', exact: true }).boundingBox())!.height,
  ).toBeGreaterThan(2_500);

  // Scrolled to the end, the rows there are rendered and the first rows are not.
  await page.locator('.timelines').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('button', { name: /^push p175,/ })).toBeAttached();
  await expect(page.getByRole('button', { name: /^push p150,/ })).toHaveCount(0);
  expect(await pushSpans(page).count()).toBeLessThan(200);

  // p150 is far above the view now: picking it in the Fates table renders its span and scrolls it into view.
  // (The Fates table renders only the rows near its own view: scroll it to where p150 is.)
  await fates.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.75 - el.clientHeight / 2));
  const row = fates.getByRole('row', { name: /^push p150,/ });
  await row.scrollIntoViewIfNeeded();
  await row.click();
  const span = page.getByRole('button', { name: /^push p150,/ });
  await expect(span).toHaveClass(/selected/);
  await expect(span).toBeInViewport();
  await expect(page.getByRole('button', { name: /^push p175,/ })).toHaveCount(0);

  // An export still has every push.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByLabel('Export the timeline').selectOption('svg'),
  ]);
  const svg = readFileSync(await download.path(), 'utf8');
  for (let i = 0; i < 200; i++) expect(svg).toContain(` p${i} · `);
  await expect.poll(() => pushSpans(page).count()).toBeLessThan(200);
});

test('with many pushes the keyboard walks on past the rendered push rows, and dragging a push still changes fates', async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  const fates = page.getByRole('region', { name: 'Fates' });
  await expect(pushSpans(page).first()).toBeVisible();

  // Tab from p20 through the next 60 pushes (in time order), whose rows go far below the view.
  await page.getByRole('button', { name: /^push p20,/ }).focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^push p80,/ })).toBeFocused();
  await expect(page.getByRole('button', { name: /^push p80,/ })).toBeInViewport();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: /^push p77,/ })).toBeFocused();

  // Drag p0 (an alert, sent while offline) to the right past the reconnect: its fate changes.
  await page.locator('.timelines').evaluate((el) => (el.scrollTop = 0));
  const before = await fates.getByRole('row', { name: /^push p0,/ }).getAttribute('aria-label');
  const p0 = await grab(page, 'p0');
  for (let dx = 10; dx <= 60; dx += 10) await p0.to(dx);
  await page.mouse.up();
  await expect(fates.getByRole('row', { name: /^push p0,/ })).not.toHaveAttribute('aria-label', before!);
});

test('the time axis stays in sight at the top of a scrolled timeline, in each pane when comparing', async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  await expect(pushSpans(page).first()).toBeVisible();
  const pane = page.locator('.timelines');
  const axisInSight = async (scroller: import('@playwright/test').Locator) => {
    expect(await paintedInPane(scroller, '.tick', '2 min'), 'the "2 min" tick').toBe(true);
    expect(await paintedInPane(scroller, '.tick', '8 min'), 'the "8 min" tick').toBe(true);
    expect(await paintedInPane(scroller, '.playhead-label', '0 s'), "the playhead's time").toBe(true);
  };
  await axisInSight(pane);

  // Scrolled far down the Provider lane: the ticks and the playhead's time are still at the top.
  await pane.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(page.getByRole('button', { name: /^push p100,/ })).toBeAttached();
  await axisInSight(pane);
  // The push rows scrolled under the axis are still rendered as before; the rows near the view are.
  expect(await pushSpans(page).count()).toBeLessThan(200);
  await page.screenshot({ path: 'e2e/screenshots/many-scrolled.png' });

  // Comparing, each pane keeps its own axis in sight, at the same place on the time axis.
  await page.getByLabel('Compare with a variant').selectOption({ label: 'On iOS 12.5' });
  const variant = page.getByRole('region', { name: /the same scenario on iOS 12\.5/ }).locator('.timelines');
  await expect(variant.getByRole('application', { name: 'Variant timeline' })).toBeVisible();
  const main = page.getByRole('region', { name: /As written/ });
  await expect(main).toHaveClass(/timelines/);
  // Side by side (issue 24), each pane is half as wide: its ticks are fewer, the same in both.
  const ticks = (await main.locator('.axis-sticky .tick').allTextContents()).filter((t) => t !== '0 s');
  expect(ticks.length).toBeGreaterThan(1);
  for (const scroller of [main, variant]) {
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 3));
    for (const t of ticks.slice(0, 2)) expect(await paintedInPane(scroller, '.tick', t), `the "${t}" tick`).toBe(true);
    expect(await paintedInPane(scroller, '.playhead-label', '0 s'), "the playhead's time").toBe(true);
  }
  // At the same place on the time axis: the same x from each pane's own left edge.
  const tickX = async (scroller: import('@playwright/test').Locator) =>
    (await scroller.locator('.axis-sticky .tick', { hasText: ticks[0] }).first().boundingBox())!.x -
    (await scroller.boundingBox())!.x;
  expect(await tickX(variant)).toBeCloseTo(await tickX(main), 0);
  await page.getByLabel('Theme').selectOption('dark');
  await page.screenshot({ path: 'e2e/screenshots/many-compare-dark.png' });
});

test("with many pushes a lane's markers far below the view stay in time order but are laid out and painted only once scrolled near", async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  await expect(pushSpans(page).first()).toBeVisible();
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  /** The markers below the Provider lane: how many, how many have a box (are drawn), in time order. */
  const markers = () =>
    timeline.evaluate((svg) => {
      const texts = [...svg.querySelectorAll('.marker text')];
      const xs = texts.map((t) => Number(t.getAttribute('x')));
      return {
        count: texts.length,
        drawn: texts.filter((t) => t.getClientRects().length > 0).length,
        inTimeOrder: xs.every((x, i) => i === 0 || x >= xs[i - 1]!),
      };
    });
  // The APNs lane, below 200 push rows, marks the pushes it superseded; a drag at the top does not lay
  // them out or paint them.
  const top = await markers();
  expect(top.count).toBeGreaterThan(20);
  expect(top).toEqual({ count: top.count, drawn: 0, inTimeOrder: true });
  // Scrolled down to the lanes below, every one of them is drawn.
  await page.locator('.timelines').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(async () => (await markers()).drawn).toBe(top.count);
  expect(await markers()).toEqual({ ...top, drawn: top.count });
  await expect(timeline.locator('.marker text').first()).toBeInViewport();
});

/** Megabytes the page allocates (collected or not) while `action` runs: V8's sampling heap profiler. */
async function allocatedDuring(page: Page, action: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await action();
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  await cdp.detach();
  type Node = (typeof profile)['head'];
  const size = (node: Node): number => node.children.reduce((sum, child) => sum + size(child), node.selfSize);
  return size(profile.head) / 1e6;
}

test('with thousands of markers on one lane every marker is drawn in time order, and a drag frame does not copy them over and over', async () => {
  const page = shared.page;
  test.slow();
  // 12,000 pushes to an app that never reports: 5 crashes and strikes, then 11,995 throttled pushes,
  // each marked on callservicesd's lane.
  const count = 12_000;
  await shared.fresh(`/#s=${encodeScenario(throttledDay('A throttled day', count))}`);
  const timeline = page.getByRole('application', { name: 'Timeline', exact: true });
  await expect(timeline.getByRole('group', { name: 'callservicesd lane' })).toBeVisible({ timeout: 30_000 });
  // Each kind's markers in one look: over 12,000 elements, a round trip a kind is seconds on a loaded machine.
  const markers = await timeline.evaluate((svg) =>
    Object.fromEntries(
      ['push-throttled', 'strike', 'app-crashed'].map((kind) => {
        const xs = [...svg.querySelectorAll(`.marker-${kind} text`)].map((t) => Number(t.getAttribute('x')));
        return [kind, { count: xs.length, inTimeOrder: xs.every((x, i) => i === 0 || x >= xs[i - 1]!) }];
      }),
    ),
  );
  expect(markers['push-throttled']).toEqual({ count: count - 5, inTimeOrder: true });
  expect(markers['strike']).toEqual({ count: 5, inTimeOrder: true });
  expect(markers['app-crashed']).toEqual({ count: 5, inTimeOrder: true });

  // Drag the input at the end: the engine goes on from its last checkpoint, and the timeline groups the
  // 12,000 new markers by lane. Copying a lane's list for each marker put ~0.7 GB on the heap a frame;
  // the whole frame, engine and panels included, allocates ~0.1 GB.
  const input = page.getByRole('button', { name: /^network → cellular at / });
  await input.scrollIntoViewIfNeeded();
  const box = (await input.locator('.input-mark').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 30, cy);
  await expect(page.locator('.drag-time')).toBeVisible({ timeout: 30_000 });
  const moved = await input.getAttribute('aria-label');
  const allocated = await allocatedDuring(page, async () => {
    await page.mouse.move(cx - 60, cy);
    await expect(input).not.toHaveAttribute('aria-label', moved!, { timeout: 30_000 });
  });
  await page.mouse.up();
  expect(allocated, 'MB allocated by one drag frame').toBeLessThan(300);
});

test('while a push is dragged the other pushes keep their rows and the lanes below stay put', async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  /**
   * Every rendered push's row (its handle's y) but the dragged one's, and the top of the APNs lane, in
   * the SVG's own coordinates. (Near the top: rendered without scrolling; the timeline renders only
   * the push rows near its view.)
   */
  const layout = () =>
    page.evaluate(() => {
      const svg = document.querySelector('.timeline svg')!.getBoundingClientRect();
      const rows: Record<string, number> = {};
      for (const push of document.querySelectorAll('.timeline g.push')) {
        const id = /^push (\S+),/.exec(push.getAttribute('aria-label') ?? '')?.[1];
        const circle = push.querySelector('circle');
        if (id && id !== 'p10' && circle) rows[id] = Math.round(circle.getBoundingClientRect().y - svg.y);
      }
      const apns = document.querySelector('.timeline [aria-label="APNs lane"] rect')!.getBoundingClientRect();
      return { rows, apns: Math.round(apns.y - svg.y) };
    });
  const before = await layout();
  // p10's neighbours in time and the pushes after it in its own row, which its label runs up to.
  expect(Object.keys(before.rows).length).toBeGreaterThan(30);

  const p10 = await grab(page, 'p10');
  // Back and forth across its neighbours and into the next push of its row: packing the rows afresh
  // (or letting p10 keep its row first) would move them, and the lanes, on every frame.
  const seen: Awaited<ReturnType<typeof layout>>[] = [];
  for (const dx of [8, 16, 24, 32, 40, 60, 90, 60, 24, 8, -8, -24, -40]) {
    await p10.to(dx);
    await expect(page.locator('.drag-time')).toBeVisible();
    seen.push(await layout());
  }
  for (const during of seen) {
    expect(during.rows).toEqual(before.rows);
    expect(during.apns).toBeGreaterThanOrEqual(before.apns);
  }
  // A lane may grow during a drag, never shrink back and forth: the APNs lane moves at most once, down.
  expect(new Set(seen.map((s) => s.apns)).size).toBeLessThanOrEqual(2);
  // Dropped where it was picked up: the rows are packed afresh, as they were.
  await p10.to(0);
  await page.mouse.up();
  await expect(page.locator('.drag-time')).toHaveCount(0);
  // The drop's run comes back from the worker a moment later; then the rows are as they were.
  await expect.poll(layout).toEqual(before);
});

test("while a push is dragged the other pushes' bars keep their rows, and no two bars of a row overlap", async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(stackedCalls('Stacked calls'))}`);
  /**
   * Every bar below the Provider lane: its place across (x, width) and its row (its top within its
   * lane), by what its tooltip names it (a push and a state) and its kind.
   */
  const bars = () =>
    page.evaluate(() => {
      const lanes = [...document.querySelectorAll('.timeline rect.lane-bg')].map((r) => r.getBoundingClientRect());
      const out: { key: string; x0: number; x1: number; lane: number; row: number }[] = [];
      const seen = new Map<string, number>();
      for (const rect of document.querySelectorAll('.timeline rect.iv')) {
        const base = `${(rect.querySelector('title')?.textContent ?? '').split(':')[0]}|${rect.getAttribute('class')}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const b = rect.getBoundingClientRect();
        const lane = lanes.findIndex((l) => b.y >= l.y && b.y < l.y + l.height);
        out.push({ key: `${base}#${n}`, x0: b.x, x1: b.x + b.width, lane, row: Math.round(b.y - lanes[lane]!.y) });
      }
      return out;
    });
  const before = await bars();
  // The calls ring at once and stack several rows deep.
  expect(new Set(before.filter((b) => b.key.includes('iv-call-ringing')).map((b) => b.row)).size).toBeGreaterThan(2);

  const p3 = await grab(page, 'p3');
  // Later and later past the next calls, whose ringing bars its own bars then overlap, and back.
  let compared = 0;
  for (const dx of [8, 24, 40, 60, 90, 120, 60, 24, 8, -8]) {
    const label = await page.getByRole('button', { name: /^push p3,/ }).getAttribute('aria-label');
    await p3.to(dx);
    await expect(page.getByRole('button', { name: /^push p3,/ })).not.toHaveAttribute('aria-label', label!);
    const during = await bars();
    for (const bar of during) {
      // Another push's bar that has not moved across stays in its row.
      const was = before.find((b) => b.key === bar.key);
      if (was && !bar.key.startsWith('p3') && Math.abs(was.x0 - bar.x0) < 0.5 && Math.abs(was.x1 - bar.x1) < 0.5) {
        compared++;
        expect(bar.row, `${bar.key} at dx ${dx}`).toBe(was.row);
      }
      // And no bar runs over another in its row.
      for (const other of during)
        if (other !== bar && other.lane === bar.lane && other.row === bar.row)
          expect(other.x0 >= bar.x1 - 0.5 || bar.x0 >= other.x1 - 0.5, `${bar.key} over ${other.key}`).toBe(true);
    }
  }
  expect(compared).toBeGreaterThan(100);
  await p3.to(0);
  await page.mouse.up();
  await expect(page.locator('.drag-time')).toHaveCount(0);
  // Dropped where it was picked up: packed afresh, as before, once the drop's run is back from the worker.
  await expect.poll(bars).toEqual(before);
});

test('the dragged time is shown whole next to the pointer: below it in the top row, left of it at the right edge', async () => {
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(stackedCalls('Stacked calls'))}`);
  /** The time's box, whether it is what the browser paints at its centre, and the axis strip's bottom. */
  const shown = () =>
    page.evaluate(() => {
      const box = document.querySelector('.drag-time rect')!.getBoundingClientRect();
      // While dragging, the timeline's SVG is left out of hit testing (a drag follows window listeners):
      // let elementFromPoint see it for this one look, so that it tells what is painted on top.
      const svgStyle = document.querySelector<SVGElement>('.timeline > svg')!.style;
      svgStyle.pointerEvents = 'auto';
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      svgStyle.pointerEvents = '';
      const axis = document.querySelector('.axis-sticky')!.getBoundingClientRect();
      const svg = document.querySelector('.timeline > svg')!.getBoundingClientRect();
      return {
        top: box.top,
        bottom: box.bottom,
        left: box.left,
        right: box.right,
        painted: hit?.closest('.drag-time') !== null,
        axisBottom: axis.bottom,
        svgRight: svg.right,
      };
    });
  const drag = async (push: string, dx: number) => {
    const grabbed = await grab(page, push);
    await grabbed.to(dx, 4);
    await expect(page.locator('.drag-time')).toBeVisible();
    return grabbed.y;
  };

  // p0 is in the top row, just under the axis strip: its time goes below the pointer.
  let y = await drag('p0', 40);
  let s = await shown();
  expect(s.painted).toBe(true);
  expect(s.top).toBeGreaterThanOrEqual(s.axisBottom);
  expect(s.top).toBeGreaterThan(y);
  // Near the right edge it goes left of the pointer, inside the timeline.
  await page.mouse.move(s.svgRight - 20, y, { steps: 4 });
  await expect(page.locator('.drag-time')).not.toContainText(/^1 s$/);
  s = await shown();
  expect(s.painted).toBe(true);
  expect(s.right).toBeLessThanOrEqual(s.svgRight);
  expect(s.right).toBeLessThan(s.svgRight - 20);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await page.keyboard.press('Control+z');

  // A push lower down has room above the pointer: its time is there, as it always was.
  y = await drag('p3', 40);
  s = await shown();
  expect(s.painted).toBe(true);
  expect(s.bottom).toBeLessThan(y);
  await page.mouse.up();
});

test('a dragged push stays by the pointer at 2,000 pushes, and the lanes below do not move', async () => {
  test.slow();
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Two thousand pushes', 2_000, '97m'))}`);
  /** p20's handle's y and the APNs lane's top, in the SVG's own coordinates. */
  const layout = () =>
    page.evaluate(() => {
      const svg = document.querySelector('.timeline svg')!.getBoundingClientRect();
      const y = (el: Element | null | undefined) => Math.round(el!.getBoundingClientRect().y - svg.y);
      const p20 = [...document.querySelectorAll('.timeline g.push')].find((g) =>
        g.getAttribute('aria-label')?.startsWith('push p20,'),
      );
      return {
        p20: y(p20?.querySelector('circle')),
        apns: y(document.querySelector('.timeline [aria-label="APNs lane"] rect')),
      };
    });
  const before = await layout();
  /** A push row and the gap below it are 20 px at the default font. */
  const oneRow = 24;
  const p20 = await grab(page, 'p20');
  // Along rows that are busy all the way (superseded pushes wait to the end): no row far below, nor a
  // new one, is where the user holds it.
  for (let dx = 4; dx <= 300; dx += 40) {
    await p20.to(dx);
    await expect(page.locator('.drag-time')).toBeVisible();
    const during = await layout();
    expect(Math.abs(during.p20 - before.p20), `p20 at dx ${dx}`).toBeLessThanOrEqual(oneRow);
    expect(during.apns, `APNs lane at dx ${dx}`).toBe(before.apns);
  }
  await page.mouse.up();
  // The drop lays the rows out afresh and p20's new row is far below: the timeline follows it there,
  // through the result that lands after the drop.
  const dropped = page
    .getByRole('application', { name: 'Timeline', exact: true })
    .getByRole('button', { name: /^push p20,/ });
  await idle(page);
  await expect(dropped).toBeInViewport();
});
