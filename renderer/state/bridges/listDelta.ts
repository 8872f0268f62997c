/**
 * A list sent between the page and the simulation worker as what changed since the last one sent.
 *
 * Every message is a structured clone, paid on the sending thread. A drag frame of a 10,000-push document
 * changes a few dozen of the trace's 30,000 items, yet cloning the whole trace took ~250 ms on this machine:
 * more than the simulation itself. Both sides keep the last list they exchanged; the sender sends the
 * indices whose item is not `same` as before, and the receiver rebuilds the list from its own copy, which
 * also keeps unchanged items' identity (memoized rows and lanes stay put).
 */
export type ListSent<T> =
  { readonly whole: readonly T[] } | { readonly length: number; readonly patches: readonly (readonly [number, T])[] };

/** What the sender encodes against and the receiver decodes against: the last list exchanged. */
export type Held<T> = { list: readonly T[] | undefined };

/**
 * Encodes `next` against the list last sent, and remembers `next` as the last sent. Patches are sent only
 * when they are fewer than half the list: past that, the whole list is as cheap. `changedSince`, when it
 * knows, names the only indexes at which `next` can differ from the list last sent (a drag's moves): only
 * those are compared, so a frame costs what it changed, not the list's length.
 */
export function encodeList<T>(
  held: Held<T>,
  next: readonly T[],
  same: (a: T, b: T) => boolean = Object.is,
  changedSince?: (before: readonly T[], next: readonly T[]) => readonly number[] | undefined,
): ListSent<T> {
  const before = held.list;
  held.list = next;
  if (!before) return { whole: next };
  const patches: [number, T][] = [];
  const most = next.length / 2;
  const changed = before.length === next.length ? changedSince?.(before, next) : undefined;
  if (changed) {
    for (const i of [...changed].sort((a, b) => a - b))
      if (i < next.length && !same(before[i] as T, next[i] as T)) patches.push([i, next[i] as T]);
    return patches.length > most ? { whole: next } : { length: next.length, patches };
  }
  for (let i = 0; i < next.length; i++) {
    const item = next[i] as T;
    if (i < before.length && same(before[i] as T, item)) continue;
    patches.push([i, item]);
    if (patches.length > most) return { whole: next };
  }
  return { length: next.length, patches };
}

/** Rebuilds the list the sender encoded, from the receiver's copy of the last one; remembers it. */
export function decodeList<T>(held: Held<T>, sent: ListSent<T>): readonly T[] {
  if ('whole' in sent) return (held.list = sent.whole);
  const before = held.list ?? [];
  const list = before.slice(0, sent.length);
  for (const [i, item] of sent.patches) list[i] = item;
  return (held.list = list);
}

/**
 * Equal as data: what a structured clone keeps (plain objects, arrays, primitives). Timeline events are
 * small, so comparing them costs far less than cloning them.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
