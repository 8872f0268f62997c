import { describe, expect, it } from 'vitest';
import { HeldWhile } from './heldWhile';

describe('HeldWhile', () => {
  it('gives the value a hold began with until the hold ends, then the value itself', () => {
    const view = new HeldWhile<{ start: number; end: number }>();
    const fitted = { start: -500, end: 60_000 };
    expect(view.take(fitted, false)).toBe(fitted);
    // A drag begins, then moves a push before the start: the fitted view would change.
    expect(view.take(fitted, true)).toBe(fitted);
    expect(view.take({ start: -400_000, end: 60_000 }, true)).toBe(fitted);
    // The drop: the view fits the result again.
    const after = { start: -400_000, end: 60_000 };
    expect(view.take(after, false)).toBe(after);
    // The next hold starts from its own first value.
    expect(view.take(after, true)).toBe(after);
  });
});
