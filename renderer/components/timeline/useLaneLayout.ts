import { useMemo } from 'react';
import { LANES, type LaneId, type LaneInterval, type LaneMarker, type PushResult, type Trace } from '../../../machines';
import { intervalName, layoutLane, stableKeys } from './laneRows';
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
  let providerRows = 1;
  for (const row of pushRows.values()) providerRows = Math.max(providerRows, row + 1);
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
  const order = drag.order;
  const shownPushes = useMemo(
    () =>
      order ? [...pushes].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || 0) : pushes,
    [pushes, order],
  );
  return { pushRows, providerRows, layouts, placedByLane, markersByLane, markerKeys, shownPushes };
}
