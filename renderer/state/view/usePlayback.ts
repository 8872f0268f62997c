import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Moves the playhead through virtual time at 1×…600× while playing. While `hold` (another document is
 * opening: the workspace still draws the one before it, `app/shownDocument.ts`) the playhead does not
 * move, and Play (the button, or Space on it) pressed meanwhile starts when the new document is drawn.
 */
export function usePlayback(playhead: number, end: number, setPlayhead: (t: number) => void, hold = false) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const position = useRef(playhead);
  useEffect(() => {
    position.current = playhead;
  }, [playhead]);

  useEffect(() => {
    // A trainer who opens a big scenario and presses Play means that scenario, the one the toolbar
    // names: playing the old one on screen would play what is about to go, and moving the new one's
    // playhead before it is drawn would play what no one sees (against the old one's end). So play
    // waits, pressed, and starts from the new document's playhead when its result lands.
    if (!playing || hold) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const next = position.current + (now - last) * speed;
      last = now;
      if (next >= end) {
        setPlayhead(end);
        setPlaying(false);
        return;
      }
      setPlayhead(Math.round(next));
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, hold, speed, end, setPlayhead]);

  const toggle = useCallback(() => setPlaying((p) => !p), []);
  return { playing, speed, setSpeed, toggle };
}
