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

/**
 * Every shown text on `svg` with its lowest WCAG contrast ratio against what is painted under it. An
 * interval label: its bar, a deadline's window, or the lane where the text runs past them, sampled
 * along the label. Any other text (push and input labels, markers, ticks, lane names): its lane, or the
 * playhead's pill. Fills are read with getComputedStyle; a translucent fill is laid over what is under it.
 */
export function labelContrasts(svg: Locator): Promise<{ text: string; ratio: number }[]> {
  return svg.evaluate((root) => {
    type Rgb = [number, number, number];
    const rgb = (fill: string): Rgb | undefined => {
      const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(fill);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
    };
    const alpha = (el: Element) => {
      const style = getComputedStyle(el);
      const a = /rgba\([^)]*[, /]\s*([\d.]+)\)/.exec(style.fill);
      return Number(style.opacity) * Number(style.fillOpacity) * (a ? Number(a[1]) : 1);
    };
    const over = (under: Rgb, el: Element): Rgb => {
      const top = rgb(getComputedStyle(el).fill);
      if (!top) return under;
      const a = alpha(el);
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)) as Rgb;
    };
    const luminance = (c: Rgb) => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as Rgb;
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: Rgb, b: Rgb) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const lanes = [...root.querySelectorAll('.lane-bg')];
    const out: { text: string; ratio: number }[] = [];
    for (const label of root.querySelectorAll('.iv-label')) {
      const r = label.getBoundingClientRect();
      if (!label.textContent || r.width === 0) continue;
      const ink = rgb(getComputedStyle(label).fill)!;
      const midY = r.top + r.height / 2;
      const lane = lanes.find((l) => {
        const b = l.getBoundingClientRect();
        return b.top <= midY && midY < b.bottom;
      })!;
      const layers = [...label.parentElement!.querySelectorAll('.deadline-window, .iv')];
      let lowest = Infinity;
      for (let k = 0; k <= 8; k++) {
        const x = r.left + 1 + ((r.width - 2) * k) / 8;
        let under = over([255, 255, 255], lane);
        for (const layer of layers) {
          const b = layer.getBoundingClientRect();
          if (b.left <= x && x <= b.right) under = over(under, layer);
        }
        lowest = Math.min(lowest, ratio(ink, under));
      }
      out.push({ text: label.textContent, ratio: Math.round(lowest * 100) / 100 });
    }
    const page = rgb(getComputedStyle(root.closest('.timeline') ?? root).backgroundColor) ?? [255, 255, 255];
    for (const text of root.querySelectorAll('text:not(.iv-label)')) {
      const r = text.getBoundingClientRect();
      if (!text.textContent || r.width === 0) continue;
      const midY = r.top + r.height / 2;
      const lane = lanes.find((l) => {
        const b = l.getBoundingClientRect();
        return b.top <= midY && midY < b.bottom;
      });
      const pill = text.closest('.playhead-label')?.querySelector('rect');
      const under = pill ? over(page, pill) : lane ? over(page, lane) : page;
      out.push({ text: text.textContent, ratio: Math.round(ratio(over(under, text), under) * 100) / 100 });
    }
    return out;
  });
}
