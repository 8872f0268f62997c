import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { AXIS } from './geometry';
import { scrollParent } from './scrollParent';

/** Where the timeline is, and where a push's row is in it. */
interface Reveal {
  readonly host: RefObject<HTMLDivElement | null>;
  readonly svg: RefObject<SVGSVGElement | null>;
  readonly selected: string | undefined;
  /** The pushes an input drag is moving, while one is on (`DragLayout.moving`). */
  readonly moving: ReadonlySet<string> | undefined;
  /** A variant's timeline, beside the scenario's: it does not scroll the pane. */
  readonly off: boolean | undefined;
  /** Whether the timeline has been measured (its rows are where they will be). */
  readonly measured: RefObject<boolean>;
  /** The top (px, in the SVG) of a push's row, or undefined when it has none. */
  readonly rowTop: (id: string) => number | undefined;
  readonly rowHeight: number;
  /** Called after the timeline scrolled itself (the rendered band moves). */
  onScrolled: () => void;
}

/**
 * A push selected elsewhere (the Fates table, a link, the keyboard) is scrolled into the timeline's
 * view. Not one picked on this timeline (`pickedHere` before selecting it): it is in view, and
 * scrolling would move it from under the pointer.
 *
 * A dragged push, once dropped, is followed too: while dragged it keeps its row by the pointer, but the
 * drop lays the rows out afresh, and on a crowded timeline its new row can be far below, out of view:
 * the user would lose what they just dropped. It is kept in view through the results that land after
 * the drop, until the user's next press, wheel or key takes the view back.
 */
export function useRevealPush(r: Reveal) {
  const reveal = useRef<string | undefined>(undefined);
  const pickedHere = useRef<string | undefined>(undefined);
  const wasMoving = useRef<ReadonlySet<string> | undefined>(undefined);
  const following = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    reveal.current = r.selected === pickedHere.current ? undefined : r.selected;
    pickedHere.current = undefined;
  }, [r.selected]);
  useLayoutEffect(() => {
    const dropped = wasMoving.current;
    wasMoving.current = r.moving;
    // Of several pushes dragged together, the first in the document is followed.
    following.current = !r.moving && dropped ? dropped.values().next().value : undefined;
  }, [r.moving]);
  useEffect(() => {
    const stop = () => (following.current = undefined);
    const events = ['pointerdown', 'wheel', 'keydown'] as const;
    for (const type of events) window.addEventListener(type, stop, { capture: true, passive: true });
    return () => {
      for (const type of events) window.removeEventListener(type, stop, { capture: true });
    };
  }, []);
  useLayoutEffect(() => {
    const id = reveal.current ?? following.current;
    const el = r.host.current;
    const svg = r.svg.current;
    if (id === undefined || r.off || !r.measured.current || !el || !svg) return;
    reveal.current = undefined;
    const row = r.rowTop(id);
    const scroller = scrollParent(el);
    if (row === undefined || !scroller) return;
    const view = scroller.getBoundingClientRect();
    const top = svg.getBoundingClientRect().top + row;
    const viewTop = view.top + scroller.clientTop;
    // The sticky axis covers the view's top AXIS px.
    if (top < viewTop + AXIS || top + r.rowHeight > viewTop + scroller.clientHeight) {
      scroller.scrollTop += top + r.rowHeight / 2 - (viewTop + (AXIS + scroller.clientHeight) / 2);
      r.onScrolled();
    }
  });
  return pickedHere;
}
