/**
 * A push that rang long after it was sent (`PushResult.late`, decided by the engine against
 * `params.lateAfter`), in the words every text view uses: the CLI's tables and why-chains, the report's
 * summary and per-push detail. The threshold is Ringside's estimate, not Apple's, and the words say so.
 */
import type { PushResult } from '../engine/result';
import { formatTime } from '../engine/time';

/** The short mark beside a late push's fate in a table. */
export const LATE_MARK = 'late';

/** How long after it was sent the push rang: its first CALL-1 step (the call was shown); undefined when it never rang. */
export function rangAfter(p: PushResult): number | undefined {
  const at = p.steps.find((s) => s.rule === 'CALL-1')?.at;
  return at === undefined ? undefined : at - p.sentAt;
}

/**
 * For a late push: "rang 4 min 2 s after it was sent; the caller had most likely given up (Ringside's
 * estimate: later than 20 s is late)". Undefined for a push that is not late. Without `lateAfter` the
 * estimate is still labelled, without its number.
 */
export function lateSentence(p: PushResult, lateAfter?: number): string | undefined {
  if (!p.late) return undefined;
  const after = rangAfter(p) ?? p.delay;
  const when = after === undefined ? 'rang late' : `rang ${formatTime(after)} after it was sent`;
  const estimate = lateAfter === undefined ? '' : `: later than ${formatTime(lateAfter)} is late`;
  return `${when}; the caller had most likely given up (Ringside's estimate${estimate})`;
}
