/** Present mode's keys (PresentMode.tsx handles them; the shortcuts list shows them from here). */
export const NEXT_KEYS = new Set([' ', 'ArrowRight', 'ArrowDown', 'PageDown', 'Enter']);
export const BACK_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

const NAMES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  ArrowRight: '→',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowUp: '↑',
};
const shown = (keys: ReadonlySet<string>) => [...keys].map((k) => NAMES[k] ?? k).join(' / ');

/** Present mode's keys as the shortcuts list shows them. */
export const PRESENT_HELP: readonly { shown: string; does: string }[] = [
  { shown: shown(NEXT_KEYS), does: 'the next moment' },
  { shown: shown(BACK_KEYS), does: 'back one moment' },
  { shown: 'Home', does: 'the first moment' },
  { shown: 'End', does: 'the summary' },
  { shown: 'P', does: 'predict, then reveal: the fates stay hidden until the room has guessed' },
  { shown: 'F', does: 'full screen' },
  { shown: 'Esc', does: 'leave present mode' },
];
