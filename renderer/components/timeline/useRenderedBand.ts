import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { ROW } from './geometry';
import { scrollParent } from './scrollParent';

/** From this many pushes on, only the rows near the scrolled view are rendered (as in the Fates table). */
export const WINDOW_FROM = 80;
/** The rendered band's edges move in steps of this many px (8 push rows), not on every scroll. */
const BAND_STEP = 8 * (ROW + 4);

/**
 * While `windowed`, the band of the SVG (`svgRef`, in `hostRef`) whose rows are rendered: the scrolled
 * view and a view's height above and below it, measured again on scroll and resize, and by
 * `measureBand` after the timeline scrolls itself.
 */
export function useRenderedBand(
  hostRef: RefObject<HTMLDivElement | null>,
  svgRef: RefObject<SVGSVGElement | null>,
  windowed: boolean,
) {
  /** The rendered band, in the SVG's y (px). */
  const [band, setBand] = useState({ top: 0, bottom: 4 * BAND_STEP });
  const measureBand = useCallback(() => {
    const svg = svgRef.current;
    const el = hostRef.current;
    if (!svg || !el) return;
    const scroller = scrollParent(el);
    const viewTop = scroller ? scroller.getBoundingClientRect().top + scroller.clientTop : 0;
    const viewHeight = scroller ? scroller.clientHeight : window.innerHeight;
    const from = viewTop - svg.getBoundingClientRect().top;
    const top = Math.floor((from - viewHeight) / BAND_STEP) * BAND_STEP;
    const bottom = Math.ceil((from + 2 * viewHeight) / BAND_STEP) * BAND_STEP;
    setBand((b) => (b.top === top && b.bottom === bottom ? b : { top, bottom }));
  }, [hostRef, svgRef]);
  useLayoutEffect(() => {
    const el = hostRef.current;
    if (!el || !windowed) return;
    const scroller = scrollParent(el);
    measureBand();
    let frame = 0;
    const onScroll = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          measureBand();
        });
    };
    const target = scroller ?? window;
    target.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    if (scroller) observer.observe(scroller);
    return () => {
      target.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [hostRef, windowed, measureBand]);
  return { band, measureBand };
}

/**
 * The pushes rendered whatever the band: the selected one, the focused one and those before and after
 * it (in `shown` order), so that Tab and Shift+Tab walk on to them.
 */
export function alwaysRendered(
  shown: readonly { readonly id: string }[],
  selected: string | undefined,
  focused: string | undefined,
): Set<string> {
  const keep = new Set<string>();
  if (selected !== undefined) keep.add(selected);
  if (focused !== undefined) {
    keep.add(focused);
    const at = shown.findIndex((p) => p.id === focused);
    if (at > 0) keep.add(shown[at - 1]!.id);
    if (at !== -1 && at + 1 < shown.length) keep.add(shown[at + 1]!.id);
  }
  return keep;
}
