// Rows of the push spans on the provider lane, packed afresh or kept while inputs are dragged. No React.
import type { PushResult } from '../../../machines';

/**
 * Rows for push spans: a row is busy until the end of the span plus its label (in time at this zoom).
 * Each push takes the lowest row free before it starts; the rows' busy-until times sit in a tree of
 * minimums, so finding that row takes log(rows) steps, not a scan of every row (a fitted day of
 * pushes has thousands of rows, and the rows are laid out again on every drag frame).
 */
export function assignRows(
  pushes: readonly PushResult[],
  end: number,
  msPerPx: number,
  charW: number,
): Map<string, number> {
  const sorted = [...pushes].sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
  let size = 1;
  while (size < sorted.length) size *= 2;
  // Leaves are rows (-Infinity: not used yet, so free); an inner node holds its subtree's minimum.
  // There are fewer rows in use than pushes, so some leaf is always free.
  const busy = new Float64Array(2 * size).fill(-Infinity);
  const out = new Map<string, number>();
  for (const p of sorted) {
    const { freeBefore, stop } = extentOf(p, end, msPerPx, charW);
    let node = 1;
    while (node < size) node = busy[2 * node]! < freeBefore ? 2 * node : 2 * node + 1;
    out.set(p.id, node - size);
    busy[node] = stop;
    for (node >>= 1; node >= 1; node >>= 1) busy[node] = Math.min(busy[2 * node]!, busy[2 * node + 1]!);
  }
  return out;
}

/**
 * The time a push's span and label take in its row, at this zoom, with the gap it wants before it
 * (`charW`: a label character's width, px).
 */
function extentOf(p: PushResult, end: number, msPerPx: number, charW: number): { freeBefore: number; stop: number } {
  const label = (p.id.length + p.fate.length + 6) * charW + 16;
  const spanEnd = Math.max(p.deliveredAt ?? end, p.sentAt);
  // A label that would run past the end goes over the span's end instead (see PushSpan).
  const inside = spanEnd + label * msPerPx > end + 12 * msPerPx;
  const from = inside ? Math.min(p.sentAt, spanEnd - label * msPerPx) : p.sentAt;
  return { freeBefore: from - 8 * msPerPx, stop: inside ? spanEnd : spanEnd + label * msPerPx };
}

/**
 * Rows while inputs are dragged (`kept`: the rows when the drag began). Every push that is not
 * `moving` keeps its row whatever its span does meanwhile: a span that grows may run under its
 * neighbour's label until the drop packs the rows afresh. So nothing but what the pointer moves
 * changes rows: a neighbour bumped to a new row moved every lane below, and Chromium laid out and
 * painted the whole timeline again (~30 ms). A moving push stays by the pointer: its own row if it
 * overlaps nothing there, else the row just above or below it if free there, else its own row, over
 * its neighbours until the drop. Taking the lowest free row anywhere sent the dragged push thousands
 * of px away, out of view, at 2,000 pushes, and when no row was free it added one, which moved every
 * lane below (~950 markers and ~400 inputs: a long task). Only a push new since the drag began (not
 * in `kept`) takes the lowest free row, and may add one.
 */
export function keepRows(
  pushes: readonly PushResult[],
  end: number,
  msPerPx: number,
  kept: ReadonlyMap<string, number>,
  moving: ReadonlySet<string>,
  charW: number,
): Map<string, number> {
  const taken: { freeBefore: number; stop: number }[][] = [];
  const out = new Map<string, number>();
  const rest: PushResult[] = [];
  const still: PushResult[] = [];
  for (const p of pushes) {
    const row = kept.get(p.id);
    if (row === undefined || moving.has(p.id)) rest.push(p);
    else {
      out.set(p.id, row);
      still.push(p);
    }
  }
  let rows = 0;
  for (const row of kept.values()) rows = Math.max(rows, row + 1);
  // Only the rows a moving push may take (its own, and the one above and below) are looked at, unless a
  // push new since the drag began looks for the lowest free row: the extents of 2,000 pushes were
  // measured on every frame of a drag that looks at three rows.
  const near = rest.some((p) => kept.get(p.id) === undefined)
    ? undefined
    : new Set(rest.flatMap((p) => [kept.get(p.id)! - 1, kept.get(p.id)!, kept.get(p.id)! + 1]));
  for (const p of still) {
    const row = out.get(p.id)!;
    if (!near || near.has(row)) (taken[row] ??= []).push(extentOf(p, end, msPerPx, charW));
  }
  for (const p of rest) {
    const e = extentOf(p, end, msPerPx, charW);
    const free = (row: number) => !taken[row]?.some((o) => o.freeBefore < e.stop && e.freeBefore < o.stop);
    const own = kept.get(p.id);
    let row = own ?? 0;
    if (own === undefined) while (!free(row)) row++;
    else if (!free(own)) row = [own - 1, own + 1].find((r) => r >= 0 && r < rows && free(r)) ?? own;
    out.set(p.id, row);
    (taken[row] ??= []).push(e);
  }
  return out;
}
