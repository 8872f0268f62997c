/**
 * Present mode with a comparison: the scenario and its variant on one time axis, stepped through the
 * moments where they differ. What differs, and when, is the core's (`diffOutputs`); each side's
 * moment is its own run's step (`presentSteps`). Nothing here decides a fate.
 */
import type { OutputDiff, PushResult, PaintedOutput, Scenario } from '../../../machines';
import { presentSteps, settledAt, type PresentStep, type Span } from './present';

/** One side of a comparison: a run and the scenario it ran. */
export interface Side {
  readonly output: PaintedOutput;
  readonly scenario: Pick<Scenario, 'timeline'>;
}

/** A moment at which the two runs differ: what each side did then (if anything), and fates shown from it. */
export interface ComparedStep {
  readonly at: number;
  readonly a: PresentStep | undefined;
  readonly b: PresentStep | undefined;
  /** Pushes whose fates, on both sides together, are shown from this moment on. */
  readonly decided: readonly string[];
}

/**
 * The moments where the runs differ, each with both sides' steps. A push's two fates are shown
 * together: at the first such moment once both sides have settled it (or at the summary, when one side
 * never does, or settles it after the last difference).
 */
export function comparedSteps(a: Side, b: Side, diff: OutputDiff): ComparedStep[] {
  const stepsA = new Map(presentSteps(a.output, a.scenario).map((s) => [s.at, s]));
  const stepsB = new Map(presentSteps(b.output, b.scenario).map((s) => [s.at, s]));
  const moments = diff.moments;
  const decided = moments.map((): string[] => []);
  const pushesA = new Map(a.output.result.pushes.map((p) => [p.id, p]));
  const pushesB = new Map(b.output.result.pushes.map((p) => [p.id, p]));
  // A side that never sends the push has nothing to wait for; one that never settles it waits for the summary.
  const wait = (p: PushResult | undefined) =>
    p === undefined ? -Infinity : p.fate === 'undelivered' ? Infinity : settledAt(p);
  for (const id of new Set([...pushesA.keys(), ...pushesB.keys()])) {
    const both = Math.max(wait(pushesA.get(id)), wait(pushesB.get(id)));
    const at = moments.findIndex((m) => m >= both);
    if (at !== -1) decided[at]!.push(id);
  }
  return moments.map((at, i) => ({ at, a: stepsA.get(at), b: stepsB.get(at), decided: decided[i]! }));
}

/** The span both runs cover, for `frameTime` and `presentView`. */
export function spanOf(a: PaintedOutput, b: PaintedOutput): Span {
  return { trace: { start: Math.min(a.trace.start, b.trace.start), end: Math.max(a.trace.end, b.trace.end) } };
}
