import { useCallback, useEffect, useRef, useState } from 'react';

/** Moves the playhead through virtual time at 1×…600× while playing. */
export function usePlayback(playhead: number, end: number, setPlayhead: (t: number) => void) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const position = useRef(playhead);
  useEffect(() => {
    position.current = playhead;
  }, [playhead]);

  useEffect(() => {
    if (!playing) return;
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
  }, [playing, speed, end, setPlayhead]);

  const toggle = useCallback(() => setPlaying((p) => !p), []);
  return { playing, speed, setSpeed, toggle };
}
