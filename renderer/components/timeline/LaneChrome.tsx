// What the timeline draws around its bars and spans: each lane's background and name, the lane names
// that stay in sight while a lane is scrolled, and the dragged time's box.
import { memo } from 'react';
import { LANES, type LaneId } from '../../../machines';
import { LANE_LABELS } from '../../state/view/labels';
import { dragBox, DRAG_BOX_H, DRAG_TEXT_X, DRAG_TEXT_Y, type DragLabel } from './drag';
import { FOLD_NOTE, type FoldReason } from './folds';
import { AXIS, GUTTER, LANE_NAME_X, LANE_NAME_Y, LANE_NAME_Y_FOLDED } from './geometry';

/** Where the note of a folded lane stands right of the gutter (px). */
const NOTE_X = 8;

/** Each lane's background, name and (folded) why, as a group named for assistive technology. */
export function LaneBacks(props: {
  width: number;
  tops: Readonly<Record<LaneId, number>>;
  heights: Readonly<Record<LaneId, number>>;
  folded: ReadonlyMap<LaneId, FoldReason>;
}) {
  const { tops, heights, width } = props;
  return LANES.map((lane) => {
    const fold = props.folded.get(lane);
    return (
      <g
        key={lane}
        role="group"
        aria-label={`${LANE_LABELS[lane]} lane${fold ? `: ${FOLD_NOTE[fold]}` : ''}`}
        className={fold ? 'lane-folded' : undefined}
      >
        <rect className="lane-bg" x={0} y={tops[lane]} width={width} height={heights[lane]} />
        <text className="lane-label" x={LANE_NAME_X} y={tops[lane] + (fold ? LANE_NAME_Y_FOLDED : LANE_NAME_Y)}>
          {LANE_LABELS[lane]}
        </text>
        {fold && (
          <text className="lane-note" x={GUTTER + NOTE_X} y={tops[lane] + LANE_NAME_Y_FOLDED}>
            {FOLD_NOTE[fold]}
          </text>
        )}
      </g>
    );
  });
}

/**
 * The lanes' names again, each sticky inside a box as tall as its lane: while a lane taller than the
 * view is scrolled its name stays just below the axis strip, and it leaves with its lane (the
 * compositor keeps it there, as the axis). The SVG's own names are what an export copies.
 */
export const LaneNames = memo(function LaneNames({ heights }: { heights: Readonly<Record<LaneId, number>> }) {
  return (
    <div className="lane-names" aria-hidden="true" style={{ paddingTop: AXIS }}>
      {LANES.map((lane) => (
        <div key={lane} style={{ height: heights[lane] }}>
          <span className="lane-name">{LANE_LABELS[lane]}</span>
        </div>
      ))}
    </div>
  );
});

/** The dragged input's time, and where it stands against the nearest other input, by the pointer. */
export function DragTime({ drag, width }: { drag: DragLabel; width: number }) {
  const box = dragBox(drag, width);
  return (
    <g className="drag-time" aria-live="polite">
      <rect x={box.x} y={box.y} width={box.w} height={DRAG_BOX_H} rx={4} />
      <text x={box.x + DRAG_TEXT_X} y={box.y + DRAG_TEXT_Y}>
        {drag.label}
        {box.relation && <tspan className="drag-relation">{box.relation}</tspan>}
      </text>
    </g>
  );
}
