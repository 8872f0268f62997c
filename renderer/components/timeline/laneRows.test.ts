import { describe, expect, it } from 'vitest';
import type { LaneInterval } from '../../../machines';
import { Time } from '../../../machines';
import { barsWorthDrawing, layoutLane, stableKeys, stackedRows } from './laneRows';

const iv = (kind: string, from: number, to: number, more: Partial<LaneInterval> = {}): LaneInterval => ({
  lane: 'app',
  kind,
  from: Time.ms(from),
  to: Time.ms(to),
  open: false,
  label: kind,
  ...more,
});

describe('lane rows', () => {
  it('gives each fixed kind its row and stacks the pushes’ intervals below them', () => {
    const app = iv('app.foreground', 0, 10_000);
    const apsd = iv('apsd.connected', 0, 10_000);
    const a = iv('push.waiting', 1_000, 3_000, { push: 'a' });
    const b = iv('push.waiting', 2_000, 4_000, { push: 'b' });
    const c = iv('push.waiting', 3_000, 5_000, { push: 'c' });
    const { rows, count } = layoutLane([app, apsd, a, b, c]);
    expect([app, apsd, a, b, c].map((i) => rows.get(i))).toEqual([0, 1, 2, 3, 2]);
    expect(count).toBe(4);
  });

  it('keeps a deadline’s row busy until it would fire, though it ended earlier', () => {
    const deadline = iv('deadline', 0, 100, { push: 'a', due: 7_000 });
    const later = iv('push.waiting', 5_000, 6_000, { push: 'b' });
    const { rows } = layoutLane([deadline, later]);
    expect([rows.get(deadline), rows.get(later)]).toEqual([0, 1]);
  });

  it('while dragging, leaves the other pushes’ intervals in their rows and moves the dragged one', () => {
    const a = iv('push.waiting', 1_000, 3_000, { push: 'a' });
    const b = iv('push.waiting', 5_000, 6_000, { push: 'b' });
    const before = layoutLane([a, b]);
    expect([before.rows.get(a), before.rows.get(b)]).toEqual([0, 0]);
    // b is dragged onto a: a stays, b finds the next free row.
    const dragged = iv('push.waiting', 2_000, 3_500, { push: 'b' });
    const { rows } = layoutLane([a, dragged], { rows: stackedRows(before.rows), moving: new Set(['b']) });
    expect([rows.get(a), rows.get(dragged)]).toEqual([0, 1]);
  });

  it('numbers repeated names so that each key stays with its item', () => {
    expect(stableKeys(['a', 'b', 'a'], (s) => s)).toEqual(['a#0', 'b#0', 'a#1']);
  });
});

describe('barsWorthDrawing: level of detail', () => {
  it('skips a sub-pixel bar whose pixel its row already painted, and keeps every other bar', () => {
    const bars: [[number, number], number][] = [
      [[10, 10.2], 0],
      [[10.3, 10.5], 0], // the same pixel, the same row: nothing to add
      [[10.3, 10.5], 1], // another row
      [[11.2, 11.4], 0], // a pixel not painted yet
      [[10.4, 40], 0], // wide: always drawn
      [[5, 5.5], 0], // behind the last painted run: drawn
    ];
    expect(barsWorthDrawing(bars, (b) => b)).toEqual([true, false, true, true, true, true]);
  });
});
