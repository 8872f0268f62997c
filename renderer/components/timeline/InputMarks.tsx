import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import { parseDuration, type LaneId, type TimelineEventFile } from '../../../machines';
import { eventLabel, laneOfEvent } from '../../state/view/labels';
import { isLaneInput } from './folds';
import { INPUT_ABOVE_BOTTOM } from './geometry';
import type { InputLabel } from './inputLabels';
import { InputMark } from './InputMark';

/**
 * The inputs on the lanes other than Provider (a push's input is its span). Memoized on values the
 * timeline keeps while they are equal: a render for a new result alone does not go over the document.
 */
export const InputMarks = memo(function InputMarks(props: {
  events: readonly TimelineEventFile[];
  folded: { has(lane: LaneId): boolean };
  labels: ReadonlyMap<number, InputLabel>;
  tops: Readonly<Record<LaneId, number>>;
  heights: Readonly<Record<LaneId, number>>;
  x: (t: number) => number;
  font: number;
  readOnly: boolean;
  selection: readonly number[];
  onDown: (index: number, e: ReactPointerEvent<SVGElement>) => void;
}) {
  const { tops, heights, labels } = props;
  return props.events.map((e, i) => {
    const lane = laneOfEvent(e);
    if (!isLaneInput(e) || props.folded.has(lane)) return null;
    const t = parseDuration(e.at) ?? 0;
    return (
      <InputMark
        key={`in-${i}`}
        index={i}
        label={eventLabel(e)}
        shown={labels.get(i)?.text ?? ''}
        labelX={labels.get(i)?.x ?? 0}
        labelEnd={labels.get(i)?.end ?? false}
        font={props.font}
        t={t}
        cx={props.x(t)}
        cy={tops[lane] + heights[lane] - INPUT_ABOVE_BOTTOM}
        top={tops[lane]}
        edge={(e.do === 'network' || e.do === 'power') && !props.readOnly}
        selected={props.selection.includes(i)}
        onDown={props.onDown}
      />
    );
  });
});
