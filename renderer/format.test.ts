import { describe, expect, it } from 'vitest';
import { snap, tickStep, ticks } from './format';

describe('time axis', () => {
  it('adapts its units from milliseconds to days', () => {
    expect(tickStep(1_000, 1_000)).toBe(100);
    expect(tickStep(60_000, 1_000)).toBe(10_000);
    expect(tickStep(3_600_000, 1_000)).toBe(600_000);
    expect(tickStep(86_400_000 * 2, 1_000)).toBe(21_600_000);
    expect(tickStep(86_400_000 * 60, 1_000)).toBe(604_800_000);
  });
  it('puts ticks on round times inside the view', () => {
    expect(ticks(-30_000, 60_000, 900)).toEqual([
      -30_000, -20_000, -10_000, 0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000,
    ]);
  });
});

describe('snapping', () => {
  it('snaps to 100 ms, or not with Alt', () => {
    expect(snap(12_345, false)).toBe(12_300);
    expect(snap(12_351, false)).toBe(12_400);
    expect(snap(12_345.4, true)).toBe(12_345);
  });
});
