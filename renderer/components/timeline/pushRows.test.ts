import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushResult } from '../../../machines';
import { assignRows, keepRows } from './pushRows';

const push = (id: string, sentAt: number, deliveredAt?: number): PushResult => ({
  id,
  kind: 'voip',
  sentAt,
  deliveredAt,
  fate: 'rang',
  rules: [],
  why: '',
  steps: [],
});

// At 1 µs a px, a label takes well under 1 ms: the spans alone decide which rows are free.
const END = 100_000;
const MS_PER_PX = 0.001;
const CHAR_W = 7.5;

describe('push rows', () => {
  it('puts each push in the lowest row that is free when it is sent', () => {
    const rows = assignRows(
      [push('a', 0, 1_000), push('b', 5_000, 6_000), push('c', 500, 2_000)],
      END,
      MS_PER_PX,
      CHAR_W,
    );
    expect(Object.fromEntries(rows)).toEqual({ a: 0, c: 1, b: 0 });
  });

  it('keeps a push that never arrived busy in its row to the end', () => {
    const rows = assignRows([push('a', 0), push('b', 50_000, 51_000)], END, MS_PER_PX, CHAR_W);
    expect(Object.fromEntries(rows)).toEqual({ a: 0, b: 1 });
  });

  it('while dragging, keeps the rows of the pushes not moved, even where they now overlap', () => {
    const kept = new Map([
      ['a', 0],
      ['b', 0],
    ]);
    const rows = keepRows([push('a', 0, 1_000), push('b', 500, 2_000)], END, MS_PER_PX, kept, new Set(), CHAR_W);
    expect(Object.fromEntries(rows)).toEqual({ a: 0, b: 0 });
  });

  it('while dragging, gives a moved push its own row when free there, else the lowest free row', () => {
    const kept = new Map([
      ['a', 0],
      ['c', 1],
      ['d', 1],
    ]);
    const moving = new Set(['c', 'd']);
    const pushes = [push('a', 0, 1_000), push('c', 5_000, 6_000), push('d', 5_500, 7_000)];
    const rows = keepRows(pushes, END, MS_PER_PX, kept, moving, CHAR_W);
    // c stays in row 1 though row 0 is free then; d overlaps c there and takes row 0.
    expect(Object.fromEntries(rows)).toEqual({ a: 0, c: 1, d: 0 });
  });

  it('while dragging, a moved push stays by the pointer: its row, or the next one if free, never a row away or a new one', () => {
    const rows = ['a', 'b', 'z', 'x', 'y', 'w'];
    const kept = new Map([...rows.map((id, row) => [id, row] as const), ['c', 2] as const, ['d', 5] as const]);
    const pushes = [
      push('a', 0, 10_000),
      push('b', 0, 3_000),
      push('z', 0, 3_000),
      push('x', 0, 3_000),
      push('y', 0, 500),
      push('w', 0, 3_000),
      // Moved to where their own rows are busy (z, w): only y's row 4 is free then.
      push('c', 1_000, 2_000),
      push('d', 1_000, 2_000),
      push('new', 1_200, 1_500),
    ];
    const placed = keepRows(pushes, END, MS_PER_PX, kept, new Set(['c', 'd']), CHAR_W);
    // c stays in its row, over z (row 4 is two rows away); d takes row 4, just above its own; the
    // push the drag began without takes the lowest free row, a new one.
    expect(Object.fromEntries(placed)).toEqual({ a: 0, b: 1, z: 2, x: 3, y: 4, w: 5, c: 2, d: 4, new: 6 });
  });

  it('places every push as looking at every row would, whatever the drag moves (it looks only near the moving ones)', () => {
    const spans = fc.array(fc.tuple(fc.nat(50), fc.nat(30), fc.nat(8), fc.boolean()), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(spans, fc.nat(10), (list, newcomers) => {
        const pushes = list.map(([at, len], i) => push(`p${i}`, at * 100, at * 100 + len * 100));
        const kept = assignRows(pushes, END, MS_PER_PX, CHAR_W);
        // Some pushes moved (by `shift` steps), and maybe pushes the drag began without.
        const moving = new Set(list.flatMap(([, , , moved], i) => (moved ? [`p${i}`] : [])));
        const now = pushes.map((p, i) =>
          moving.has(p.id) ? push(p.id, p.sentAt + list[i]![2] * 100, p.deliveredAt! + list[i]![2] * 100) : p,
        );
        for (let k = 0; k < newcomers % 3; k++) now.push(push(`new${k}`, k * 300, k * 300 + 500));
        expect(keepRows(now, END, MS_PER_PX, kept, moving, CHAR_W)).toEqual(everyRow(now, kept, moving));
      }),
    );
  });
});

/** keepRows as it was, with every push's extent in its row: what the rows must be. */
function everyRow(pushes: readonly PushResult[], kept: ReadonlyMap<string, number>, moving: ReadonlySet<string>) {
  const extent = (p: PushResult) => {
    const label = (p.id.length + p.fate.length + 6) * CHAR_W + 16;
    const spanEnd = Math.max(p.deliveredAt ?? END, p.sentAt);
    const inside = spanEnd + label * MS_PER_PX > END + 12 * MS_PER_PX;
    const from = inside ? Math.min(p.sentAt, spanEnd - label * MS_PER_PX) : p.sentAt;
    return { freeBefore: from - 8 * MS_PER_PX, stop: inside ? spanEnd : spanEnd + label * MS_PER_PX };
  };
  const taken: { freeBefore: number; stop: number }[][] = [];
  const out = new Map<string, number>();
  const rest: PushResult[] = [];
  for (const p of pushes) {
    const row = kept.get(p.id);
    if (row === undefined || moving.has(p.id)) rest.push(p);
    else {
      out.set(p.id, row);
      (taken[row] ??= []).push(extent(p));
    }
  }
  let rows = 0;
  for (const row of kept.values()) rows = Math.max(rows, row + 1);
  for (const p of rest) {
    const e = extent(p);
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
