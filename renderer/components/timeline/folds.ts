// Which lanes a timeline folds to a strip: those that hold nothing, and (comparing) those the same in
// both runs. No React; what differs comes from the core (`diffOutputs`), not from a rule read here.
import { LANES, type LaneId, type LaneInterval, type TimelineEventFile } from '../../../machines';

/** Height (px) of a folded lane: its name, and why it is folded. */
export const FOLDED = 24;

/** Whether an input is drawn on a lane of its own (a push, or a cancellation sent as one, is a span on the provider's). */
export const isLaneInput = (e: TimelineEventFile) => !(e.do === 'push' || (e.do === 'cancel' && e.via !== 'none'));

/** Why a lane is folded: it holds nothing in this run, or it is the same in both runs compared. */
export type FoldReason = 'empty' | 'same';

/** The folded lanes and why: a lane with no bar, marker, input (or, the provider's, push) is empty. */
export function foldLanes(what: {
  readonly intervals: readonly LaneInterval[];
  /** The markers drawn, by lane. */
  readonly markers: ReadonlyMap<LaneId, readonly unknown[]>;
  /** Lanes with an input of the scenario's on them. */
  readonly inputs: ReadonlySet<LaneId>;
  readonly pushes: number;
  readonly folded?: ReadonlySet<LaneId> | undefined;
}): Map<LaneId, FoldReason> {
  const holds = new Set<LaneId>(what.inputs);
  for (const iv of what.intervals) holds.add(iv.lane);
  for (const [lane, list] of what.markers) if (list.length > 0) holds.add(lane);
  if (what.pushes > 0) holds.add('provider');
  const out = new Map<LaneId, FoldReason>();
  for (const lane of LANES) {
    if (!holds.has(lane)) out.set(lane, 'empty');
    else if (what.folded?.has(lane)) out.set(lane, 'same');
  }
  return out;
}

/** What a folded lane's strip says. */
export const FOLD_NOTE: Record<FoldReason, string> = {
  empty: 'nothing happens here',
  same: 'the same in both',
};
