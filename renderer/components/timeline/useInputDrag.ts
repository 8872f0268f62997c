import { useCallback, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { LaneId, TimelineEventFile } from '../../../machines';
import { formatTime, landmarks, relativeTo, snap, type Landmark } from '../../state/view/labels';
import { boxBelow, draggedInputs, isDrag, movedTimes, type DragLabel } from './drag';
import { AXIS } from './geometry';
import { keepTallest } from './lanes';
import { scrollParent } from './scrollParent';

/**
 * While an input is dragged: the push rows and lane rows when the drag began, the pushes the pointer
 * moves, and the tallest each lane has been. The other pushes keep their rows and lanes do not shrink,
 * so the lanes below do not jump on every frame (and Chromium does not lay out and paint every lane
 * again); the drop packs the rows afresh.
 */
export interface DragLayout {
  readonly rows: ReadonlyMap<string, number>;
  /** Each lane's stacked rows (`layoutLane`). */
  readonly lanes: ReadonlyMap<LaneId, ReadonlyMap<string, number>>;
  readonly moving: ReadonlySet<string>;
  readonly heights: Readonly<Record<LaneId, number>>;
}

/** The timeline as it is drawn when a press begins: what a drag keeps of it. */
export interface DragStart {
  readonly events: readonly TimelineEventFile[];
  readonly selection: readonly number[];
  /** The time of each event (file index). */
  readonly timeOf: (index: number) => number;
  /** The time at `px` from the timeline's left edge, and the x of a time. */
  readonly tAt: (px: number) => number;
  readonly x: (t: number) => number;
  readonly msPerPx: number;
  /** The order of the pushes, so that React does not move the dragged one past its neighbours. */
  readonly order: ReadonlyMap<string, number>;
  /** The pushes sent by each input (file index). */
  readonly pushOf: ReadonlyMap<string, number>;
  readonly layout: Omit<DragLayout, 'moving'>;
}

interface DragHandlers {
  readonly host: RefObject<HTMLDivElement | null>;
  readonly readOnly: boolean | undefined;
  onSelectEvents: (indexes: readonly number[]) => void;
  onDragStart: () => void;
  onDragMove: (times: ReadonlyMap<number, number>) => void;
  onDragEnd: () => void;
}

/**
 * Dragging inputs on the timeline: every selected input moves by the same time. `start` on a press;
 * `label` is the dragged time's box while it moves, and `order` and `layout` what the timeline keeps of
 * its drawing meanwhile (`DragLayout`).
 */
export function useInputDrag(h: DragHandlers) {
  const [label, setLabel] = useState<DragLabel>();
  const [order, setOrder] = useState<ReadonlyMap<string, number>>();
  const [layout, setLayout] = useState<DragLayout>();

  /**
   * Remembers the lanes' heights as drawn (after a render, from a layout effect): a lane that grew
   * during the drag keeps its new height until the drop (no flicker of one row). The render already
   * drew it that tall (`laneHeights` takes the most of both), so the next one draws the same.
   */
  const keepTallestOf = useCallback((heights: Readonly<Record<LaneId, number>>) => {
    setLayout((l) => {
      if (!l) return l;
      const tallest = keepTallest(l.heights, heights);
      return tallest === l.heights ? l : { ...l, heights: tallest };
    });
  }, []);

  const start = (index: number, ev: ReactPointerEvent<SVGElement>, at: DragStart) => {
    ev.stopPropagation();
    if (h.readOnly) return;
    const chosen = draggedInputs(at.selection, index, ev.shiftKey);
    h.onSelectEvents(chosen);
    // Where the timeline is on screen, read again only after a scroll or a resize: reading it on every
    // move would force a layout of what the last frame's panels changed, inside the input handler.
    let rect: DOMRect | undefined;
    /** The top of the scrolling pane, where the sticky axis strip is, in the viewport. */
    let pane: number | undefined;
    const moveRect = () => ((rect = undefined), (pane = undefined));
    const hostRect = () => (rect ??= h.host.current?.getBoundingClientRect());
    const paneTop = () => (pane ??= (h.host.current && scrollParent(h.host.current)?.getBoundingClientRect().top) ?? 0);
    const origin = at.tAt(ev.clientX - (hostRect()?.left ?? 0));
    const starts = new Map(chosen.map((i) => [i, at.timeOf(i)]));
    // Window listeners, not pointer capture: the dragged element may be re-ordered in the DOM mid-drag.
    const target = window;
    let moved = false;
    /** The other inputs by time, taken when the drag begins ("300 ms after app background"). */
    let others: Landmark[] = [];
    const move = (e: PointerEvent) => {
      const delta = at.tAt(e.clientX - (hostRect()?.left ?? 0)) - origin;
      if (!moved) {
        if (!isDrag(delta, at.msPerPx)) return;
        moved = true;
        setOrder(at.order);
        // The dragged pushes (and their bars) find a free row on each frame; the others keep theirs (see
        // keepRows and layoutLane).
        const dragged = new Set([...at.pushOf].filter(([, i]) => starts.has(i)).map(([id]) => id));
        setLayout({ ...at.layout, moving: dragged });
        others = landmarks(at.events, new Set(chosen));
        h.onDragStart();
      }
      const times = movedTimes(starts, delta, (t) => snap(t, e.altKey));
      const first = times.get(index) ?? 0;
      const top = hostRect()?.top ?? 0;
      setLabel({
        label: formatTime(first),
        relation: relativeTo(first, others),
        x: at.x(first),
        y: e.clientY - top,
        below: boxBelow(e.clientY, Math.max(paneTop(), top) + AXIS),
      });
      h.onDragMove(times);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      target.removeEventListener('scroll', moveRect, true);
      target.removeEventListener('resize', moveRect);
      setLabel(undefined);
      setOrder(undefined);
      setLayout(undefined);
      if (moved) h.onDragEnd();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
    target.addEventListener('scroll', moveRect, { capture: true, passive: true });
    target.addEventListener('resize', moveRect);
  };

  return { label, order, layout, start, keepTallestOf };
}
