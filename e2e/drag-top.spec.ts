import { expect, test, type Page } from '@playwright/test';
import { encodeScenario } from '../renderer/state/bridges/share';
import { sharedPage } from './fixtures';
import { manyPushes } from './scenarios';

const shared = sharedPage();

/** The ids of the timeline's focusable pushes, in document (reading) order. */
const focusableIds = (page: Page) =>
  page
    .getByRole('application', { name: 'Timeline', exact: true })
    .getByRole('button', { name: /^push / })
    .evaluateAll((els) => els.map((el) => /^push ([^,]+),/.exec(el.getAttribute('aria-label') ?? '')?.[1]));

/**
 * The dragged push `id` mid-drag: the other pushes' labels its label overlaps, whether its copy is drawn
 * after each of them (SVG paints in document order: later is on top), the copy's accessibility and halo.
 */
function draggedOnTop(page: Page, id: string) {
  return page.getByRole('application', { name: 'Timeline', exact: true }).evaluate((svg, id) => {
    const box = (el: Element) => el.getBoundingClientRect();
    // In the same row (their middles less than a third of a label's height apart), running into each other.
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 4 &&
      b.left < a.right - 4 &&
      Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < a.height / 3;
    const copies = [...svg.querySelectorAll(`.dragged-copy[data-push="${id}"]`)];
    const copy = copies[0];
    const own = [...svg.querySelectorAll('g.push[role=button]')].find((g) =>
      g.getAttribute('aria-label')?.startsWith(`push ${id},`),
    );
    if (!copy || !own) return { copies: copies.length, own: own !== undefined };
    const label = copy.querySelector('.push-label')!;
    const r = box(label);
    const others = [...svg.querySelectorAll('g.push[role=button] .push-label')].filter(
      (l) => !own.contains(l) && overlap(r, box(l)),
    );
    const style = getComputedStyle(label);
    const bg = getComputedStyle(svg).getPropertyValue('--bg').trim();
    // The page's background as the browser writes a colour, to compare with the label's stroke.
    const probe = document.createElement('i');
    probe.style.color = bg;
    document.body.append(probe);
    const bgColour = getComputedStyle(probe).color;
    probe.remove();
    return {
      copies: copies.length,
      own: true,
      sameText: label.textContent === own.querySelector('.push-label')!.textContent,
      samePlace: JSON.stringify(r) === JSON.stringify(box(own.querySelector('.push-label')!)),
      overlapped: others.map((l) => l.textContent),
      // Every label it overlaps is painted before the copy, so the copy is on top of it.
      onTop: others.every((l) => l.compareDocumentPosition(copy) & Node.DOCUMENT_POSITION_FOLLOWING),
      hidden: copy.closest('[aria-hidden="true"]') !== null && !copy.querySelector('[tabindex]'),
      focusable: copy.hasAttribute('tabindex'),
      halo: style.paintOrder.startsWith('stroke') && style.stroke === bgColour && parseFloat(style.strokeWidth) >= 3,
    };
  }, id);
}

test('a dragged push is drawn over the neighbours it passes, with a halo, and the focusable pushes keep their order', async () => {
  test.slow();
  const page = shared.page;
  await shared.fresh(`/#s=${encodeScenario(manyPushes('Many pushes on the timeline'))}`);
  const circle = page.getByRole('button', { name: /^push p29,/ }).locator('circle');
  await circle.scrollIntoViewIfNeeded();
  const before = await focusableIds(page);
  const handle = (await circle.boundingBox())!;
  const [x, y] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Along its row until its label runs over a neighbour that keeps its row (the rows are packed tight).
  let found: Awaited<ReturnType<typeof draggedOnTop>> | undefined;
  for (let dx = 10; dx <= 200 && !found; dx += 10) {
    await page.mouse.move(x + dx, y);
    await expect(page.locator('.drag-time')).toBeVisible();
    const seen = await draggedOnTop(page, 'p29');
    expect(seen.copies, `one copy of p29 at dx ${dx}`).toBe(1);
    if (seen.overlapped?.length) found = seen;
  }
  expect(found, 'the dragged label ran over a neighbour').toBeDefined();
  expect(found).toMatchObject({ sameText: true, samePlace: true, onTop: true, hidden: true, focusable: false });
  expect(found!.halo, 'a halo of the background behind the label').toBe(true);
  // The accessible mirror: the same pushes in the same order while dragging.
  expect(await focusableIds(page)).toEqual(before);
  const near = async (name: string) => {
    const b = (await page.locator('.dragged-copy .push-label').boundingBox())!;
    const clip = { x: b.x - 60, y: b.y - 30, width: b.width + 120, height: b.height + 60 };
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), clip });
  };
  await page.screenshot({ path: test.info().outputPath('drag-top-light.png') });
  await near('drag-top-light-label');
  await page.getByLabel('Theme').selectOption('dark');
  expect((await draggedOnTop(page, 'p29')).halo, 'the halo in the dark theme').toBe(true);
  await page.screenshot({ path: test.info().outputPath('drag-top-dark.png') });
  await near('drag-top-dark-label');
  await page.mouse.up();
  await expect(page.locator('.dragged-copy')).toHaveCount(0);
});
