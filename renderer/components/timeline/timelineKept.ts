import type { LaneId } from '../../../machines';
import type { FoldReason } from './folds';
import type { LaneInput } from './inputLabels';
import { Kept, keepLists, sameLanes, sameMap, sameSet } from './keep';

/** What a timeline keeps between renders while it is equal, for its memoized parts (`keep.ts`). */
export class TimelineKept {
  readonly folded = new Kept<ReadonlyMap<LaneId, FoldReason>>(sameMap);
  readonly heights = new Kept<Readonly<Record<LaneId, number>>>(sameLanes);
  readonly keep = new Kept<ReadonlySet<string>>(sameSet);
  readonly pushInput = new Kept<ReadonlyMap<string, number>>(sameMap);
  readonly frozen = new Kept<ReadonlySet<LaneId>>(sameSet);
  /** The lanes' tops as last drawn (`lanesBelow`). */
  tops: Readonly<Record<LaneId, number>> | undefined;
  private lastDiamonds: ReadonlyMap<LaneId, readonly LaneInput[]> | undefined;

  /** Each lane's inputs, the last list while their diamonds stand where they did. */
  diamonds(byLane: ReadonlyMap<LaneId, readonly LaneInput[]>): ReadonlyMap<LaneId, readonly LaneInput[]> {
    return (this.lastDiamonds = keepLists(this.lastDiamonds, byLane, (a, b) => a.cx === b.cx));
  }
}
