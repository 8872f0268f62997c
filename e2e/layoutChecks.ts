import type { Page } from '@playwright/test';
import { installShownWhole } from './visibility';

/** What a timeline's texts show: the problems found, and how many texts were looked at. */
export interface TimelineText {
  problems: string[];
  texts: number;
}

/** The checks `installLayoutChecks` leaves on the page's window, each run on an element. */
export interface LayoutChecks {
  overflowingText(top: Element): string[];
  timelineText(top: Element): TimelineText;
  presentFrameProblems(root: Element): string[];
  openLanes(svg: Element): OpenLanes;
  lanesShownWhole(svg: Element, names: string[]): string[];
}

/** A timeline's lanes drawn open (not folded to a strip), by name, and those not shown whole. */
export interface OpenLanes {
  names: string[];
  problems: string[];
}

/** The name under which `installLayoutChecks` leaves the checks on the page's window. */
export type WithLayoutChecks = { ringsideLayout?: LayoutChecks };

/**
 * Runs in the page: defines `window.ringsideLayout`, layout.spec's looks at a view. Defined once per
 * document instead of sent with each look, so that one `evaluate` can run several of them on a frame
 * (issue #21: a round trip to the page cost as much as a look's own work on a busy machine).
 */
const defineLayoutChecks = () => {
  type Place = (el: Element) => { box: DOMRectReadOnly; clip: DOMRectReadOnly };
  /**
   * As `expectShownWhole`: what is wrong when `el` is not inside the window and every box that clips it
   * (see `installShownWhole`), or nothing.
   */
  const notShownWhole = (el: Element, what: string): string | undefined => {
    const place = (window as Window & { ringsidePlaceInClip?: Place }).ringsidePlaceInClip;
    if (!place) return 'installShownWhole was not run on this page';
    const { box: r, clip } = place(el);
    if (
      r.top < clip.top - 0.5 ||
      r.bottom > clip.bottom + 0.5 ||
      r.left < clip.left - 0.5 ||
      r.right > clip.right + 0.5
    )
      return `${what} not shown whole: ${[r.top, r.right, r.bottom, r.left].map(Math.round).join(' ')} in ${[clip.top, clip.right, clip.bottom, clip.left].map(Math.round).join(' ')}`;
    return undefined;
  };
  /** What is wrong when the lane group `g`'s background is not shown whole (`notShownWhole`), or nothing. */
  const laneNotShownWhole = (g: Element, name: string): string | undefined => {
    const bg = g.querySelector('.lane-bg');
    return bg ? notShownWhole(bg, `${name} lane`) : `${name} lane: no background`;
  };
  const checks: LayoutChecks = {
    /**
     * Every shown element with text whose text runs out of its box (scrollWidth > clientWidth, or taller
     * than a box that hides what overflows), with a description. Inline elements have no box of their
     * own: the block that holds them overflows instead. Form fields (the title, the menus) scroll their
     * own text by design and are left out, as are elements drawn 1 px or smaller (visually hidden text
     * for screen readers).
     */
    overflowingText(top) {
      const out: string[] = [];
      for (const el of [top, ...top.querySelectorAll('*')]) {
        if (!(el instanceof HTMLElement) || el.closest('svg, input, select, textarea, option')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'inline' || style.display === 'contents' || style.visibility !== 'visible') continue;
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1 || !el.textContent?.trim()) continue;
        const what = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 50)}"`;
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${what}: ${el.scrollWidth} > ${el.clientWidth} wide`);
        // A box that hides what does not fit cuts text that wraps onto a line below it, too.
        const hides = style.overflowY === 'hidden' || style.overflowY === 'clip';
        if (hides && el.scrollHeight > el.clientHeight + 1)
          out.push(`${what}: ${el.scrollHeight} > ${el.clientHeight} tall`);
      }
      return out;
    },

    /**
     * What is cut or overflows on every timeline under `top`: lane names past the gutter (into the plot)
     * or out of their lane; any shown text (bar, deadline, input and push labels, markers, ticks, lane
     * names) that ends in an ellipsis; a bar's label that runs out of its bar (or its deadline's
     * window); any text that runs out of its timeline's drawing. Counts the texts looked at, so that a
     * check of nothing cannot pass.
     */
    timelineText(top) {
      const problems: string[] = [];
      let texts = 0;
      for (const timeline of top.querySelectorAll('.timeline')) {
        const svg = timeline.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        // The gutter is 168 px of the SVG's own units; a zoomed-out timeline draws it narrower.
        const gutter = box.left + 168 * (box.width / svg.width.baseVal.value);
        for (const name of timeline.querySelectorAll('.lane-name')) {
          const r = name.getBoundingClientRect();
          const lane = name.parentElement!.getBoundingClientRect();
          if (r.right > gutter + 0.5) problems.push(`lane name "${name.textContent}" runs into the plot`);
          if (r.bottom > lane.bottom + 0.5) problems.push(`lane name "${name.textContent}" runs out of its lane`);
        }
        for (const text of timeline.querySelectorAll('svg text, .lane-name')) {
          const r = text.getBoundingClientRect();
          const content = text.textContent ?? '';
          if (r.width === 0 || !content.trim()) continue;
          texts++;
          if (content.trimEnd().endsWith('…')) problems.push(`"${content}" is cut`);
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
            problems.push(`"${content}" runs out of the timeline (${Math.round(r.left)}–${Math.round(r.right)})`);
          if (!text.classList.contains('iv-label')) continue;
          const g = text.parentElement!;
          const frame = (g.querySelector('.deadline-window') ?? g.querySelector('.iv')!).getBoundingClientRect();
          const bar = g.querySelector('.iv')!.getBoundingClientRect();
          const right = Math.max(frame.right, bar.right);
          if (r.left < frame.left - 0.5 || r.right > right + 0.5)
            problems.push(`bar label "${content}" runs out of its ${Math.round(right - frame.left)} px bar`);
        }
      }
      return { problems, texts };
    },

    /**
     * Present mode's frame in `root` (its dialog): the caption and the timeline scroll neither way; the
     * caption, each fate card and each timeline lie inside the window and every box that clips them;
     * the caption's leads are 28 px or larger.
     */
    presentFrameProblems(root) {
      const problems: string[] = [];
      const noScrolling = (el: Element | null, what: string) => {
        if (!el) {
          problems.push(`${what}: missing`);
          return;
        }
        if (el.scrollHeight > el.clientHeight + 1)
          problems.push(`${what}: scroll height ${el.scrollHeight} > ${el.clientHeight}`);
        if (el.scrollWidth > el.clientWidth + 1)
          problems.push(`${what}: scroll width ${el.scrollWidth} > ${el.clientWidth}`);
      };
      const shownWhole = (el: Element, what: string) => {
        const problem = notShownWhole(el, what);
        if (problem) problems.push(problem);
      };
      const caption = root.querySelector('[aria-label="Caption"]');
      noScrolling(caption, 'caption');
      if (caption) shownWhole(caption, 'caption');
      noScrolling(root.querySelector('.present-timeline'), 'timeline');
      for (const card of root.querySelectorAll('.present-fate')) shownWhole(card, `fate card "${card.textContent}"`);
      const leads = caption ? [...caption.querySelectorAll('.present-lead, .present-question:not(.small)')] : [];
      for (const lead of leads) {
        const size = parseFloat(getComputedStyle(lead).fontSize);
        if (size < 28) problems.push(`caption type ${size} px: "${lead.textContent}"`);
      }
      const svgs = root.querySelectorAll('svg[role="application"]');
      if (svgs.length === 0) problems.push('no timeline');
      for (const svg of svgs) shownWhole(svg, 'timeline');
      return problems;
    },

    /**
     * The lanes of the timeline `svg` drawn open (not folded to a strip), by their names, and each one
     * whose background is not shown whole (as `expectShownWhole`). In one look, not a locator and a
     * look per lane: the main view is checked this way at each size, dozens of lanes a test.
     */
    openLanes(svg) {
      const names: string[] = [];
      const problems: string[] = [];
      for (const g of svg.querySelectorAll('g[role="group"]')) {
        if (g.classList.contains('lane-folded')) continue;
        const name = g.getAttribute('aria-label')!.replace(/ lane$/, '');
        names.push(name);
        const problem = laneNotShownWhole(g, name);
        if (problem) problems.push(problem);
      }
      return { names, problems };
    },

    /**
     * What is wrong with the lanes of `svg` named in `names`, each the one group whose label starts with
     * "<name> lane" (folded or not), its background shown whole (as `expectShownWhole` on its locator,
     * which fails on none or several).
     */
    lanesShownWhole(svg, names) {
      const groups = [...svg.querySelectorAll('g[role="group"]')];
      return names.flatMap((name) => {
        const found = groups.filter((g) => g.getAttribute('aria-label')?.startsWith(`${name} lane`));
        if (found.length !== 1) return [`${name} lane: ${found.length} groups, not 1`];
        const problem = laneNotShownWhole(found[0]!, name);
        return problem ? [problem] : [];
      });
    },
  };
  (window as Window & WithLayoutChecks).ringsideLayout = checks;
};

/**
 * Defines `window.ringsideLayout` (and `window.ringsidePlaceInClip`, which it uses) on the page, now and
 * in every document it loads from here on.
 */
export async function installLayoutChecks(page: Page): Promise<void> {
  await installShownWhole(page);
  await page.addInitScript(defineLayoutChecks);
  await page.evaluate(defineLayoutChecks);
}
