import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The width (px, at least 400) of the timeline's element, and whether it has been measured yet. */
export function useMeasuredWidth(hostRef: RefObject<HTMLDivElement | null>) {
  /** Whether the timeline's width has been measured (the push rows depend on it). */
  const measured = useRef(false);
  const [width, setWidth] = useState(1000);

  // Measured before the first paint (and before anything can export the SVG), then on every resize:
  // a width still at its default until the observer's first callback made a loaded machine export
  // a 1000 px image.
  useLayoutEffect(() => {
    const el = hostRef.current;
    if (!el) return;
    if (el.clientWidth > 0) {
      measured.current = true;
      setWidth(Math.max(400, el.clientWidth));
    }
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      measured.current = true;
      setWidth(Math.max(400, entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hostRef]);
  return { width, measured };
}
