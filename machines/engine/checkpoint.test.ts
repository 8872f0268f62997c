/**
 * Dense checkpoints (taken before every event a drag frame re-runs) are kept only near the drag: each
 * holds every pending timer, and a drag over a long scenario would otherwise leave them everywhere.
 */
import { describe, expect, it } from 'vitest';
import { DENSE_FIRINGS, keptBefore, type Checkpoint } from './checkpoint';

/** A checkpoint with only what `keptBefore` reads. */
const at = (fired: number, dense: boolean) => ({ fired, dense }) as Checkpoint;

describe('keptBefore', () => {
  it('keeps every usual checkpoint and the dense ones within DENSE_FIRINGS before, in order', () => {
    const usual = [at(0, false), at(30, false), at(1000, false)];
    const far = [at(40, true), at(45, true)];
    const near = [at(1010 - DENSE_FIRINGS, true), at(1005, true)];
    const checkpoints = [usual[0]!, usual[1]!, ...far, usual[2]!, ...near];
    keptBefore(checkpoints, 1010);
    expect(checkpoints).toEqual([usual[0], usual[1], usual[2], ...near]);
  });
});
