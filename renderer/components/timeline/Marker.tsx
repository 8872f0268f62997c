import { memo } from 'react';
import { LANES, type LaneId, type LaneMarker } from '../../../machines';
import { formatTime } from '../../state/view/labels';
import { MARKER_ABOVE_BOTTOM, MARKER_OVER_DIAMOND } from './geometry';
import { onDiamond, type LaneInput } from './inputLabels';
import { markerGlyph } from './tones';

export const Marker = memo(function Marker(props: {
  kind: string;
  label: string;
  rule: string | undefined;
  at: number;
  x: number;
  y: number;
}) {
  const { kind, at } = props;
  return (
    <g className={`marker marker-${kind.replace(/\./g, '-')}`}>
      <text x={props.x} y={props.y} textAnchor="middle">
        {markerGlyph(kind)}
        <title>{`${formatTime(at)} ${props.label}${props.rule ? ` (${props.rule})` : ''}`}</title>
      </text>
    </g>
  );
});

/** Every open lane's markers, on the strip at its bottom. */
export function LaneMarkers(props: {
  folded: { has(lane: LaneId): boolean };
  markers: ReadonlyMap<LaneId, readonly LaneMarker[]>;
  /** Each lane's markers' keys (`stableKeys`), in the same order. */
  keys: ReadonlyMap<LaneId, readonly string[]>;
  tops: Readonly<Record<LaneId, number>>;
  heights: Readonly<Record<LaneId, number>>;
  x: (t: number) => number;
  /** The inputs drawn on each lane, sorted by x. */
  inputs: ReadonlyMap<LaneId, readonly LaneInput[]>;
}) {
  return LANES.map((lane) => {
    const markers = props.folded.has(lane) ? [] : (props.markers.get(lane) ?? []);
    const keys = props.keys.get(lane) ?? [];
    const bottom = props.tops[lane] + props.heights[lane];
    return markers.map((m, i) => {
      const mx = props.x(m.at);
      // Over an input's diamond (a crash 100 ms after "app background"), the marker stands just above
      // it, at its own time, so that both read.
      const over = onDiamond(props.inputs.get(lane), mx, m.kind);
      return (
        <Marker
          key={keys[i]}
          kind={m.kind}
          label={m.label}
          rule={m.rule}
          at={m.at}
          x={mx}
          y={bottom - (over ? MARKER_OVER_DIAMOND : MARKER_ABOVE_BOTTOM)}
        />
      );
    });
  });
}
