import { memo, useMemo, useState } from 'react';
import { LANES, type LaneId, type LaneMarker } from '../../../machines';
import { formatTime } from '../../state/view/labels';
import { inBand, MARKER_ABOVE_BOTTOM, MARKER_OVER_DIAMOND, MARKER_SIZE } from './geometry';
import { onDiamond } from './inputLabels';
import { Runs } from './keep';
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

/** Markers per memoized run (`chunks`). */
const RUN = 64;

/**
 * One lane's markers, on the strip at its bottom, in runs of `RUN` memoized apart. Memoized on the
 * lane's own list (kept while the lane's markers are the same, `useLaneLayout`): a throttled day has a
 * marker per push, and a drag frame that changes another lane, or only the document, does not go over
 * them again; one that moves a marker goes over its run alone. While the strip is out of the rendered
 * band (`shown` false) the markers stay in the document, in time order, but not displayed: Chromium lays
 * out and paints an SVG's every element whatever its scroll container shows, and 2,000 pushes put ~950
 * markers with their tooltips far below a drag near the top (~100 ms of layout and paint a frame).
 */
export const MarkerLane = memo(function MarkerLane(props: {
  markers: readonly LaneMarker[];
  /** The markers' keys (`stableKeys`), in the same order. */
  keys: readonly string[];
  /** The lane's bottom (px). */
  bottom: number;
  x: (t: number) => number;
  /** The inputs drawn on the lane, sorted by x. */
  inputs: readonly { readonly cx: number }[] | undefined;
  /** The strip is in the rendered band (`useRenderedBand`). */
  shown: boolean;
}) {
  const [markerRuns] = useState(() => new Runs<LaneMarker>(RUN));
  const [keyRuns] = useState(() => new Runs<string>(RUN));
  const markers = useMemo(() => markerRuns.cut(props.markers), [markerRuns, props.markers]);
  const keys = useMemo(() => keyRuns.cut(props.keys), [keyRuns, props.keys]);
  return (
    <g className="markers" display={props.shown ? undefined : 'none'}>
      {markers.map((run, k) => (
        <MarkerRun
          key={k}
          markers={run}
          keys={keys[k] ?? NO_KEYS}
          bottom={props.bottom}
          x={props.x}
          inputs={props.inputs}
        />
      ))}
    </g>
  );
});

const MarkerRun = memo(function MarkerRun(props: {
  markers: readonly LaneMarker[];
  keys: readonly string[];
  bottom: number;
  x: (t: number) => number;
  inputs: readonly { readonly cx: number }[] | undefined;
}) {
  const { markers, keys, bottom, x, inputs } = props;
  return markers.map((m, i) => {
    const mx = x(m.at);
    // Over an input's diamond (a crash 100 ms after "app background"), the marker stands just above
    // it, at its own time, so that both read.
    const over = onDiamond(inputs, mx, m.kind);
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

/** Every open lane's markers, lane by lane (`MarkerLane`). */
export function LaneMarkers(props: {
  folded: { has(lane: LaneId): boolean };
  markers: ReadonlyMap<LaneId, readonly LaneMarker[]>;
  /** Each lane's markers' keys (`stableKeys`), in the same order. */
  keys: ReadonlyMap<LaneId, readonly string[]>;
  tops: Readonly<Record<LaneId, number>>;
  heights: Readonly<Record<LaneId, number>>;
  x: (t: number) => number;
  /** The inputs drawn on each lane, sorted by x. */
  inputs: ReadonlyMap<LaneId, readonly { readonly cx: number }[]>;
  /** The rendered band (SVG y, px), when only what is near the view is rendered. */
  bandTop: number | undefined;
  bandBottom: number | undefined;
}) {
  return LANES.map((lane) => {
    const markers = props.markers.get(lane);
    if (props.folded.has(lane) || !markers) return null;
    const bottom = props.tops[lane] + props.heights[lane];
    return (
      <MarkerLane
        key={lane}
        markers={markers}
        keys={props.keys.get(lane) ?? NO_KEYS}
        bottom={bottom}
        x={props.x}
        inputs={props.inputs.get(lane)}
        shown={inBand(bottom - STRIP, STRIP, props.bandTop, props.bandBottom)}
      />
    );
  });
}

/** The strip markers stand on, up from its lane's bottom (px): the highest glyph's top, over a diamond. */
const STRIP = MARKER_OVER_DIAMOND + MARKER_SIZE;

const NO_KEYS: readonly string[] = [];
