import { useEffect, useState } from 'react';

/**
 * Whether a pointer is pressed anywhere in the page (a drag on the timeline re-runs the document on
 * every frame until it lifts). Listened to in the capture phase, so that a handler that stops the
 * event does not hide it; a press whose release the page never hears (focus lost mid-press) ends with
 * the window's blur.
 */
export function usePointerPressed(): boolean {
  const [pressed, setPressed] = useState(false);
  useEffect(() => {
    const down = () => setPressed(true);
    const up = () => setPressed(false);
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    window.addEventListener('blur', up);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
      window.removeEventListener('blur', up);
    };
  }, []);
  return pressed;
}
