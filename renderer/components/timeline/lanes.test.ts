import { describe, expect, it } from 'vitest';
import { LANES, type LaneId } from '../../../machines';
import { AXIS, BAR_GAP, BOTTOM, PUSH_GAP } from './geometry';
import { BAR_PAD, keepTallest, laneAt, laneHeights, laneTops, MARK_STRIP, NO_STRIP, PROVIDER_PAD } from './lanes';

const each = (n: number) => Object.fromEntries(LANES.map((l) => [l, n])) as Record<LaneId, number>;
const sizing = {
  folded: new Set<LaneId>(['network']),
  foldedHeight: 24,
  pushRows: 3,
  pushRow: 16,
  barRows: (lane: LaneId) => (lane === 'app' ? 2 : 1),
  barRow: 16,
  marked: (lane: LaneId) => lane === 'callservicesd',
};

describe('lane heights and tops', () => {
  it('the Provider grows with its push rows, a lane with its bar rows and its marker strip; a folded lane is a strip', () => {
    const h = laneHeights(sizing);
    expect(h.provider).toBe(PROVIDER_PAD + 3 * (16 + PUSH_GAP));
    expect(h.network).toBe(24);
    expect(h.app).toBe(BAR_PAD + 2 * (16 + BAR_GAP) + NO_STRIP);
    expect(h.callservicesd).toBe(BAR_PAD + (16 + BAR_GAP) + MARK_STRIP);
  });

  it('while dragging, a lane is never shorter than it has been', () => {
    const h = laneHeights({ ...sizing, kept: each(100) });
    for (const lane of LANES) expect(h[lane]).toBe(100);
  });

  it('lanes stack below the axis; a y finds its lane', () => {
    const h = laneHeights(sizing);
    const { tops, total } = laneTops(h);
    expect(tops.provider).toBe(AXIS);
    expect(tops.apns).toBe(AXIS + h.provider);
    expect(total).toBe(AXIS + LANES.reduce((sum, l) => sum + h[l], 0) + BOTTOM);
    expect(laneAt(tops, h, tops.apns)).toBe('apns');
    expect(laneAt(tops, h, tops.apns - 1)).toBe('provider');
    expect(laneAt(tops, h, AXIS - 1)).toBeUndefined();
  });

  it('keepTallest keeps the same object when no lane grew, else the most of both', () => {
    const kept = each(50);
    expect(keepTallest(kept, each(40))).toBe(kept);
    const grown = keepTallest(kept, { ...each(40), app: 70 });
    expect(grown.app).toBe(70);
    expect(grown.provider).toBe(50);
  });
});
