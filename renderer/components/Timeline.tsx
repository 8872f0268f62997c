import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { LANES, parseDuration, type LaneId, type PaintedOutput, type TimelineEventFile } from '../../machines';
import type { View } from '../state/document/editorMachine';
import { useHandlers } from '../state/view/useHandlers';
import { formatTime, laneOfEvent, snap } from '../state/view/labels';
import { Grid, PlayheadLabel, StickyAxis } from './timeline/Axis';
import { CuePatterns } from './timeline/CuePatterns';
import {
  AXIS,
  barRow,
  clampedX,
  GUTTER,
  LABEL_CHAR,
  playheadPill,
  PLOT_END,
  PUSH_FONT,
  pushRow,
  pushRowTop,
  xOf,
} from './timeline/geometry';
import { InputMarks } from './timeline/InputMarks';
import { laneInputs, pushInputs } from './timeline/inputLabels';
import { TimelineKept } from './timeline/timelineKept';
import { LaneBars } from './timeline/LaneBars';
import { FOLDED, foldLanes, isLaneInput } from './timeline/folds';
import { DragTime, LaneBacks, LaneNames } from './timeline/LaneChrome';
import { laneAt, laneHeights, lanesBelow, laneTops } from './timeline/lanes';
import { stackedRows } from './timeline/laneRows';
import { LaneMarkers } from './timeline/Marker';
import { DraggedPushes, PushSpans } from './timeline/PushSpans';
import { useInputDrag } from './timeline/useInputDrag';
import { useLaneLayout } from './timeline/useLaneLayout';
import { useLabelFonts } from './timeline/useLabelFonts';
import { useMeasuredWidth } from './timeline/useMeasuredWidth';
import { alwaysRendered, useRenderedBand, WINDOW_FROM } from './timeline/useRenderedBand';
import { useRevealPush } from './timeline/useRevealPush';
import { useViewGestures } from './timeline/useViewGestures';

export interface TimelineProps {
  readonly output: PaintedOutput;
  readonly events: readonly TimelineEventFile[];
  readonly view: View;
  readonly playhead: number;
  readonly selection: readonly number[];
  readonly selectedPush?: string;
  onView: (view: View) => void;
  onPlayhead: (t: number) => void;
  onSelectEvents: (indexes: readonly number[]) => void;
  onSelectPush: (push: string | undefined) => void;
  onDragStart: () => void;
  /** New times for the dragged events (file indexes). */
  onDragMove: (times: ReadonlyMap<number, number>) => void;
  onDragEnd: () => void;
  onAddEvent: (lane: LaneId, t: number) => void;
  /** A variant shown for comparison: inputs cannot be dragged or added. */
  readonly readOnly?: boolean;
  /** Pushes whose fate is not shown yet (present mode: still on their way, or the room is guessing). */
  readonly concealed?: ReadonlySet<string>;
  /** Pushes whose fate differs in the variant being compared: marked on both timelines. */
  readonly differs?: ReadonlySet<string>;
  /** Render every row even with many pushes (an export copies the SVG as it is in the document). */
  readonly complete?: boolean;
  /** Opens the legend: a button in the corner above the lane names, when given. */
  onLegend?: () => void;
  /**
   * Lanes folded to a strip with their name: comparing, those the same in both runs (`diffOutputs`).
   * A lane that holds nothing in this run is folded whatever this says.
   */
  readonly folded?: ReadonlySet<LaneId>;
  /** Present mode: a running bar's label may run on past the bar, into the time not shown yet. */
  readonly roomyLabels?: boolean;
}

// The timeline's parts (timeline/*.tsx) are memoized on plain values: while a push is dragged, only the
// parts whose place or text changed render again (and React compares, and the browser repaints, only those).
const NO_BARS = { placed: [], keys: [] };

export const Timeline = memo(function Timeline(props: TimelineProps) {
  const { output, events, view, playhead, selection, selectedPush } = props;
  const { result, trace } = output;
  const host = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const { width, measured } = useMeasuredWidth(host);
  const clipId = `plot-clip-${useId().replace(/:/g, '')}`;
  const { axisFont, barFont, inputFont, pushFont } = useLabelFonts(svgRef);
  const rowHeight = barRow(barFont);
  const pushRowHeight = pushRow(pushFont);
  const charW = (LABEL_CHAR * pushFont) / PUSH_FONT;

  const plot = width - GUTTER - PLOT_END;
  const x = useCallback((t: number) => xOf(t, view.start, view.end, plot), [view, plot]);
  const tAt = useCallback((px: number) => view.start + ((px - GUTTER) / plot) * (view.end - view.start), [view, plot]);
  const msPerPx = (view.end - view.start) / plot;

  // While an input is dragged the rows and heights below keep the drag's layout (`DragLayout`).
  const drag = useInputDrag({
    host,
    readOnly: props.readOnly,
    onSelectEvents: props.onSelectEvents,
    onDragStart: props.onDragStart,
    onDragMove: props.onDragMove,
    onDragEnd: props.onDragEnd,
  });
  const [kept] = useState(() => new TimelineKept());
  // With many pushes, only the rows within the scrolled view and one view's height above and below it
  // are rendered (the SVG keeps its full height, so nothing moves): Chromium paints an SVG whole, not
  // only what its scroll container shows. A selected, dragged or focused push is always rendered, and
  // so are the pushes before and after a focused one, so that Tab and Shift+Tab walk on to them.
  const windowed = result.pushes.length >= WINDOW_FROM && !props.complete;
  const { band, measureBand } = useRenderedBand(host, svgRef, windowed);
  const frozen = kept.frozen.keep(
    windowed && drag.layout && kept.tops ? lanesBelow(kept.tops, band.bottom) : new Set<LaneId>(),
  );
  const { pushRows, providerRows, layouts, placedByLane, markersByLane, markerKeys, shownPushes } = useLaneLayout(
    result.pushes,
    trace,
    msPerPx,
    charW,
    drag,
    frozen,
  );
  const inputLanes = new Set(events.filter(isLaneInput).map(laneOfEvent));
  const foldedLanes = kept.folded.keep(
    foldLanes({
      intervals: trace.intervals,
      markers: markersByLane,
      inputs: inputLanes,
      pushes: result.pushes.length,
      folded: props.folded,
    }),
  );
  const heights = kept.heights.keep(
    laneHeights({
      folded: foldedLanes,
      foldedHeight: FOLDED,
      pushRows: providerRows,
      pushRow: pushRowHeight,
      barRows: (lane) => layouts.get(lane)?.count ?? 1,
      barRow: rowHeight,
      marked: (lane) => markersByLane.has(lane) || inputLanes.has(lane),
      kept: drag.layout?.heights,
    }),
  );
  const { keepTallestOf } = drag;
  useLayoutEffect(() => keepTallestOf(heights), [keepTallestOf, heights]);
  const { tops, total } = useMemo(() => laneTops(heights), [heights]);
  kept.tops = tops;
  const [focused, setFocused] = useState<string>();
  const pushY = (id: string) => pushRowTop(tops.provider, pushRows.get(id) ?? 0, pushRowHeight);
  const keep = kept.keep.keep(windowed ? alwaysRendered(shownPushes, selectedPush, focused) : new Set<string>());
  const bandTop = windowed ? band.top : undefined;
  // The pushes a drag moves, drawn again on top of the others (`DraggedPushes`).
  const moving = drag.layout?.moving;
  const bandBottom = windowed ? band.bottom : undefined;

  const pickedHere = useRevealPush({
    host,
    svg: svgRef,
    selected: selectedPush,
    moving: drag.layout?.moving,
    off: props.readOnly,
    measured,
    rowTop: (id) => (pushRows.has(id) ? pushY(id) : undefined),
    rowHeight: pushRowHeight,
    onScrolled: measureBand,
  });

  const eventTime = (e: TimelineEventFile) => parseDuration(e.at) ?? 0;
  // The same map while a drag moves the document's events (their indexes do not change).
  const pushInput = useMemo(() => kept.pushInput.keep(pushInputs(events)), [kept, events]);
  const startInputDrag = (index: number, ev: ReactPointerEvent<SVGElement>) =>
    drag.start(index, ev, {
      events,
      selection,
      timeOf: (i) => eventTime(events[i]!),
      tAt,
      x,
      msPerPx,
      order: new Map(result.pushes.map((p, i) => [p.id, i])),
      pushOf: pushInput,
      layout: {
        rows: pushRows,
        lanes: new Map([...layouts].map(([lane, layout]) => [lane, stackedRows(layout.rows)])),
        heights,
      },
    });

  // Zoom and pan: the background dragged, two fingers, Ctrl/⌘ or Shift with the wheel.
  const { startPan, zoomTo } = useViewGestures({
    host,
    view,
    plot,
    tAt,
    onView: props.onView,
    onPlayhead: props.onPlayhead,
    onSelectEvents: props.onSelectEvents,
  });

  const clampX = (t: number) => clampedX(x, width, t);
  const pill = playheadPill(x(playhead), formatTime(playhead), axisFont, plot);
  const { byLane, labels: inputLabels } = useMemo(
    () => laneInputs(events, x, markersByLane, width, inputFont),
    [events, x, markersByLane, width, inputFont],
  );
  const inputsByLane = kept.diamonds(byLane);

  // Stable identities for the memoized parts; each call runs the latest version.
  const handlers = useHandlers({
    pushDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => {
      pickedHere.current = id;
      props.onSelectPush(id);
      if (input !== undefined) startInputDrag(input, e);
      else e.stopPropagation();
    },
    inputDown: (index: number, e: ReactPointerEvent<SVGElement>) => startInputDrag(index, e),
    selectPush: (id: string) => {
      pickedHere.current = id;
      props.onSelectPush(id);
    },
    focusPush: (id: string) => setFocused(id),
    zoomTo,
    startPan,
  });

  return (
    <div className={drag.label ? 'timeline dragging' : 'timeline'} ref={host}>
      <svg
        width={width}
        height={total}
        role="application"
        aria-label={props.readOnly ? 'Variant timeline' : 'Timeline'}
        onPointerDown={startPan}
        ref={svgRef}
        onDoubleClick={(e) => {
          const rect = host.current?.getBoundingClientRect();
          if (!rect) return;
          const py = e.clientY - rect.top;
          const lane = laneAt(tops, heights, py);
          if (lane && e.clientX - rect.left > GUTTER)
            props.onAddEvent(lane, snap(tAt(e.clientX - rect.left), e.altKey));
        }}
      >
        <defs>
          <clipPath id={clipId}>
            {/* Not the timeline's height: when a lane grew, a new clip height invalidated everything it
                clips, and Chromium painted the whole plot again (~30 ms instead of ~5 on a drag frame). */}
            <rect x={GUTTER} y={0} width={plot + PLOT_END} height={100_000} />
          </clipPath>
          <CuePatterns prefix={`${clipId}-cue`} />
        </defs>
        {/* axis */}
        <rect className="axis-bg" x={0} y={0} width={width} height={AXIS} />
        <g clipPath={`url(#${clipId})`}>
          <Grid
            start={view.start}
            end={view.end}
            plot={plot}
            total={total}
            pillFrom={pill.x0}
            pillTo={pill.x1}
            font={axisFont}
          />
          {trace.start < 0 && (
            <rect
              className="before-zero"
              x={clampX(trace.start)}
              y={AXIS}
              width={Math.max(0, clampX(0) - clampX(trace.start))}
              height={total - AXIS}
            />
          )}
        </g>
        <LaneBacks width={width} tops={tops} heights={heights} folded={foldedLanes} />
        <g clipPath={`url(#${clipId})`}>
          {LANES.filter((l) => l !== 'provider' && !foldedLanes.has(l)).map((lane) => {
            const { placed, keys } = placedByLane.get(lane) ?? NO_BARS;
            return (
              <LaneBars
                key={lane}
                placed={placed}
                keys={keys}
                top={tops[lane]}
                x={x}
                width={width}
                rowHeight={rowHeight}
                font={barFont}
                cues={`${clipId}-cue`}
                bandTop={bandTop}
                bandBottom={bandBottom}
                roomy={props.roomyLabels === true}
                onZoom={handlers.zoomTo}
              />
            );
          })}
          {/* push spans on the provider lane: sent → delivered, with the fate at the end */}
          {!foldedLanes.has('provider') && (
            <PushSpans
              pushes={shownPushes}
              rows={pushRows}
              top={tops.provider}
              row={pushRowHeight}
              font={pushFont}
              bandTop={bandTop}
              bandBottom={bandBottom}
              keep={keep}
              x={x}
              width={width}
              end={trace.end}
              selectedPush={selectedPush}
              selection={selection}
              inputs={pushInput}
              concealed={props.concealed}
              differs={props.differs}
              onDown={handlers.pushDown}
              onSelect={handlers.selectPush}
              onFocus={handlers.focusPush}
              onZoom={handlers.zoomTo}
            />
          )}
          {/* inputs on the other lanes */}
          <InputMarks
            events={events}
            folded={foldedLanes}
            labels={inputLabels}
            tops={tops}
            heights={heights}
            x={x}
            font={inputFont}
            readOnly={props.readOnly === true}
            selection={selection}
            onDown={handlers.inputDown}
          />
          <LaneMarkers
            folded={foldedLanes}
            markers={markersByLane}
            keys={markerKeys}
            tops={tops}
            heights={heights}
            x={x}
            inputs={inputsByLane}
            bandTop={bandTop}
            bandBottom={bandBottom}
          />
          {/* Over every other push, marker and input, under the playhead: the pushes being dragged. */}
          {!foldedLanes.has('provider') && moving && moving.size > 0 && (
            <DraggedPushes
              pushes={result.pushes}
              moving={moving}
              rows={pushRows}
              top={tops.provider}
              row={pushRowHeight}
              font={pushFont}
              x={x}
              width={width}
              end={trace.end}
              selectedPush={selectedPush}
              selection={selection}
              inputs={pushInput}
              concealed={props.concealed}
              differs={props.differs}
            />
          )}
          <line className="playhead" x1={x(playhead)} x2={x(playhead)} y1={0} y2={total} />
          <PlayheadLabel text={formatTime(playhead)} x0={pill.x0} x1={pill.x1} font={axisFont} />
        </g>
        {drag.label && <DragTime drag={drag.label} width={width} />}
      </svg>
      <LaneNames heights={heights} />
      <StickyAxis
        start={view.start}
        end={view.end}
        plot={plot}
        width={width}
        playhead={playhead}
        font={axisFont}
        clipId={`${clipId}-axis`}
        onPointerDown={handlers.startPan}
      />
      {props.onLegend && (
        <button type="button" className="legend-button" onClick={props.onLegend}>
          Legend
        </button>
      )}
    </div>
  );
});
