/**
 * Which events of a timeline a drag moved, remembered by the timeline `moveEvents` made, so that the
 * simulation's bridge sends a drag frame of a 10,000-event document as the few events it moved without
 * comparing all the others (`runRequest`).
 */

interface Moved {
  readonly from: readonly unknown[];
  readonly moved: readonly number[];
}

const notes = new WeakMap<readonly unknown[], Moved>();

/**
 * How many moves back a timeline still knows what it was made from: the bridge asks about a list it
 * sent a frame or a few ago. Older links are cut, so a long drag does not keep every frame's timeline.
 */
const KEPT = 8;

/** `next` is `from` with the events `moved` (indexes) moved in time, and nothing else changed. */
export function noteMoved(next: readonly unknown[], from: readonly unknown[], moved: Iterable<number>): void {
  notes.set(next, { from, moved: [...moved] });
  let list: readonly unknown[] = from;
  for (let k = 1; k < KEPT; k++) {
    const note = notes.get(list);
    if (!note) return;
    list = note.from;
  }
  notes.delete(list);
}

/**
 * The indexes at which `next` may differ from `before`, when `next` was made from `before` by moves alone
 * (a drag's frames, one after another, at most a few back), else `undefined`: not known.
 */
export function movedSince(before: readonly unknown[], next: readonly unknown[]): readonly number[] | undefined {
  if (before === next) return [];
  const moved = new Set<number>();
  let list = next;
  for (let k = 0; k < KEPT && list !== before; k++) {
    const note = notes.get(list);
    if (!note) return undefined;
    for (const i of note.moved) moved.add(i);
    list = note.from;
  }
  return list === before ? [...moved] : undefined;
}
