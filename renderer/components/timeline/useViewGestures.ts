import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { View } from '../../state/document/editorMachine';
import { GUTTER } from './geometry';

/** What the timeline's gestures read from its latest render, and what they change. */
interface ViewGestures {
  /** The timeline's element: the wheel is heard on it, and x is measured from its left edge. */
  readonly host: RefObject<HTMLDivElement | null>;
  readonly view: View;
  /** The plot's width (px). */
  readonly plot: number;
  /** The time at `px` from the timeline's left edge. */
  readonly tAt: (px: number) => number;
  onView: (view: View) => void;
  onPlayhead: (t: number) => void;
  onSelectEvents: (indexes: readonly number[]) => void;
}

/**
 * Zoom and pan of the timeline's view: `startPan` for a pointer down on the background (a drag pans,
 * a click moves the playhead, two fingers pinch-zoom), Ctrl/⌘ or Shift with the wheel on the host, and
 * `zoomTo` a span of time with a margin around it.
 */
export function useViewGestures({ host, view, plot, tAt, onView, onPlayhead, onSelectEvents }: ViewGestures) {
  // Two fingers on a touch screen pinch-zoom around their midpoint; one finger (or the mouse) pans.
  // `touches`: fingers down now. `pinched`: fingers that took part in a pinch and are still down; the
  // first of the two to lift ends the zoom, and the other then changes nothing until it lifts too
  // (its pan began before the pinch, so it would throw the view back).
  const touches = useRef(new Map<number, number>());
  const pinching = useRef(false);
  const pinched = useRef(new Set<number>());
  const startPinch = () => {
    const [[idA, xA], [idB, xB]] = [...touches.current.entries()] as [[number, number], [number, number]];
    const left = host.current?.getBoundingClientRect().left ?? 0;
    const d0 = Math.max(Math.abs(xA - xB), 10);
    const base = view;
    const span0 = base.end - base.start;
    const anchor = base.start + ((Math.min(xA, xB) + d0 / 2 - left - GUTTER) / plot) * span0;
    const ratio = (anchor - base.start) / span0;
    pinching.current = true;
    pinched.current.add(idA).add(idB);
    const move = (e: PointerEvent) => {
      if (!pinching.current || (e.pointerId !== idA && e.pointerId !== idB)) return;
      touches.current.set(e.pointerId, e.clientX);
      const d = Math.max(Math.abs((touches.current.get(idA) ?? xA) - (touches.current.get(idB) ?? xB)), 10);
      const next = Math.min(Math.max((span0 * d0) / d, 50), 40 * 86_400_000);
      onView({ start: anchor - ratio * next, end: anchor - ratio * next + next });
    };
    // Each finger leaves `touches` when it lifts, whichever lifts first; the listeners go with the last.
    const end = (e: PointerEvent) => {
      if (e.pointerId !== idA && e.pointerId !== idB) return;
      touches.current.delete(e.pointerId);
      pinched.current.delete(e.pointerId);
      pinching.current = false;
      if (pinched.current.has(idA) || pinched.current.has(idB)) return;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };

  // Dragging the background pans; a click without movement moves the playhead.
  const startPan = (ev: ReactPointerEvent<SVGSVGElement>) => {
    if (ev.button !== 0) return;
    if (ev.pointerType === 'touch') {
      touches.current.set(ev.pointerId, ev.clientX);
      if (touches.current.size === 2) {
        startPinch();
        return;
      }
    }
    const id = ev.pointerId;
    const startX = ev.clientX;
    const base = view;
    const target = window;
    let moved = false;
    const move = (e: PointerEvent) => {
      if (e.pointerId !== id) return;
      // A second finger turned this pan into a pinch: the pinch moves the view, and after it nothing.
      if (pinched.current.has(id)) {
        moved = true;
        return;
      }
      const dx = e.clientX - startX;
      if (Math.abs(dx) > 3) moved = true;
      if (!moved) return;
      const dt = (-dx / plot) * (base.end - base.start);
      onView({ start: base.start + dt, end: base.end + dt });
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId !== id) return;
      touches.current.delete(id);
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      if (!moved && e.type === 'pointerup') {
        const left = host.current?.getBoundingClientRect().left ?? 0;
        const px = e.clientX - left;
        if (px > GUTTER) {
          onPlayhead(Math.round(tAt(px)));
          onSelectEvents([]);
        }
      }
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  // Ctrl/⌘ + wheel (and trackpad pinch, which Chromium sends as ctrl + wheel) zooms the timeline, not
  // the page: that needs preventDefault, which React's passive wheel listener cannot do, so the
  // listener is a native, non-passive one that reads the latest view through a ref.
  const onWheel = (e: globalThis.WheelEvent) => {
    const left = host.current?.getBoundingClientRect().left ?? 0;
    const span = view.end - view.start;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const at = tAt(e.clientX - left);
      const factor = Math.exp(e.deltaY * 0.002);
      const next = Math.min(Math.max(span * factor, 50), 40 * 86_400_000);
      const ratio = (at - view.start) / span;
      onView({ start: at - ratio * next, end: at - ratio * next + next });
    } else if (e.shiftKey) {
      e.preventDefault();
      const dt = ((e.deltaY || e.deltaX) / plot) * span;
      onView({ start: view.start + dt, end: view.end + dt });
    }
  };
  const wheel = useRef(onWheel);
  useEffect(() => {
    wheel.current = onWheel;
  });
  useEffect(() => {
    // On the host, not the SVG: the sticky axis above the SVG zooms and pans too.
    const el = host.current;
    if (!el) return;
    const listener = (e: globalThis.WheelEvent) => wheel.current(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, [host]);

  const zoomTo = (from: number, to: number) => {
    const pad = Math.max((to - from) * 0.15, 200);
    onView({ start: from - pad, end: to + pad });
  };

  return { startPan, zoomTo };
}
