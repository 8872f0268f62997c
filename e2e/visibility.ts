import { expect, type Locator, type Page } from '@playwright/test';

/** A box in page px. */
interface Edges {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The name under which `installShownWhole` leaves `placeInClip` on the page's window. */
type WithPlace = { ringsidePlaceInClip?: (el: Element) => { box: Edges; clip: Edges } };

/**
 * Runs in the page: defines `window.ringsidePlaceInClip(el)`, the element's box and the box left of the
 * window by every ancestor that clips it (a scrolling pane, an SVG). A bounding box alone would not do:
 * it ignores the panes' scrolling. One definition for `expectShownWhole` and for checks that look at
 * many elements in one `evaluate` (layout.spec's present-mode frames).
 */
const definePlaceInClip = () => {
  (window as Window & WithPlace).ringsidePlaceInClip = (el: Element) => {
    const r = el.getBoundingClientRect();
    const clip = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      const b = p.getBoundingClientRect();
      if (style.overflowY !== 'visible') {
        clip.top = Math.max(clip.top, b.top + p.clientTop);
        clip.bottom = Math.min(clip.bottom, b.top + p.clientTop + p.clientHeight);
      }
      if (style.overflowX !== 'visible') {
        clip.left = Math.max(clip.left, b.left + p.clientLeft);
        clip.right = Math.min(clip.right, b.left + p.clientLeft + p.clientWidth);
      }
    }
    return { box: { top: r.top, left: r.left, bottom: r.bottom, right: r.right }, clip };
  };
};

/**
 * Defines `window.ringsidePlaceInClip` on the page, now and in every document it loads from here on, for
 * `evaluate` callbacks that check many elements at once (see `definePlaceInClip`).
 */
export async function installShownWhole(page: Page): Promise<void> {
  await page.addInitScript(definePlaceInClip);
  await page.evaluate(definePlaceInClip);
}

/**
 * Expects the element to be shown whole: inside the window and inside every box that clips it (a
 * scrolling pane, an SVG). A bounding box alone would not do: it ignores the panes' scrolling.
 */
export async function expectShownWhole(locator: Locator, what: string): Promise<void> {
  const place = (el: Element) => (window as Window & WithPlace).ringsidePlaceInClip?.(el) ?? null;
  let found = await locator.evaluate(place);
  if (!found) {
    await locator.page().evaluate(definePlaceInClip);
    found = await locator.evaluate(place);
  }
  const { box, clip } = found!;
  expect(box.top, `${what}: top`).toBeGreaterThanOrEqual(clip.top - 0.5);
  expect(box.bottom, `${what}: bottom`).toBeLessThanOrEqual(clip.bottom + 0.5);
  expect(box.left, `${what}: left`).toBeGreaterThanOrEqual(clip.left - 0.5);
  expect(box.right, `${what}: right`).toBeLessThanOrEqual(clip.right + 0.5);
}

/**
 * Whether some element matching `selector` with exactly `text` lies inside the scrolling pane's shown
 * box and is what the browser paints at its centre (not covered by what scrolled over it).
 */
export function paintedInPane(pane: Locator, selector: string, text: string): Promise<boolean> {
  return pane.evaluate(
    (el, [selector, text]) => {
      const view = el.getBoundingClientRect();
      const top = view.top + el.clientTop;
      const bottom = top + el.clientHeight;
      return [...el.querySelectorAll(selector)].some((candidate) => {
        if (candidate.textContent !== text) return false;
        const r = candidate.getBoundingClientRect();
        if (r.height === 0 || r.top < top || r.bottom > bottom) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && (hit === candidate || hit.closest('svg') === candidate.closest('svg'));
      });
    },
    [selector, text] as const,
  );
}
