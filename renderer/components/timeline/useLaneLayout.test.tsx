// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Time, type LaneId, type LaneInterval, type LaneMarker, type PushResult } from '../../../machines';
import { inDragOrder, useLaneLayout } from './useLaneLayout';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A lane's waiting pushes, `count` of them overlapping at `shift` ms (one row each). */
const waiting = (count: number, shift: number): LaneInterval[] =>
  Array.from({ length: count }, (_, i) => ({
    lane: 'apns' as const,
    kind: 'push.waiting',
    from: Time.ms(shift + i),
    to: Time.ms(shift + 1_000),
    open: false,
    label: 'waiting',
    push: `p${i}`,
  }));
const marks = (at: number): LaneMarker[] => [
  { lane: 'apns', kind: 'push.superseded', at: Time.ms(at), label: 'superseded' },
];

type Layout = ReturnType<typeof useLaneLayout>;
let root: ReturnType<typeof createRoot> | undefined;
afterEach(() => act(() => root?.unmount()));

describe('useLaneLayout', () => {
  it('a frozen lane (below the rendered band, mid-drag) keeps the layout and markers it was drawn with', () => {
    const first = { intervals: waiting(2, 0), markers: marks(5) };
    const next = { intervals: waiting(3, 100), markers: marks(50) };
    let frozen = new Set<LaneId>();
    const held: Layout[] = [];
    function Probe(p: { trace: typeof first }) {
      held.push(
        useLaneLayout([], { end: Time.ms(10_000), ...p.trace }, 10, 7, { layout: undefined, order: undefined }, frozen),
      );
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() => root!.render(<Probe trace={first} />));
    frozen = new Set<LaneId>(['apns']);
    act(() => root!.render(<Probe trace={next} />));
    expect(held[0]!.layouts.get('apns')!.count).toBe(2);
    expect(held[1]!.layouts.get('apns')).toBe(held[0]!.layouts.get('apns'));
    expect(held[1]!.placedByLane.get('apns')).toBe(held[0]!.placedByLane.get('apns'));
    expect(held[1]!.markersByLane.get('apns')).toBe(held[0]!.markersByLane.get('apns'));
    // Thawed (the drop, or scrolled near): laid out afresh.
    frozen = new Set<LaneId>();
    act(() => root!.render(<Probe trace={next} />));
    expect(held[2]!.layouts.get('apns')!.count).toBe(3);
    expect(held[2]!.markersByLane.get('apns')![0]!.at).toBe(50);
  });
});

describe('inDragOrder', () => {
  const push = (id: string) => ({ id }) as PushResult;
  it("puts the pushes in the drag's order, those new since it began after, in their own order", () => {
    // The drag began with p0..p3; the result that lands has p2 moved first, p1 gone and p9, p8 new.
    const order = new Map(['p0', 'p1', 'p2', 'p3'].map((id, i) => [id, i]));
    const shown = inDragOrder(['p2', 'p9', 'p0', 'p3', 'p8'].map(push), order);
    expect(shown.map((p) => p.id)).toEqual(['p0', 'p2', 'p3', 'p9', 'p8']);
  });
});
