// Keeping the previous object where the new one is equal, so that memoized parts of the timeline see
// the same props and skip their render. No React.
import { LANES, type LaneId } from '../../../machines';

/** Whether two lists hold the same items, by identity, in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Whether two lanes' records hold the same numbers. */
export function sameLanes(a: Readonly<Record<LaneId, number>>, b: Readonly<Record<LaneId, number>>): boolean {
  return a === b || LANES.every((lane) => a[lane] === b[lane]);
}

/**
 * `items` by lane, each lane's list the one `before` had when it holds the same items (the worker's
 * answer keeps the objects of what did not change, `listDelta.ts`): a drag frame that changes one
 * lane gives the others' parts the same list, and they do not render again. The whole map is `before`
 * itself when no lane changed. Items `skip` says are left out.
 */
export function byLane<T>(
  items: readonly T[],
  laneOf: (item: T) => LaneId,
  before: ReadonlyMap<LaneId, readonly T[]> | undefined,
  skip?: (item: T) => boolean,
): ReadonlyMap<LaneId, readonly T[]> {
  const fresh = new Map<LaneId, T[]>();
  for (const item of items) {
    if (skip?.(item)) continue;
    const lane = laneOf(item);
    let list = fresh.get(lane);
    if (!list) fresh.set(lane, (list = []));
    list.push(item);
  }
  if (!before) return fresh;
  const out = new Map<LaneId, readonly T[]>();
  let changed = fresh.size !== before.size;
  for (const [lane, list] of fresh) {
    const old = before.get(lane);
    if (old && sameItems(old, list)) out.set(lane, old);
    else {
      out.set(lane, list);
      changed = true;
    }
  }
  return changed ? out : before;
}

/**
 * A value per key, computed again only when its inputs change (compared by identity): a lane's rows are
 * laid out again only when that lane's bars changed. There are few keys (the lanes): none is forgotten.
 */
export class PerKey<K, V> {
  private readonly held = new Map<K, { inputs: readonly unknown[]; value: V }>();

  get(key: K, inputs: readonly unknown[], compute: () => V): V {
    const had = this.held.get(key);
    if (had && sameItems(had.inputs, inputs)) return had.value;
    const value = compute();
    this.held.set(key, { inputs, value });
    return value;
  }

  /** The value last computed for `key`, if any. */
  last(key: K): V | undefined {
    return this.held.get(key)?.value;
  }
}

/** The last value kept, given again while a new one is `equal` to it. */
export class Kept<T> {
  private value: T | undefined;
  private has = false;

  constructor(private readonly equal: (a: T, b: T) => boolean) {}

  keep(next: T): T {
    if (this.has && this.equal(this.value as T, next)) return this.value as T;
    this.value = next;
    this.has = true;
    return next;
  }
}

/** Whether two sets hold the same members. */
export function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/** Whether two maps hold the same keys with the same values (by identity). */
export function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || !Object.is(b.get(k), v)) return false;
  return true;
}

/**
 * `next`'s lists, each the one `before` had for its key when `same` holds item by item; `before` itself
 * when every list is kept.
 */
export function keepLists<K, T>(
  before: ReadonlyMap<K, readonly T[]> | undefined,
  next: ReadonlyMap<K, readonly T[]>,
  same: (a: T, b: T) => boolean,
): ReadonlyMap<K, readonly T[]> {
  if (!before) return next;
  const out = new Map<K, readonly T[]>();
  let changed = before.size !== next.size;
  for (const [key, list] of next) {
    const old = before.get(key);
    if (old && old.length === list.length && old.every((item, i) => same(item, list[i]!))) out.set(key, old);
    else {
      out.set(key, list);
      changed = true;
    }
  }
  return changed ? out : before;
}

/**
 * `items` cut into runs of `size`, each run the one `before` had at its place when it holds the same
 * items: a memoized part per run then renders again only where the list changed (one marker moved
 * by a drag re-renders its run, not a lane of thousands).
 */
export function chunks<T>(items: readonly T[], size: number, before: readonly (readonly T[])[] = []): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  for (let at = 0, k = 0; at < items.length; at += size, k++) {
    const run = items.slice(at, at + size);
    const old = before[k];
    out.push(old && sameItems(old, run) ? old : run);
  }
  return out;
}

/** `chunks` against the runs it cut last time. */
export class Runs<T> {
  private last: readonly (readonly T[])[] = [];

  constructor(private readonly size: number) {}

  cut(items: readonly T[]): readonly (readonly T[])[] {
    return (this.last = chunks(items, this.size, this.last));
  }
}
