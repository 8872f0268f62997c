import { useEffect, useRef } from 'react';

export interface Shortcuts {
  undo(): void;
  redo(): void;
  remove(): void;
  duplicate(): void;
  step(dir: 1 | -1): void;
  home(): void;
  end(): void;
  zoom(factor: number): void;
  pan(fraction: number): void;
  fit(): void;
  /** Moves the selected events by `ms` (Shift+←/→: 100 ms, with Alt: 1 s). */
  nudge(ms: number): void;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.tagName === 'INPUT' ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    target.isContentEditable);

/** Window-wide keys, like Perfetto's: W/S zoom, A/D pan, arrows step, Home/End, Delete, ⌘Z. */
export function useShortcuts(actions: Shortcuts): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) a.redo();
        else a.undo();
        return;
      }
      if (isTyping(e.target)) return;
      if (mod && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        a.duplicate();
        return;
      }
      if (mod) return;
      if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
        e.preventDefault();
        a.nudge((e.key === 'ArrowLeft' ? -1 : 1) * (e.altKey ? 1_000 : 100));
        return;
      }
      const key = e.key;
      const handlers: Record<string, () => void> = {
        ArrowRight: () => a.step(1),
        ArrowLeft: () => a.step(-1),
        Home: () => a.home(),
        End: () => a.end(),
        Delete: () => a.remove(),
        Backspace: () => a.remove(),
        '+': () => a.zoom(0.7),
        '=': () => a.zoom(0.7),
        '-': () => a.zoom(1 / 0.7),
        w: () => a.zoom(0.8),
        s: () => a.zoom(1 / 0.8),
        a: () => a.pan(-0.15),
        d: () => a.pan(0.15),
        '0': () => a.fit(),
      };
      const handler = handlers[key];
      if (handler) {
        e.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
