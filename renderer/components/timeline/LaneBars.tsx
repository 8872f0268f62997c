import { memo, useMemo } from 'react';
import type { LaneInterval } from '../../../machines';
import { barRowTop, clampedX, inBand } from './geometry';
import { IntervalBar } from './IntervalBar';
import { barsWorthDrawing } from './laneRows';

/**
 * One lane's bars. Memoized on the lane's own rows (`useLaneLayout` keeps them while the lane's bars are
 * the same) and on plain numbers, so that a drag frame that changes other lanes, or only the document
 * (before its run comes back), does not go over this lane's thousands of bars again.
 */
export const LaneBars = memo(function LaneBars(props: {
  placed: readonly (readonly [LaneInterval, number])[];
  keys: readonly string[];
  top: number;
  /** x of a time on the plot, and the drawing's width (bars are clamped to it). */
  x: (t: number) => number;
  width: number;
  rowHeight: number;
  font: number;
  /** Start of the ids of the timeline's patterns. */
  cues: string;
  /** The rendered band (SVG y, px), when only rows near the view are rendered. */
  bandTop: number | undefined;
  bandBottom: number | undefined;
  /** Present mode: running bars may draw their label on past their end (`IntervalBar`'s `room`). */
  roomy: boolean;
  onZoom: (from: number, to: number) => void;
}) {
  const { placed, keys, top, x, width, rowHeight, bandTop, bandBottom } = props;
  const clampX = (t: number) => clampedX(x, width, t);
  const drawn = useMemo(
    () => barsWorthDrawing(placed, (iv) => [clampedX(x, width, iv.from), clampedX(x, width, iv.to)]),
    [placed, x, width],
  );
  return placed.map(([iv, row], i) => {
    const y0 = barRowTop(top, row, rowHeight);
    if (!drawn[i] || !inBand(y0, rowHeight, bandTop, bandBottom)) return null;
    return (
      <IntervalBar
        key={keys[i]}
        cues={props.cues}
        kind={iv.kind}
        label={iv.label}
        push={iv.push}
        rule={iv.rule}
        from={iv.from}
        to={iv.to}
        due={iv.due}
        open={iv.open}
        x0={clampX(iv.from)}
        x1={clampX(iv.to)}
        xDue={iv.due === undefined ? undefined : clampX(iv.due)}
        endedBy={iv.endedBy}
        y0={y0}
        height={rowHeight}
        font={props.font}
        room={props.roomy ? (iv.open ? width - clampX(iv.from) : clampX(iv.to) - clampX(iv.from)) : undefined}
        onZoom={props.onZoom}
      />
    );
  });
});
