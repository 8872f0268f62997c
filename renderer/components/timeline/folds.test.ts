import { describe, expect, it } from 'vitest';
import type { LaneInterval } from '../../../machines';
import { foldLanes } from './folds';

const bar = (lane: LaneInterval['lane']) =>
  ({ lane, kind: 'x', from: 0, to: 1, open: false, label: 'x' }) as LaneInterval;

describe('foldLanes', () => {
  it('folds the lanes that hold nothing, and comparing, those the same in both', () => {
    const folds = foldLanes({
      intervals: [bar('apns'), bar('app')],
      markers: new Map([['callservicesd', [{}]]]),
      inputs: new Set(['network'] as const),
      pushes: 1,
      folded: new Set(['apns'] as const),
    });
    expect(Object.fromEntries(folds)).toEqual({ apns: 'same', callkit: 'empty' });
  });

  it('folds an empty provider lane, and a lane whose markers list is empty', () => {
    const folds = foldLanes({ intervals: [], markers: new Map([['app', []]]), inputs: new Set(), pushes: 0 });
    expect([...folds.keys()]).toEqual(['provider', 'apns', 'network', 'callservicesd', 'app', 'callkit']);
  });
});
