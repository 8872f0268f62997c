// Each lane's height and top (px) on the timeline: plain numbers, no React.
import { LANES, type LaneId } from '../../../machines';
import { AXIS, BAR_GAP, BOTTOM, PUSH_GAP } from './geometry';

/** The strip below a lane's bars where its markers and inputs stand, and the margin of a lane without them. */
export const MARK_STRIP = 26;
export const NO_STRIP = 8;
/** Room (px) around the Provider lane's push rows, and above a lane's bar rows. */
export const PROVIDER_PAD = 18;
export const BAR_PAD = 12;

/** What decides the lanes' heights in one render. */
export interface LaneSizing {
  /** Lanes drawn as a strip with their name (`folds.ts`), and that strip's height. */
  readonly folded: { has(lane: LaneId): boolean };
  readonly foldedHeight: number;
  /** Rows of push spans on the Provider lane, and a row's height. */
  readonly pushRows: number;
  readonly pushRow: number;
  /** Rows of bars on each other lane, and a row's height. */
  readonly barRows: (lane: LaneId) => number;
  readonly barRow: number;
  /** Whether a lane has markers or inputs (a strip below its bars). */
  readonly marked: (lane: LaneId) => boolean;
  /**
   * While an input is dragged: the heights the lanes have had since the drag began. A lane keeps the
   * most it had, so the lanes below do not jump when a dragged push leaves a row it made.
   */
  readonly kept?: Readonly<Record<LaneId, number>>;
}

/** Each lane's height (px). */
export function laneHeights(s: LaneSizing): Record<LaneId, number> {
  const heights = {} as Record<LaneId, number>;
  for (const lane of LANES) {
    const own = s.folded.has(lane)
      ? s.foldedHeight
      : lane === 'provider'
        ? PROVIDER_PAD + s.pushRows * (s.pushRow + PUSH_GAP)
        : BAR_PAD + s.barRows(lane) * (s.barRow + BAR_GAP) + (s.marked(lane) ? MARK_STRIP : NO_STRIP);
    heights[lane] = Math.max(own, s.kept?.[lane] ?? 0);
  }
  return heights;
}

/** Each lane's top below the axis, and the timeline's whole height. */
export function laneTops(heights: Readonly<Record<LaneId, number>>): { tops: Record<LaneId, number>; total: number } {
  const tops = {} as Record<LaneId, number>;
  let y = AXIS;
  for (const lane of LANES) {
    tops[lane] = y;
    y += heights[lane];
  }
  return { tops, total: y + BOTTOM };
}

/** The lane at `y` (px from the timeline's top), if any. */
export function laneAt(
  tops: Readonly<Record<LaneId, number>>,
  heights: Readonly<Record<LaneId, number>>,
  y: number,
): LaneId | undefined {
  return LANES.find((l) => y >= tops[l] && y < tops[l] + heights[l]);
}

/** `kept` raised to `heights` where a lane grew, or `kept` itself (the same object) when none did. */
export function keepTallest(
  kept: Readonly<Record<LaneId, number>>,
  heights: Readonly<Record<LaneId, number>>,
): Readonly<Record<LaneId, number>> {
  if (!LANES.some((lane) => heights[lane] > kept[lane])) return kept;
  const out = {} as Record<LaneId, number>;
  for (const lane of LANES) out[lane] = Math.max(kept[lane], heights[lane]);
  return out;
}

/**
 * The lanes wholly below the rendered band (`bandBottom`, SVG y) at `tops`. While an input is dragged
 * the lanes only grow (`keepTallest`), so a lane below the band at the last render is below it still:
 * its bars and markers are not drawn, and laying it out again on every frame only costs time.
 */
export function lanesBelow(tops: Readonly<Record<LaneId, number>>, bandBottom: number): Set<LaneId> {
  return new Set(LANES.filter((lane) => tops[lane] >= bandBottom));
}
