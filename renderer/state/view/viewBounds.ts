import { MAX_TIME_MS } from '../../../machines';

/** The narrowest view: 10 ms over the timeline's width (the axis then ticks every millisecond). */
export const MIN_SPAN = 10;
/** The widest view, and how far from 0 its middle may go: twice the longest scenario (60 days). */
export const MAX_SPAN = 2 * MAX_TIME_MS;

/**
 * A view the timeline can draw: its span between {@link MIN_SPAN} and {@link MAX_SPAN}, its middle
 * within ±{@link MAX_SPAN}; `undefined` (fit the scenario) for a view that is not finite. Holding "−"
 * used to widen the view ×1.43 a press until the 57th drew millions of axis ticks and froze the tab;
 * a shared link's `v=` could do the same at once.
 */
export function clampView<V extends { readonly start: number; readonly end: number }>(
  view: V | undefined,
): V | undefined {
  if (!view || !Number.isFinite(view.start) || !Number.isFinite(view.end)) return undefined;
  const span = view.end - view.start;
  const mid = (view.start + view.end) / 2;
  if (span >= MIN_SPAN && span <= MAX_SPAN && Math.abs(mid) <= MAX_SPAN) return view;
  const width = Math.min(Math.max(span, MIN_SPAN), MAX_SPAN);
  const centre = Math.min(Math.max(mid, -MAX_SPAN), MAX_SPAN);
  return { ...view, start: centre - width / 2, end: centre + width / 2 };
}
