// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { boxBelow, dragBox, draggedInputs, isDrag, movedTimes, DRAG_BOX_GAP } from './drag';
import { DRAG_LABEL_ABOVE, DRAG_LABEL_BELOW, DRAG_LABEL_W } from './geometry';

describe('dragging inputs: which move, and to what times', () => {
  it('a press on a selected input drags the whole selection; on another, that input alone or (Shift) added', () => {
    expect(draggedInputs([1, 3], 3, false)).toEqual([1, 3]);
    expect(draggedInputs([1, 3], 4, false)).toEqual([4]);
    expect(draggedInputs([1, 3], 4, true)).toEqual([1, 3, 4]);
  });

  it('a press becomes a drag only once the pointer has moved 2 px (a click does not nudge the input)', () => {
    // 10 ms per px: 19 ms is under 2 px, 20 ms is 2 px, either way.
    expect(isDrag(19, 10)).toBe(false);
    expect(isDrag(20, 10)).toBe(true);
    expect(isDrag(-20, 10)).toBe(true);
  });

  it('every dragged input moves by the same time from where it began, snapped', () => {
    const times = movedTimes(
      new Map([
        [0, 1_000],
        [2, 5_000],
      ]),
      1_234,
      (t) => Math.round(t / 100) * 100,
    );
    expect([...times]).toEqual([
      [0, 2_200],
      [2, 6_200],
    ]);
  });
});

describe("the dragged time's box", () => {
  const drag = { label: '1 s', relation: undefined, x: 300, y: 100, below: false };

  it('stands right of the pointer and above it, at least its least width', () => {
    const box = dragBox(drag, 1_000);
    expect(box.x).toBe(300 + DRAG_BOX_GAP);
    expect(box.y).toBe(100 - DRAG_LABEL_ABOVE);
    expect(box.w).toBe(DRAG_LABEL_W);
    expect(box.relation).toBe('');
  });

  it('flips left of the pointer at the right edge, and grows with a relation', () => {
    const box = dragBox({ ...drag, x: 990, relation: '300 ms after app background' }, 1_000);
    expect(box.w).toBeGreaterThan(DRAG_LABEL_W);
    expect(box.x + box.w).toBe(990 - DRAG_BOX_GAP);
    expect(box.relation).toBe(' · 300 ms after app background');
  });

  it('goes below the pointer when above it would cover the axis strip', () => {
    expect(boxBelow(40, 30)).toBe(true);
    expect(boxBelow(80, 30)).toBe(false);
    expect(dragBox({ ...drag, below: true }, 1_000).y).toBe(100 + DRAG_LABEL_BELOW);
  });
});
