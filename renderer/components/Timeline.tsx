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
import {
  LANES,
  type LaneId,
  type LaneInterval,
  type LaneMarker,
  type PaintedOutput,
  type TimelineEventFile,
} from '../../machines';
import { sentPushId } from '../../machines';
import { parseDuration } from '../../machines';
import type { View } from '../state/document/editorMachine';
import { useHandlers } from '../state/view/useHandlers';
import {
  eventLabel,
  formatTime,
  LANE_LABELS,
  landmarks,
  laneOfEvent,
  relativeTo,
  snap,
  type Landmark,
} from '../state/view/labels';
import { Grid, PlayheadLabel, StickyAxis } from './timeline/Axis';
import { CuePatterns } from './timeline/CuePatterns';
import {
  AXIS,
  barRow,
  DRAG_LABEL_ABOVE,
  DRAG_LABEL_BELOW,
  DRAG_LABEL_W,
  GUTTER,
  LABEL_CHAR,
  playheadPill,
  PUSH_FONT,
  pushRow,
} from './timeline/geometry';
import { InputMark } from './timeline/InputMark';
import { onDiamond, placeInputLabels, type InputLabel } from './timeline/inputLabels';
import { IntervalBar } from './timeline/IntervalBar';
import { FOLD_NOTE, FOLDED, foldLanes, isLaneInput } from './timeline/folds';
import { intervalName, layoutLane, stableKeys, stackedRows } from './timeline/laneRows';
import { Marker } from './timeline/Marker';
import { assignRows, keepRows } from './timeline/pushRows';
import { PushSpan } from './timeline/PushSpan';
import { scrollParent } from './timeline/scrollParent';
import { textWidth } from './timeline/text';
import { useLabelFonts } from './timeline/useLabelFonts';
import { useMeasuredWidth } from './timeline/useMeasuredWidth';
import { useRenderedBand, WINDOW_FROM } from './timeline/useRenderedBand';
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
export const Timeline = memo(function Timeline(props: TimelineProps) {
  const { output, events, view, playhead, selection, selectedPush } = props;
  const { result, trace } = output;
  const host = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const { width, measured } = useMeasuredWidth(host);
  const clipId = `plot-clip-${useId().replace(/:/g, '')}`;
  /**
   * While an input is dragged: its time and where it stands against the nearest other input, next to
   * the pointer (`x`, `y`) but clear of the axis strip.
   */
  const [drag, setDrag] = useState<
    { label: string; relation: string | undefined; x: number; y: number; below: boolean } | undefined
  >();
  /** While an input is dragged: the order of the pushes when the drag began. */
  const [dragOrder, setDragOrder] = useState<ReadonlyMap<string, number>>();
  /**
   * While an input is dragged: the push rows and lane heights when the drag began, and the pushes
   * the pointer moves. The other pushes keep their rows and lanes do not shrink, so the lanes below
   * do not jump on every frame (and Chromium does not lay out and paint every lane again); the drop
   * packs the rows afresh.
   */
  const [dragLayout, setDragLayout] = useState<{
    rows: ReadonlyMap<string, number>;
    /** Each lane's stacked rows (`layoutLane`). */
    lanes: ReadonlyMap<LaneId, ReadonlyMap<string, number>>;
    moving: ReadonlySet<string>;
    heights: Readonly<Record<LaneId, number>>;
  }>();
  const { axisFont, barFont, inputFont, pushFont } = useLabelFonts(svgRef);
  const rowHeight = barRow(barFont);
  const pushRowHeight = pushRow(pushFont);
  const charW = (LABEL_CHAR * pushFont) / PUSH_FONT;

  const plot = width - GUTTER - 12;
  const x = useCallback((t: number) => GUTTER + ((t - view.start) / (view.end - view.start)) * plot, [view, plot]);
  const tAt = useCallback((px: number) => view.start + ((px - GUTTER) / plot) * (view.end - view.start), [view, plot]);

  const msPerPx = (view.end - view.start) / plot;
  const keptRows = dragLayout?.rows;
  const moving = dragLayout?.moving;
  const pushRows = useMemo(
    () =>
      keptRows && moving
        ? keepRows(result.pushes, trace.end, msPerPx, keptRows, moving, charW)
        : assignRows(result.pushes, trace.end, msPerPx, charW),
    [result.pushes, trace.end, msPerPx, keptRows, moving, charW],
  );
  let providerRows = 1;
  for (const row of pushRows.values()) providerRows = Math.max(providerRows, row + 1);
  const keptLanes = dragLayout?.lanes;
  const layouts = useMemo(() => {
    const m = new Map<LaneId, ReturnType<typeof layoutLane>>();
    for (const lane of LANES) {
      const kept = keptLanes?.get(lane);
      m.set(
        lane,
        layoutLane(
          trace.intervals.filter((iv) => iv.lane === lane),
          kept && moving ? { rows: kept, moving } : undefined,
        ),
      );
    }
    return m;
  }, [trace.intervals, keptLanes, moving]);
  // Appended in place: the markers change on every drag frame, and a lane can hold thousands of them
  // (a throttled day marks every push), so copying a lane's list per marker would be quadratic.
  const markersByLane = useMemo(() => {
    const m = new Map<LaneId, LaneMarker[]>();
    for (const mk of trace.markers) {
      if (mk.kind === 'push.sent' || mk.kind === 'push.delivered' || mk.kind === 'call.cancelled') continue;
      let list = m.get(mk.lane);
      if (!list) m.set(mk.lane, (list = []));
      list.push(mk);
    }
    return m;
  }, [trace.markers]);
  const inputLanes = new Set(events.filter(isLaneInput).map(laneOfEvent));
  const { folded } = props;
  const foldedLanes = foldLanes({
    intervals: trace.intervals,
    markers: markersByLane,
    inputs: inputLanes,
    pushes: result.pushes.length,
    folded,
  });
  const heights = {} as Record<LaneId, number>;
  for (const lane of LANES) {
    // Markers and inputs stand in a strip below the bars; a lane without them needs none.
    const below = markersByLane.has(lane) || inputLanes.has(lane) ? 26 : 8;
    heights[lane] = foldedLanes.has(lane)
      ? FOLDED
      : lane === 'provider'
        ? 18 + providerRows * (pushRowHeight + 4)
        : 12 + (layouts.get(lane)?.count ?? 1) * (rowHeight + 3) + below;
    heights[lane] = Math.max(heights[lane], dragLayout?.heights[lane] ?? 0);
  }
  // A lane that grew during the drag keeps its new height until the drop (no flicker of one row).
  if (dragLayout && LANES.some((lane) => heights[lane] > dragLayout.heights[lane]))
    setDragLayout({ ...dragLayout, heights: { ...heights } });
  const tops = {} as Record<LaneId, number>;
  let y = AXIS;
  for (const lane of LANES) {
    tops[lane] = y;
    y += heights[lane];
  }
  const total = y + 8;
  // Each lane's placed intervals and their keys, and its markers' keys: once per result and zoom, not
  // on every render (a selection or a playhead move renders the timeline again, with thousands of them).
  const placedByLane = useMemo(() => {
    const m = new Map<LaneId, { placed: [LaneInterval, number][]; keys: string[] }>();
    for (const [lane, layout] of layouts) {
      const placed = [...layout.rows.entries()];
      m.set(lane, { placed, keys: stableKeys(placed, ([iv]) => intervalName(iv)) });
    }
    return m;
  }, [layouts]);
  const markerKeys = useMemo(() => {
    const m = new Map<LaneId, string[]>();
    for (const [lane, markers] of markersByLane)
      m.set(
        lane,
        stableKeys(markers, (mk) => `${mk.kind}|${mk.push ?? ''}`),
      );
    return m;
  }, [markersByLane]);

  // Push spans are in time order, except while an input is dragged: then they stay in the order the
  // drag began with, so that React does not move the dragged push (focused, and moving it makes React
  // restore the focus and the scroll of every ancestor, a forced layout) past its neighbours each frame.
  const shownPushes = useMemo(
    () =>
      dragOrder
        ? [...result.pushes].sort((a, b) => (dragOrder.get(a.id) ?? Infinity) - (dragOrder.get(b.id) ?? Infinity) || 0)
        : result.pushes,
    [result.pushes, dragOrder],
  );

  // With many pushes, only the rows within the scrolled view and one view's height above and below it
  // are rendered (the SVG keeps its full height, so nothing moves): Chromium paints an SVG whole, not
  // only what its scroll container shows. A selected, dragged or focused push is always rendered, and
  // so are the pushes before and after a focused one, so that Tab and Shift+Tab walk on to them.
  const windowed = result.pushes.length >= WINDOW_FROM && !props.complete;
  const { band, measureBand } = useRenderedBand(host, svgRef, windowed);
  const [focused, setFocused] = useState<string>();
  const pushY = (id: string) => tops.provider + 8 + (pushRows.get(id) ?? 0) * (pushRowHeight + 4);
  const keep = new Set<string>();
  if (windowed) {
    if (selectedPush !== undefined) keep.add(selectedPush);
    if (focused !== undefined) {
      keep.add(focused);
      const at = shownPushes.findIndex((p) => p.id === focused);
      if (at > 0) keep.add(shownPushes[at - 1]!.id);
      if (at !== -1 && at + 1 < shownPushes.length) keep.add(shownPushes[at + 1]!.id);
    }
  }
  const inBand = (y0: number) => !windowed || (y0 + rowHeight >= band.top && y0 <= band.bottom);

  // A push selected elsewhere (the Fates table, a link, the keyboard) is scrolled into the view.
  // (Not one picked on this timeline: it is in view, and scrolling would move it from under the pointer.)
  const reveal = useRef<string | undefined>(undefined);
  const pickedHere = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    reveal.current = selectedPush === pickedHere.current ? undefined : selectedPush;
    pickedHere.current = undefined;
  }, [selectedPush]);
  useLayoutEffect(() => {
    const id = reveal.current;
    const el = host.current;
    const svg = svgRef.current;
    if (id === undefined || props.readOnly || !measured.current || !el || !svg) return;
    reveal.current = undefined;
    if (!pushRows.has(id)) return;
    const scroller = scrollParent(el);
    if (!scroller) return;
    const view = scroller.getBoundingClientRect();
    const top = svg.getBoundingClientRect().top + pushY(id);
    const viewTop = view.top + scroller.clientTop;
    // The sticky axis covers the view's top AXIS px.
    if (top < viewTop + AXIS || top + pushRowHeight > viewTop + scroller.clientHeight) {
      scroller.scrollTop += top + pushRowHeight / 2 - (viewTop + (AXIS + scroller.clientHeight) / 2);
      measureBand();
    }
  });

  const eventTime = (e: TimelineEventFile) => parseDuration(e.at) ?? 0;
  const pushInput = useMemo(() => {
    const m = new Map<string, number>();
    events.forEach((e, i) => {
      const id = sentPushId(e);
      if (id !== undefined) m.set(id, i);
    });
    return m;
  }, [events]);

  // Dragging inputs: all selected events move by the same delta.
  const startInputDrag = (index: number, ev: ReactPointerEvent<SVGElement>) => {
    ev.stopPropagation();
    if (props.readOnly) return;
    const additive = ev.shiftKey;
    const chosen = additive
      ? selection.includes(index)
        ? selection
        : [...selection, index]
      : selection.includes(index)
        ? selection
        : [index];
    props.onSelectEvents(chosen);
    // Where the timeline is on screen, read again only after a scroll or a resize: reading it on every
    // move would force a layout of what the last frame's panels changed, inside the input handler.
    let rect = host.current?.getBoundingClientRect();
    /** The top of the scrolling pane, where the sticky axis strip is, in the viewport. */
    let pane: number | undefined;
    const moveRect = () => ((rect = undefined), (pane = undefined));
    const hostRect = () => (rect ??= host.current?.getBoundingClientRect());
    const paneTop = () => (pane ??= (host.current && scrollParent(host.current)?.getBoundingClientRect().top) ?? 0);
    const origin = tAt(ev.clientX - (hostRect()?.left ?? 0));
    const starts = new Map(chosen.map((i) => [i, eventTime(events[i]!)]));
    // Window listeners, not pointer capture: the dragged element may be re-ordered in the DOM mid-drag.
    const target = window;
    let moved = false;
    /** The other inputs by time, taken when the drag begins ("300 ms after app background"). */
    let others: Landmark[] = [];
    const move = (e: PointerEvent) => {
      const delta = tAt(e.clientX - (hostRect()?.left ?? 0)) - origin;
      if (!moved) {
        if ((Math.abs(delta) / (view.end - view.start)) * plot < 2) return;
        moved = true;
        // Pushes keep their place in the DOM while dragged (see `shownPushes`).
        setDragOrder(new Map(result.pushes.map((p, i) => [p.id, i])));
        // The dragged pushes (and their bars) find a free row on each frame; the others keep theirs (see
        // keepRows and layoutLane).
        const dragged = new Set([...pushInput].filter(([, i]) => starts.has(i)).map(([id]) => id));
        const lanes = new Map([...layouts].map(([lane, layout]) => [lane, stackedRows(layout.rows)]));
        setDragLayout({ rows: pushRows, lanes, moving: dragged, heights });
        others = landmarks(events, new Set(chosen));
        props.onDragStart();
      }
      const times = new Map<number, number>();
      for (const [i, t0] of starts) times.set(i, snap(t0 + delta, e.altKey));
      const first = times.get(index) ?? 0;
      // Above the pointer, unless the axis strip covers that (a push in the top row): then below it.
      const top = hostRect()?.top ?? 0;
      setDrag({
        label: formatTime(first),
        relation: relativeTo(first, others),
        x: x(first),
        y: e.clientY - top,
        below: e.clientY - DRAG_LABEL_ABOVE < Math.max(paneTop(), top) + AXIS,
      });
      props.onDragMove(times);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      target.removeEventListener('scroll', moveRect, true);
      target.removeEventListener('resize', moveRect);
      setDrag(undefined);
      setDragOrder(undefined);
      setDragLayout(undefined);
      if (moved) props.onDragEnd();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
    target.addEventListener('scroll', moveRect, { capture: true, passive: true });
    target.addEventListener('resize', moveRect);
  };

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

  const clampX = (t: number) => Math.min(Math.max(x(t), GUTTER - 2), width);
  const pill = playheadPill(x(playhead), formatTime(playhead), axisFont, plot);

  const inputLabels = new Map<number, InputLabel>();
  const inputsByLane = new Map<LaneId, { index: number; cx: number; label: string }[]>();
  events.forEach((e, i) => {
    if (!isLaneInput(e)) return;
    const lane = laneOfEvent(e);
    const list = inputsByLane.get(lane) ?? [];
    list.push({ index: i, cx: x(eventTime(e)), label: eventLabel(e) });
    inputsByLane.set(lane, list);
  });
  for (const [lane, inputs] of inputsByLane) {
    inputs.sort((a, b) => a.cx - b.cx);
    for (const [i, placed] of placeInputLabels(inputs, markersByLane.get(lane) ?? [], x, width, inputFont))
      inputLabels.set(i, placed);
  }

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
  // The dragged time's box, as wide as its time: right of the pointer, or left of it at the right edge.
  const relation = drag?.relation ? ` · ${drag.relation}` : '';
  const dragW =
    drag && Math.max(DRAG_LABEL_W, textWidth(drag.label, 12, 600) + (relation ? textWidth(relation, 12) : 0) + 12);
  const dragX = drag && dragW && (drag.x + 10 + dragW <= width - 2 ? drag.x + 10 : drag.x - 10 - dragW);
  const dragY = drag && (drag.below ? drag.y + DRAG_LABEL_BELOW : drag.y - DRAG_LABEL_ABOVE);

  return (
    <div className="timeline" ref={host}>
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
          const lane = LANES.find((l) => py >= tops[l] && py < tops[l] + heights[l]);
          if (lane && e.clientX - rect.left > GUTTER)
            props.onAddEvent(lane, snap(tAt(e.clientX - rect.left), e.altKey));
        }}
      >
        <defs>
          <clipPath id={clipId}>
            {/* Not the timeline's height: when a lane grew, a new clip height invalidated everything it
                clips, and Chromium painted the whole plot again (~30 ms instead of ~5 on a drag frame). */}
            <rect x={GUTTER} y={0} width={plot + 12} height={100_000} />
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
        {LANES.map((lane) => {
          const fold = foldedLanes.get(lane);
          return (
            <g
              key={lane}
              role="group"
              aria-label={`${LANE_LABELS[lane]} lane${fold ? `: ${FOLD_NOTE[fold]}` : ''}`}
              className={fold ? 'lane-folded' : undefined}
            >
              <rect className="lane-bg" x={0} y={tops[lane]} width={width} height={heights[lane]} />
              <text className="lane-label" x={12} y={tops[lane] + (fold ? 16 : 20)}>
                {LANE_LABELS[lane]}
              </text>
              {fold && (
                <text className="lane-note" x={GUTTER + 8} y={tops[lane] + 16}>
                  {FOLD_NOTE[fold]}
                </text>
              )}
            </g>
          );
        })}
        <g clipPath={`url(#${clipId})`}>
          {LANES.filter((l) => l !== 'provider' && !foldedLanes.has(l)).map((lane) => {
            const { placed, keys } = placedByLane.get(lane) ?? { placed: [], keys: [] };
            return placed.map(([iv, row], i) => {
              const y0 = tops[lane] + 6 + row * (rowHeight + 3);
              return !inBand(y0) ? null : (
                <IntervalBar
                  key={keys[i]}
                  cues={`${clipId}-cue`}
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
                  font={barFont}
                  room={
                    props.roomyLabels
                      ? iv.open
                        ? width - clampX(iv.from)
                        : clampX(iv.to) - clampX(iv.from)
                      : undefined
                  }
                  onZoom={handlers.zoomTo}
                />
              );
            });
          })}
          {/* push spans on the provider lane: sent → delivered, with the fate at the end */}
          {!foldedLanes.has('provider') &&
            shownPushes.map((p) => {
              const input = pushInput.get(p.id);
              const selected = selectedPush === p.id || (input !== undefined && selection.includes(input));
              const y0 = pushY(p.id);
              if (!selected && !inBand(y0) && !keep.has(p.id)) return null;
              return (
                <PushSpan
                  key={p.id}
                  id={p.id}
                  kind={p.kind}
                  fate={p.fate}
                  sentAt={p.sentAt}
                  deliveredAt={p.deliveredAt}
                  end={trace.end}
                  x0={x(p.sentAt)}
                  x1={x(p.deliveredAt ?? trace.end)}
                  y0={y0}
                  limit={width}
                  row={pushRowHeight}
                  font={pushFont}
                  hidden={props.concealed?.has(p.id) ?? false}
                  differs={props.differs?.has(p.id) ?? false}
                  selected={selected}
                  input={input}
                  onDown={handlers.pushDown}
                  onSelect={handlers.selectPush}
                  onFocus={handlers.focusPush}
                  onZoom={handlers.zoomTo}
                />
              );
            })}
          {/* inputs on the other lanes */}
          {events.map((e, i) => {
            const lane = laneOfEvent(e);
            if (!isLaneInput(e) || foldedLanes.has(lane)) return null;
            const t = eventTime(e);
            return (
              <InputMark
                key={`in-${i}`}
                index={i}
                label={eventLabel(e)}
                shown={inputLabels.get(i)?.text ?? ''}
                labelX={inputLabels.get(i)?.x ?? 0}
                labelEnd={inputLabels.get(i)?.end ?? false}
                font={inputFont}
                t={t}
                cx={x(t)}
                cy={tops[lane] + heights[lane] - 12}
                top={tops[lane]}
                edge={(e.do === 'network' || e.do === 'power') && !props.readOnly}
                selected={selection.includes(i)}
                onDown={handlers.inputDown}
              />
            );
          })}
          {LANES.map((lane) => {
            const markers = foldedLanes.has(lane) ? [] : (markersByLane.get(lane) ?? []);
            const keys = markerKeys.get(lane) ?? [];
            const bottom = tops[lane] + heights[lane];
            return markers.map((m, i) => {
              const mx = x(m.at);
              return (
                <Marker
                  key={keys[i]}
                  kind={m.kind}
                  label={m.label}
                  rule={m.rule}
                  at={m.at}
                  x={mx}
                  // Over an input's diamond (a crash 100 ms after "app background"), the marker stands
                  // just above it, at its own time, so that both read.
                  y={onDiamond(inputsByLane.get(lane), mx, m.kind) ? bottom - 22 : bottom - 8}
                />
              );
            });
          })}
          <line className="playhead" x1={x(playhead)} x2={x(playhead)} y1={0} y2={total} />
          <PlayheadLabel text={formatTime(playhead)} x0={pill.x0} x1={pill.x1} font={axisFont} />
        </g>
        {drag && dragX !== undefined && dragY !== undefined && (
          <g className="drag-time" aria-live="polite">
            <rect x={dragX} y={dragY} width={dragW} height={20} rx={4} />
            <text x={dragX + 6} y={dragY + 14}>
              {drag.label}
              {relation && <tspan className="drag-relation">{relation}</tspan>}
            </text>
          </g>
        )}
      </svg>
      {/* The lanes' names again, each sticky inside a box as tall as its lane: while a lane taller than
          the view is scrolled its name stays just below the axis strip, and it leaves with its lane (the
          compositor keeps it there, as the axis). The SVG's own names are what an export copies. */}
      <div className="lane-names" aria-hidden="true" style={{ paddingTop: AXIS }}>
        {LANES.map((lane) => (
          <div key={lane} style={{ height: heights[lane] }}>
            <span className="lane-name">{LANE_LABELS[lane]}</span>
          </div>
        ))}
      </div>
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
