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
});
