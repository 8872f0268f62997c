/**
 * The redo log shared between runs by reference: what was handed out never changes, a cut and an
 * append give the entries a copy would, and many pieces are copied into one again.
 */
import { describe, expect, it } from 'vitest';
import { CallLogWriter, entries, type CallLog } from './callLog';

function written(...xs: number[]): CallLogWriter {
  const w = new CallLogWriter();
  w.own.push(...xs);
  return w;
}

describe('CallLogWriter', () => {
  it('hands out views that later appends and cuts leave as they were', () => {
    const w = written(1, 2, 3);
    const first = w.view();
    w.own.push(4);
    w.cut(2);
    w.own.push(9);
    expect(entries(first)).toEqual([1, 2, 3]);
    expect(first.length).toBe(3);
    expect(entries(w.view())).toEqual([1, 2, 9]);
    expect(w.length).toBe(3);
  });

  it('cuts inside a piece and appends another log from a position, as copies would', () => {
    const other = written(10, 11, 12, 13);
    other.cut(3);
    other.own.push(20, 21);
    const log: CallLog = other.view();
    expect(entries(log)).toEqual([10, 11, 12, 20, 21]);
    const w = written(1, 2, 3, 4);
    w.cut(2);
    w.own.push(5);
    w.append(log, 2);
    expect(entries(w.view())).toEqual([1, 2, 5, 12, 20, 21]);
    expect(w.length).toBe(6);
    // Positions past the pieces' boundaries still read right after another cut.
    w.cut(4);
    expect(entries(w.view())).toEqual([1, 2, 5, 12]);
    expect(entries(log)).toEqual([10, 11, 12, 20, 21]);
  });

  it('copies many pieces into one array again, keeping every entry', () => {
    const w = new CallLogWriter();
    const expected: number[] = [];
    for (let i = 0; i < 200; i++) {
      const piece = written(i);
      w.append(piece.view(), 0);
      expected.push(i);
    }
    const view = w.view();
    expect(view.pieces.length).toBeLessThanOrEqual(65);
    expect(entries(view)).toEqual(expected);
    expect(w.length).toBe(200);
  });
});
