// The timeline's sizes (px) and where a time is drawn: plain numbers, no React.
import { textWidth } from './text';

/** Width of the lane names' column, left of the plot. */
export const GUTTER = 168;
/** Height of the time axis above the lanes. */
export const AXIS = 30;
/** The dragged time's box (px): its least width, and its top above or below the pointer. */
export const DRAG_LABEL_W = 78;
export const DRAG_LABEL_ABOVE = 26;
export const DRAG_LABEL_BELOW = 20;
/** Room right of the plot (px), so that the last tick's label and a mark at the end stay whole. */
export const PLOT_END = 12;
/** The least height of a row of bars or push spans. */
export const ROW = 16;
/** Width of a push label's character, about (12 px, semibold). */
export const LABEL_CHAR = 7.5;
/** Font size (px) of `.iv-label` and `.input-label` in styles.css (both are larger in present mode). */
export const SMALL = 11;
/** Height (px) of a row of bars whose labels are `font` px: ROW for the usual 11 px, taller for larger type. */
export const barRow = (font: number) => Math.max(ROW, Math.ceil(font * 1.45));
/** The push labels' usual size (px, styles.css `.push-label`); present mode's are larger. */
export const PUSH_FONT = 12;
/** Height (px) of a row of push spans whose labels are `font` px: ROW for the usual 12 px. */
export const pushRow = (font: number) => Math.max(ROW, Math.round((font * 4) / 3));
/** The markers' glyphs: 14 px bold in styles.css. */
export const MARKER_SIZE = 14;
/** Half the width of an input's diamond, and the gap between a label and what it must not touch. */
export const DIAMOND = 7;
export const GAP = 4;

/** The x of time `t` in a plot `plot` px wide that shows `start` to `end`. */
export const xOf = (t: number, start: number, end: number, plot: number) =>
  GUTTER + ((t - start) / (end - start)) * plot;

/** Gap (px) between rows of push spans, and between rows of bars. */
export const PUSH_GAP = 4;
export const BAR_GAP = 3;
/** The first push row's top below its lane's top, and the first bar row's. */
export const PUSH_TOP = 8;
export const BAR_TOP = 6;
/** Where a lane's name stands: its left edge, and its baseline below the lane's top (folded, open). */
export const LANE_NAME_X = 12;
export const LANE_NAME_Y_FOLDED = 16;
export const LANE_NAME_Y = 20;
/** Room (px) below the timeline's last lane. */
export const BOTTOM = 8;

/** The top (px) of push row `row` in a Provider lane whose top is `top`. */
export const pushRowTop = (top: number, row: number, height: number) => top + PUSH_TOP + row * (height + PUSH_GAP);
/** The top (px) of bar row `row` in a lane whose top is `top`. */
export const barRowTop = (top: number, row: number, height: number) => top + BAR_TOP + row * (height + BAR_GAP);

/** An input's diamond: its centre above its lane's bottom (px). */
export const INPUT_ABOVE_BOTTOM = 12;
/** A marker's baseline above its lane's bottom, and above it when it stands over an input's diamond. */
export const MARKER_ABOVE_BOTTOM = 8;
export const MARKER_OVER_DIAMOND = 22;
/** A bar that begins before the view is drawn from this far (px) left of the plot, under the clip. */
export const CLAMP_MARGIN = 2;

/** x of time `t` on the plot, clamped to the drawing (a bar from before the view starts at its left edge). */
export function clampedX(x: (t: number) => number, width: number, t: number): number {
  return Math.min(Math.max(x(t), GUTTER - CLAMP_MARGIN), width);
}

/**
 * Whether a row from `y0` down `height` px lies in the rendered band (`top`–`bottom`, SVG y), or every
 * row does when nothing is windowed (`useRenderedBand`).
 */
export function inBand(y0: number, height: number, top: number | undefined, bottom: number | undefined): boolean {
  return top === undefined || bottom === undefined || (y0 + height >= top && y0 <= bottom);
}

/** Baseline of the axis's tick labels and of the playhead's time. */
export const TICK_Y = 18;

/** The playhead's time in a pill on the tick row, centred on its line and kept inside the plot. */
export function playheadPill(px: number, text: string, font: number, plot: number): { x0: number; x1: number } {
  const w = textWidth(text, font, 600) + 10;
  const x0 = Math.min(Math.max(px - w / 2, GUTTER), GUTTER + plot + 12 - w);
  return { x0, x1: x0 + w };
}
