import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import { formatTime } from '../../state/view/labels';

export const InputMark = memo(function InputMark(props: {
  index: number;
  label: string;
  /** The label as shown: whole, a shorter wording or '' (see `placeInputLabels`); on the left when `labelEnd`. */
  shown: string;
  labelX: number;
  labelEnd: boolean;
  t: number;
  cx: number;
  cy: number;
  top: number;
  /** A network or power change on an editable timeline: the edge between two spans can be grabbed. */
  edge: boolean;
  /** The label's font size (px): its baseline is centred on the diamond. */
  font: number;
  selected: boolean;
  onDown: (index: number, e: ReactPointerEvent<SVGElement>) => void;
}) {
  const { index, label, t, cx, cy, top } = props;
  return (
    <g
      className={`input${props.selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${label} at ${formatTime(t)}`}
      onPointerDown={(ev) => props.onDown(index, ev)}
    >
      {props.shown !== label && <title>{`${label} at ${formatTime(t)}`}</title>}
      <line className="input-stem" x1={cx} x2={cx} y1={top + 4} y2={cy} />
      {props.edge && (
        // Network and power states are spans: the edge between two of them is this event,
        // so the whole edge can be grabbed, not only the diamond below it.
        <rect
          className="span-edge"
          data-testid={`edge-${index}`}
          x={cx - 5}
          y={top + 4}
          width={10}
          height={Math.max(0, cy - 10 - (top + 4))}
        >
          <title>{`${label} at ${formatTime(t)}: drag the edge to move it`}</title>
        </rect>
      )}
      <path className="input-mark" d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy} L ${cx} ${cy + 7} L ${cx - 7} ${cy} Z`} />
      {props.shown && (
        <text
          className="input-label"
          x={props.labelX}
          y={cy + Math.round(props.font * 0.36)}
          textAnchor={props.labelEnd ? 'end' : undefined}
        >
          {props.shown}
        </text>
      )}
    </g>
  );
});
