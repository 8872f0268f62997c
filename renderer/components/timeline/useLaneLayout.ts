import { useMemo, useState } from 'react';
import { LANES, type LaneId, type LaneInterval, type LaneMarker, type PushResult, type Trace } from '../../../machines';
import { intervalName, layoutLane, stableKeys } from './laneRows';
import { byLane, PerKey } from './keep';
import { assignRows, keepRows } from './pushRows';
import type { DragLayout } from './useInputDrag';

/**
 * Where everything stands on the lanes, once per result and zoom (a selection or a playhead move renders
 * the timeline again, with thousands of bars): the push spans' rows, each lane's bars in rows, and the
 * markers by lane, with the keys that keep their elements across runs. While an input is dragged
 * (`drag.layout`) the rows the drag began with are kept, and the pushes stay in the drag's `order`.
 */
export function useLaneLayout(
  pushes: readonly PushResult[],
  trace: Pick<Trace, 'end' | 'intervals' | 'markers'>,
  msPerPx: number,
  /** A push label's character width (px). */
  charW: number,
  drag: { readonly layout: DragLayout | undefined; readonly order: ReadonlyMap<string, number> | undefined },
  frozen: ReadonlySet<LaneId>,
) {
  const keptRows = drag.layout?.rows;
  const moving = drag.layout?.moving;
  const keptLanes = drag.layout?.lanes;
  const pushRows = useMemo(
    () =>
      keptRows && moving
        ? keepRows(pushes, trace.end, msPerPx, keptRows, moving, charW)
        : assignRows(pushes, trace.end, msPerPx, charW),
    [pushes, trace.end, msPerPx, keptRows, moving, charW],
  );
  // Once per result, not on every render (a drag move renders the timeline before its result lands).
  const providerRows = useMemo(() => {
    let rows = 1;
    for (const row of pushRows.values()) rows = Math.max(rows, row + 1);
    return rows;
  }, [pushRows]);
  // Each lane's bars, markers, rows and keys are the objects of the last result wherever that lane did
  // not change (`keep.ts`): its memoized part (LaneBars, MarkerLane) then skips its render.
  const [memo] = useState(() => new LaneMemo());
  const intervalsByLane = useMemo(() => memo.intervals(trace.intervals), [memo, trace.intervals]);
  const layouts = useMemo(() => {
    const m = new Map<LaneId, ReturnType<typeof layoutLane>>();
    for (const lane of LANES) {
      const last = frozen.has(lane) ? memo.layouts.last(lane) : undefined;
      if (last) {
        m.set(lane, last);
        continue;
      }
      const kept = keptLanes?.get(lane);
      const intervals = intervalsByLane.get(lane) ?? NONE;
      m.set(
        lane,
        memo.layouts.get(lane, [intervals, kept, moving], () =>
          layoutLane(intervals, kept && moving ? { rows: kept, moving } : undefined),
        ),
      );
    }
    return m;
  }, [memo, intervalsByLane, keptLanes, moving, frozen]);
  const markersByLane = useMemo(() => memo.shown(memo.markers(trace.markers), frozen), [memo, trace.markers, frozen]);
  const placedByLane = useMemo(() => {
    const m = new Map<LaneId, { placed: [LaneInterval, number][]; keys: string[] }>();
    for (const [lane, layout] of layouts)
      m.set(
        lane,
        memo.placed.get(lane, [layout], () => {
          const placed = [...layout.rows.entries()];
          return { placed, keys: stableKeys(placed, ([iv]) => intervalName(iv)) };
        }),
      );
    return m;
  }, [memo, layouts]);
  const markerKeys = useMemo(() => {
    const m = new Map<LaneId, string[]>();
    for (const [lane, markers] of markersByLane)
      m.set(
        lane,
        memo.markerKeys.get(lane, [markers], () => stableKeys(markers, (mk) => `${mk.kind}|${mk.push ?? ''}`)),
      );
    return m;
  }, [memo, markersByLane]);
  // Push spans are in time order, except while an input is dragged: then they stay in the order the
  // drag began with, so that React does not move the dragged push (focused, and moving it makes React
  // restore the focus and the scroll of every ancestor, a forced layout) past its neighbours each frame.
  const order = drag.order;
  const shownPushes = useMemo(() => (order ? inDragOrder(pushes, order) : pushes), [pushes, order]);
  return { pushRows, providerRows, layouts, placedByLane, markersByLane, markerKeys, shownPushes };
}

const NONE: readonly LaneInterval[] = [];

/**
 * `pushes` in the drag's `order` (position by id), those not in it (new since the drag began) after, in
 * their own order. Placed by position, in one pass: sorting 2,000 pushes by a map lookup on every result
 * of a drag cost more than the rest of the layout.
 */
export function inDragOrder(pushes: readonly PushResult[], order: ReadonlyMap<string, number>): PushResult[] {
  const placed: (PushResult | undefined)[] = new Array<PushResult | undefined>(order.size);
  const after: PushResult[] = [];
  for (const p of pushes) {
    const at = order.get(p.id);
    if (at === undefined || at >= placed.length || placed[at]) after.push(p);
    else placed[at] = p;
  }
  const out: PushResult[] = [];
  for (const p of placed) if (p) out.push(p);
  for (const p of after) out.push(p);
  return out;
}

/** Markers drawn as the push spans' ends, not on their lanes' strips. */
const onSpan = (mk: LaneMarker) =>
  mk.kind === 'push.sent' || mk.kind === 'push.delivered' || mk.kind === 'call.cancelled';

/** What one timeline keeps of its last result, lane by lane. */
class LaneMemo {
  private lastIntervals: ReadonlyMap<LaneId, readonly LaneInterval[]> | undefined;
  private lastMarkers: ReadonlyMap<LaneId, readonly LaneMarker[]> | undefined;
  private shownMarkers: ReadonlyMap<LaneId, readonly LaneMarker[]> | undefined;
  readonly layouts = new PerKey<LaneId, ReturnType<typeof layoutLane>>();
  readonly placed = new PerKey<LaneId, { placed: [LaneInterval, number][]; keys: string[] }>();
  readonly markerKeys = new PerKey<LaneId, string[]>();

  intervals(all: readonly LaneInterval[]): ReadonlyMap<LaneId, readonly LaneInterval[]> {
    return (this.lastIntervals = byLane(all, (iv) => iv.lane, this.lastIntervals));
  }

  markers(all: readonly LaneMarker[]): ReadonlyMap<LaneId, readonly LaneMarker[]> {
    return (this.lastMarkers = byLane(all, (mk) => mk.lane, this.lastMarkers, onSpan));
  }

  /** `byLane`'s markers, the `frozen` lanes' those last shown (the same map when none differs). */
  shown(
    byLane: ReadonlyMap<LaneId, readonly LaneMarker[]>,
    frozen: ReadonlySet<LaneId>,
  ): ReadonlyMap<LaneId, readonly LaneMarker[]> {
    const before = this.shownMarkers;
    if (!before || ![...frozen].some((lane) => before.get(lane) !== byLane.get(lane)))
      return (this.shownMarkers = byLane);
    const out = new Map(byLane);
    for (const lane of frozen) {
      const kept = before.get(lane);
      if (kept) out.set(lane, kept);
      else out.delete(lane);
    }
    return (this.shownMarkers = out);
  }
}
