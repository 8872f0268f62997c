import { useEffect, useRef } from 'react';

export interface Shortcuts {
  undo(): void;
  redo(): void;
  remove(): void;
  /** Clears the selection: the selected events and the selected push (Escape). */
  deselect(): void;
  duplicate(): void;
  step(dir: 1 | -1): void;
  home(): void;
  end(): void;
  zoom(factor: number): void;
  pan(fraction: number): void;
  fit(): void;
  /** Moves the selected events by `ms` (Shift+←/→: 100 ms, with Alt: 1 s). */
  nudge(ms: number): void;
  /** Opens the list of shortcuts (`?`). */
  help(): void;
  /** Save and Open… (in the web app; the desktop app's File menu has these keys). */
  save(): void;
  open(): void;
}

/**
 * A key as pressed: `key` is KeyboardEvent.key (compared without case when Ctrl/⌘ is held, as
 * Shift+⌘+Z gives "Z"); `mod` is Ctrl or ⌘. `shift` and `alt` are compared only when given (`+` and
 * `?` need Shift on most layouts).
 */
export interface KeySpec {
  readonly key: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

export interface Binding {
  readonly keys: readonly KeySpec[];
  /** The keys as the shortcuts list shows them: keys held together joined by `+`, choices by ` / `. */
  readonly shown: string;
  readonly does: string;
  readonly run: (a: Shortcuts) => void;
  /** Also while a text field has the focus (undo and redo are the document's, not the field's). */
  readonly whileTyping?: boolean;
  /** Only in the web app: in the desktop app the File menu has the same keys. */
  readonly webOnly?: boolean;
}

/**
 * Every window-wide key of the editor, like Perfetto's: W/S zoom, A/D pan, arrows step, Home/End,
 * Delete, ⌘Z. The handler and the shortcuts list (`?`) both read this table, so neither can leave out
 * what the other has. The first binding that matches a key press wins.
 */
export const BINDINGS: readonly Binding[] = [
  {
    keys: [{ key: 'z', mod: true, shift: false }],
    shown: 'Ctrl/⌘+Z',
    does: 'undo',
    run: (a) => a.undo(),
    whileTyping: true,
  },
  {
    keys: [{ key: 'z', mod: true, shift: true }],
    shown: 'Shift+Ctrl/⌘+Z',
    does: 'redo',
    run: (a) => a.redo(),
    whileTyping: true,
  },
  {
    keys: [{ key: 's', mod: true }],
    shown: 'Ctrl/⌘+S',
    does: 'save the scenario (a download in the web app)',
    run: (a) => a.save(),
    whileTyping: true,
    webOnly: true,
  },
  {
    keys: [{ key: 'o', mod: true }],
    shown: 'Ctrl/⌘+O',
    does: 'open a scenario file',
    run: (a) => a.open(),
    whileTyping: true,
    webOnly: true,
  },
  {
    keys: [{ key: 'd', mod: true }],
    shown: 'Ctrl/⌘+D',
    does: 'duplicate the selected events',
    run: (a) => a.duplicate(),
  },
  {
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    shown: 'Delete / Backspace',
    does: 'remove the selected events',
    run: (a) => a.remove(),
  },
  { keys: [{ key: 'Escape' }], shown: 'Esc', does: 'clear the selection', run: (a) => a.deselect() },
  {
    keys: [{ key: 'ArrowLeft', shift: true, alt: false }],
    shown: 'Shift+←',
    does: 'move the selected events 100 ms earlier',
    run: (a) => a.nudge(-100),
  },
  {
    keys: [{ key: 'ArrowRight', shift: true, alt: false }],
    shown: 'Shift+→',
    does: 'move the selected events 100 ms later',
    run: (a) => a.nudge(100),
  },
  {
    keys: [{ key: 'ArrowLeft', shift: true, alt: true }],
    shown: 'Alt+Shift+←',
    does: 'move the selected events 1 s earlier',
    run: (a) => a.nudge(-1_000),
  },
  {
    keys: [{ key: 'ArrowRight', shift: true, alt: true }],
    shown: 'Alt+Shift+→',
    does: 'move the selected events 1 s later',
    run: (a) => a.nudge(1_000),
  },
  {
    keys: [{ key: 'ArrowLeft', shift: false }],
    shown: '←',
    does: 'playhead to the previous event',
    run: (a) => a.step(-1),
  },
  {
    keys: [{ key: 'ArrowRight', shift: false }],
    shown: '→',
    does: 'playhead to the next event',
    run: (a) => a.step(1),
  },
  { keys: [{ key: 'Home' }], shown: 'Home', does: 'playhead to the start', run: (a) => a.home() },
  { keys: [{ key: 'End' }], shown: 'End', does: 'playhead to the end', run: (a) => a.end() },
  { keys: [{ key: 'w' }], shown: 'W', does: 'zoom in', run: (a) => a.zoom(0.8) },
  { keys: [{ key: 's' }], shown: 'S', does: 'zoom out', run: (a) => a.zoom(1 / 0.8) },
  { keys: [{ key: 'a' }], shown: 'A', does: 'pan left', run: (a) => a.pan(-0.15) },
  { keys: [{ key: 'd' }], shown: 'D', does: 'pan right', run: (a) => a.pan(0.15) },
  { keys: [{ key: '+' }, { key: '=' }], shown: '+', does: 'zoom in a larger step', run: (a) => a.zoom(0.7) },
  { keys: [{ key: '-' }], shown: '−', does: 'zoom out a larger step', run: (a) => a.zoom(1 / 0.7) },
  { keys: [{ key: '0' }], shown: '0', does: 'fit the whole scenario', run: (a) => a.fit() },
  { keys: [{ key: '?' }], shown: '?', does: 'this list of shortcuts', run: (a) => a.help() },
];

/** Whether a key press is `spec`. */
export function matches(spec: KeySpec, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) {
  const mod = e.ctrlKey || e.metaKey;
  if (mod !== (spec.mod ?? false)) return false;
  if (spec.shift !== undefined && spec.shift !== e.shiftKey) return false;
  if (spec.alt !== undefined && spec.alt !== e.altKey) return false;
  return spec.mod ? e.key.toLowerCase() === spec.key : e.key === spec.key;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.tagName === 'INPUT' ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    target.isContentEditable);

/**
 * Window-wide keys (`BINDINGS`); a text field keeps its own keys but for undo, redo, save and open.
 * `desktop`: in the desktop app, whose File menu takes Ctrl/⌘+S and Ctrl/⌘+O itself.
 */
export function useShortcuts(actions: Shortcuts, desktop = false): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog over the editor (the rule library, the shortcuts, the log import) has the keys to itself,
      // wherever the focus is: its Esc must reach it as its cancel, not clear the selection.
      if (document.querySelector('dialog[open]')) return;
      const typing = isTyping(e.target);
      const binding = BINDINGS.find(
        (b) => (b.whileTyping || !typing) && !(b.webOnly && desktop) && b.keys.some((k) => matches(k, e)),
      );
      if (!binding) return;
      e.preventDefault();
      binding.run(ref.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [desktop]);
}
