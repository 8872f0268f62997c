import { useEffect, useState } from 'react';

/**
 * Tells `onChange` when a pointer is pressed anywhere in the page and when it lifts (a drag on the
 * timeline re-runs the document on every frame until it lifts); returns the function that stops
 * listening. Listened to in the capture phase, so that a handler that stops the event does not hide it;
 * a press whose release the page never hears (focus lost mid-press) ends with the window's blur.
 */
export function watchPointerPress(onChange: (pressed: boolean) => void): () => void {
  let pressed = false;
  const down = () => {
    if (pressed) return;
    pressed = true;
    onChange(true);
  };
  const up = () => {
    if (!pressed) return;
    pressed = false;
    onChange(false);
  };
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
}

/** Whether a pointer is pressed anywhere in the page (`watchPointerPress`). */
export function usePointerPressed(): boolean {
  const [pressed, setPressed] = useState(false);
  useEffect(() => watchPointerPress(setPressed), []);
  return pressed;
}
