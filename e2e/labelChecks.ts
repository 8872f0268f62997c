import type { Locator, Page } from '@playwright/test';
import { GUTTER } from '../renderer/components/timeline/geometry';

/** A shown text and its lowest WCAG contrast ratio against what is painted under it. */
export interface Contrast {
  text: string;
  ratio: number;
}

/** A shown bar label: its computed font size, whether it lies inside its bar (or deadline window), and the bar's height. */
export interface BarLabel {
  text: string | null;
  size: number;
  inside: boolean;
  bar: number;
}

/** A shown push or input label: its text, computed font size, and what it runs over. */
export interface PlacedLabel {
  text: string | null;
  size: number;
  overlaps: (string | null)[];
}

/** An interval bar and the pattern laid over it (see `LabelChecks.barCues`). */
export interface BarCue {
  kind: string;
  tone: string;
  width: number;
  labelled: boolean;
  cue: string;
  covers: boolean;
}

/** The looks at a timeline's texts that `installLabelChecks` leaves on the page's window, each run on an SVG. */
export interface LabelChecks {
  contrasts(root: Element): Contrast[];
  barLabels(root: Element): BarLabel[];
  pushLabels(root: Element): PlacedLabel[];
  inputLabels(root: Element): PlacedLabel[];
  barCues(root: Element): BarCue[];
}

/** The name under which `installLabelChecks` leaves the checks on the page's window. */
export type WithLabelChecks = { ringsideLabels?: LabelChecks };

/**
 * Runs in the page: defines `window.ringsideLabels`. Defined once per document instead of sent with
 * each look, so that one `evaluate` runs every look at a frame (issue #21: present.spec's walk made
 * four round trips a frame, each costing as much as its look on a busy machine).
 */
const defineLabelChecks = () => {
  const checks: LabelChecks = {
    /**
     * Every shown text on `root` with its lowest WCAG contrast ratio against what is painted under it.
     * An interval label: its bar, a deadline's window, or the lane where the text runs past them,
     * sampled along the label. Any other text (push and input labels, markers, ticks, lane names): its
     * lane, or the playhead's pill. Fills are read with getComputedStyle; a translucent fill is laid over
     * what is under it.
     */
    contrasts(root) {
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
    },

    /** Every shown bar label on `root`. */
    barLabels(root) {
      return [...root.querySelectorAll('.iv-label')]
        .filter((label) => label.textContent && label.getBoundingClientRect().width > 0)
        .map((label) => {
          const g = label.parentElement!;
          const bar = g.querySelector('.iv')!.getBoundingClientRect();
          const frame = (g.querySelector('.deadline-window') ?? g.querySelector('.iv')!).getBoundingClientRect();
          const r = label.getBoundingClientRect();
          return {
            text: label.textContent,
            size: parseFloat(getComputedStyle(label).fontSize),
            inside:
              r.left >= frame.left - 0.5 &&
              r.right <= frame.right + 0.5 &&
              r.top >= frame.top - 0.5 &&
              r.bottom <= frame.bottom + 0.5,
            bar: Math.round(bar.height * 10) / 10,
          };
        });
    },

    /** Every shown push label on `root`, with the labels whose boxes it overlaps. */
    pushLabels(root) {
      const labels = [...root.querySelectorAll('.push-label')].filter((l) => l.getBoundingClientRect().width > 0);
      const boxes = labels.map((l) => l.getBoundingClientRect());
      return labels.map((label, i) => ({
        text: label.textContent,
        size: parseFloat(getComputedStyle(label).fontSize),
        overlaps: labels
          .filter((_, j) => {
            const a = boxes[i]!;
            const b = boxes[j]!;
            // 1 px of slack: glyph boxes of neighbouring rows may touch.
            return j !== i && a.left < b.right && b.left < a.right && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          })
          .map((l) => l.textContent),
      }));
    },

    /**
     * Every shown input label on `root` ("network → wifi"), with what it runs over on its row: another
     * input's label or diamond, or a marker.
     */
    inputLabels(root) {
      const labels = [...root.querySelectorAll('.input-label')].filter((l) => l.getBoundingClientRect().width > 0);
      const others = [...root.querySelectorAll('.input-label, .input-mark, .marker text')];
      return labels.map((label) => {
        const a = label.getBoundingClientRect();
        return {
          text: label.textContent,
          size: parseFloat(getComputedStyle(label).fontSize),
          overlaps: others
            .filter((o) => {
              if (o === label) return false;
              const b = o.getBoundingClientRect();
              // 1 px of slack: glyph boxes are a little wider than the glyphs.
              return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            })
            .map((o) => (o.classList.contains('input-mark') ? 'a diamond' : `"${o.textContent}"`)),
        };
      });
    },

    /**
     * Every interval bar on `root`: its tone, whether it carries a label, and the tone of the pattern
     * laid over it ('none' without one), found through the `fill` of its `.iv-cue` in this SVG's own defs.
     */
    barCues(root) {
      return [...root.querySelectorAll('.iv')].map((bar) => {
        const g = bar.parentElement!;
        const cue = g.querySelector('.iv-cue');
        const id = /^url\(#(.+)\)$/.exec(cue?.getAttribute('fill') ?? '')?.[1];
        const pattern = id === undefined ? null : root.querySelector(`pattern[id="${CSS.escape(id)}"]`);
        const same = (a: string) => cue?.getAttribute(a) === bar.getAttribute(a);
        return {
          kind: bar.getAttribute('class')!.replace('iv ', ''),
          tone: bar.getAttribute('data-tone') ?? '',
          width: Math.round(bar.getBoundingClientRect().width * 10) / 10,
          labelled: g.querySelector('.iv-label') !== null,
          cue: !cue ? 'none' : (pattern?.getAttribute('data-tone') ?? `a fill of no pattern here (${id ?? 'none'})`),
          covers: !cue || ['x', 'y', 'width', 'height'].every(same),
        };
      });
    },
  };
  (window as Window & WithLabelChecks).ringsideLabels = checks;
};

/** Defines `window.ringsideLabels` on the page, now and in every document it loads from here on. */
export async function installLabelChecks(page: Page): Promise<void> {
  await page.addInitScript(defineLabelChecks);
  await page.evaluate(defineLabelChecks);
}

/**
 * The push labels on `timeline` (its SVG) that start left of its plot, under the lane names' column,
 * which is drawn over them: given as their texts. A push's label is drawn where its beginning, the
 * push's name, can be read. The plot starts GUTTER px of the SVG's own units from its left edge (fewer
 * screen px in a zoomed-out timeline).
 */
export function pushLabelsUnderLaneNames(timeline: Locator): Promise<string[]> {
  return timeline.evaluate((svg: SVGSVGElement, gutter) => {
    const box = svg.getBoundingClientRect();
    const plot = box.left + gutter * (box.width / svg.width.baseVal.value);
    return [...svg.querySelectorAll('.push-label')]
      .filter((label) => label.getBoundingClientRect().left < plot - 0.5)
      .map((label) => label.textContent ?? '');
  }, GUTTER);
}
