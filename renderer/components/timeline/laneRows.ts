// Rows of the lanes' bars (states and spans of time): which row each interval is drawn in. No React.
import type { LaneInterval } from '../../../machines';

/** Interval kinds that several pushes or calls can have at once: they are stacked in rows of their own. */
const STACKED = (kind: string) =>
  kind === 'push.waiting' ||
  kind === 'deadline' ||
  kind.startsWith('call.') ||
  kind.startsWith('audio.') ||
  kind === 'handler';

/** Fixed rows of a lane: which state kinds share a row. */
function fixedRow(kind: string): number {
  if (kind.startsWith('apsd.') || kind === 'throttle') return 1;
  if (kind === 'powerd.restricted') return 2;
  return 0;
}

/** Whether an interval is stacked in rows of its own below its lane's fixed rows. */
const stacks = (iv: LaneInterval) => STACKED(iv.kind) && iv.kind !== 'audio.null-session';

/** What an interval is, whenever it is: its kind and its push or call (`stableKeys` numbers repeats). */
export const intervalName = (iv: LaneInterval) => `${iv.kind}|${iv.push ?? iv.call ?? ''}`;

/** Each stacked interval's row, by its key (`intervalName`, numbered in time order): kept during a drag. */
export function stackedRows(rows: ReadonlyMap<LaneInterval, number>): Map<string, number> {
  const stacked = [...rows].filter(([iv]) => stacks(iv)).sort((a, b) => a[0].from - b[0].from);
  const keys = stableKeys(stacked, ([iv]) => intervalName(iv));
  return new Map(stacked.map(([, row], i) => [keys[i]!, row]));
}

/** Where a lane's stacked intervals were when a drag began, and what the pointer moves. */
interface KeptLane {
  /** Row by interval key (`stackedRows`). */
  readonly rows: ReadonlyMap<string, number>;
  /** The pushes the pointer moves: their intervals find a free row, as their spans do (`keepRows`). */
  readonly moving: ReadonlySet<string>;
}

/** An interval's end in its row: a deadline's row is busy until it would fire; nothing is 0 ms wide. */
const busyUntil = (iv: LaneInterval) => Math.max(iv.due ?? iv.to, iv.to, iv.from + 1);

/**
 * Places every interval of a lane in a row; stacked kinds are packed greedily below the fixed rows.
 *
 * While an input is dragged (`kept`: the rows when the drag began), an interval that is not the moving
 * pushes' keeps its row as long as it overlaps nothing there; the moving pushes' intervals (and any
 * that would overlap there) take their old row if free, else the lowest free row. Packing afresh
 * on every frame moved other pushes' bars from row to row as the dragged push's bars passed them.
 */
export function layoutLane(
  intervals: readonly LaneInterval[],
  kept?: KeptLane,
): { rows: Map<LaneInterval, number>; count: number } {
  const rows = new Map<LaneInterval, number>();
  let fixed = 0;
  for (const iv of intervals) {
    if (stacks(iv)) continue;
    rows.set(iv, fixedRow(iv.kind));
    fixed = Math.max(fixed, fixedRow(iv.kind) + 1);
  }
  const inTime = intervals.filter(stacks).sort((a, b) => a.from - b.from);
  if (!kept) {
    const busy: number[] = [];
    for (const iv of inTime) {
      let r = busy.findIndex((until) => until <= iv.from);
      if (r === -1) r = busy.length;
      busy[r] = busyUntil(iv);
      rows.set(iv, fixed + r);
    }
    return { rows, count: Math.max(1, fixed + busy.length) };
  }
  const keys = stableKeys(inTime, intervalName);
  // Each row's spans in time order; they never overlap, so they end in that order too, and whether a
  // span fits is one binary search (a scan per span made a day of deadlines quadratic per frame).
  const taken: { from: number[]; until: number[] }[] = [];
  const free = (row: number, from: number, until: number) => {
    const r = taken[row];
    if (!r) return true;
    // The first span that ends after `from` is the only one that can overlap.
    let lo = 0;
    let hi = r.until.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r.until[mid]! <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo === r.from.length || r.from[lo]! >= until;
  };
  const place = (i: number, row: number) => {
    const iv = inTime[i]!;
    rows.set(iv, row);
    const r = (taken[row] ??= { from: [], until: [] });
    let at = r.from.length;
    while (at > 0 && r.from[at - 1]! > iv.from) at--;
    r.from.splice(at, 0, iv.from);
    r.until.splice(at, 0, busyUntil(iv));
  };
  const keptRow = (i: number) => {
    const row = kept.rows.get(keys[i]!);
    // A fixed row that appeared during the drag (powerd's, say) moves the stacked rows below it.
    return row !== undefined && row >= fixed ? row : undefined;
  };
  const rest: number[] = [];
  inTime.forEach((iv, i) => {
    const row = keptRow(i);
    if (row !== undefined && !kept.moving.has(iv.push ?? iv.call ?? '') && free(row, iv.from, busyUntil(iv)))
      place(i, row);
    else rest.push(i);
  });
  for (const i of rest) {
    const iv = inTime[i]!;
    const until = busyUntil(iv);
    let row = keptRow(i) ?? fixed;
    if (!free(row, iv.from, until)) for (row = fixed; !free(row, iv.from, until);) row++;
    place(i, row);
  }
  return { rows, count: Math.max(1, fixed, taken.length) };
}

/**
 * Keys that stay with an item (a push's marker or span of state) when items before it come or go
 * while dragging: keys by position would hand every later item's props to its neighbour, and each of
 * those parts would render and be laid out and painted again.
 */
export function stableKeys<T>(items: Iterable<T>, name: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const item of items) {
    const base = name(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.push(`${base}#${n}`);
  }
  return keys;
}

/**
 * Level of detail: which of a lane's placed bars to draw. A bar under a pixel wide whose pixel its row
 * has already painted adds nothing to the picture (30 days of apsd retries are ~6,000 such bars, which
 * froze the page for seconds); every other bar is drawn.
 */
export function barsWorthDrawing<T>(
  placed: readonly (readonly [T, number])[],
  span: (bar: T) => readonly [number, number],
): boolean[] {
  const painted = new Map<number, readonly [number, number]>();
  return placed.map(([bar, row]) => {
    const [from, to] = span(bar);
    const x0 = Math.floor(from);
    const x1 = Math.floor(to);
    const last = painted.get(row);
    if (last && x1 - x0 < 1 && x0 >= last[0] && x1 <= last[1]) return false;
    painted.set(row, last && x0 >= last[0] && x0 <= last[1] ? [last[0], Math.max(last[1], x1)] : [x0, x1]);
    return true;
  });
}
