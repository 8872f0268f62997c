import type { Fate, Scenario } from '../scenario/types';
import { Simulator } from '../engine/simulate';
import { Time } from '../engine/time';

/** Sending the push at any time from `from` up to (not including) `to` gives it `fate`. */
export interface FateSpan {
  readonly from: number;
  readonly to: number;
  readonly fate: Fate;
}

/**
 * The time between samples that `fatesBySendTime` takes when asked for none: ~150 samples over the
 * range, a whole number of 100 ms steps (the snap of a drag), at least one.
 */
export function sweepStep(from: number, to: number): number {
  return Math.max(100, Math.ceil((to - from) / 150 / 100) * 100);
}

/**
 * What fate push `id` would have if it alone were sent at another time between `from` and `to`,
 * everything else as written ("what if it lands 300 ms after the user backgrounds us?"): the times in
 * runs of one fate, in order. Sampled every `step` ms; where two samples differ, the change is found
 * to the millisecond by bisection (a change back and forth between two samples is not seen: keep
 * `step` below the shortest window that matters). Sending after the scenario's end is not tried.
 * Returns [] when there is no such push.
 */
export function fatesBySendTime(scenario: Scenario, id: string, from: number, to: number, step: number): FateSpan[] {
  const sweep = sweepSendTimes(scenario, id, from, to, step);
  for (;;) {
    const next = sweep.next();
    if (next.done) return next.value;
  }
}

/**
 * `fatesBySendTime` one run at a time, for a caller that must not block (the UI runs it in slices
 * between frames): it yields after each run how far through the range it is (0 to 1).
 */
export function* sweepSendTimes(
  scenario: Scenario,
  id: string,
  from: number,
  to: number,
  step: number,
): Generator<number, FateSpan[]> {
  const index = scenario.timeline.findIndex((e) => e.do === 'push' && e.id === id);
  const end = Math.min(to, scenario.duration);
  if (index === -1 || !(step > 0) || end <= from) return [];
  const start = Math.ceil(from);
  // One simulator: each run goes on from its checkpoint before the push's earlier place.
  const sim = new Simulator();
  const tried = new Map<number, Fate>();
  function* fateAt(t: number): Generator<number, Fate> {
    let fate = tried.get(t);
    if (fate === undefined) {
      const timeline = scenario.timeline.slice();
      timeline[index] = { ...timeline[index]!, at: Time.ms(t) };
      fate = sim.run({ ...scenario, timeline }).result.pushes.find((p) => p.id === id)!.fate;
      tried.set(t, fate);
      yield (t - start) / (end - start);
    }
    return fate;
  }
  let t = start;
  let fate = yield* fateAt(t);
  const spans: { from: number; to: number; fate: Fate }[] = [{ from: t, to: end, fate }];
  while (t < end) {
    const next = Math.min(t + step, end);
    if ((yield* fateAt(next)) === fate) {
      t = next;
      continue;
    }
    // The first millisecond after t with another fate; the search goes on from there.
    let lo = t;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((yield* fateAt(mid)) === fate) lo = mid;
      else hi = mid;
    }
    spans[spans.length - 1]!.to = hi;
    fate = yield* fateAt(hi);
    spans.push({ from: hi, to: end, fate });
    t = hi;
  }
  return spans;
}
