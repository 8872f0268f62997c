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
});
