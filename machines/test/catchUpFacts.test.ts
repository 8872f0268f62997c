/**
 * Drags after which every actor's state and every pending timer are the previous run's again, while
 * the journal's facts about a push an actor will still read differ: `caughtUp` must not take over
 * there (the facts comparison), or the rest of the run would be the previous run's story.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario, TimelineEvent } from '../scenario/types';
import { simulate, Simulator } from '../engine/simulate';
import type { SimulationOutput } from '../engine/result';
import { cancel, given, network, push } from './harness';

/** The result and the trace's lanes: what a take-over at the wrong place would get wrong. */
function everything(o: SimulationOutput): string {
  const { trace } = o;
  return JSON.stringify({ result: o.result, intervals: trace.intervals, markers: trace.markers });
}

/** `scenario` with its timeline event `index` moved to `at`. */
function moved(scenario: Scenario, index: number, at: number): Scenario {
  const timeline = [...scenario.timeline];
  timeline[index] = { ...timeline[index]!, at } as TimelineEvent;
  return { ...scenario, timeline };
}

/** Runs `scenario`, then `dragged` on the same Simulator (a drag frame): its output, and a fresh run's. */
function drag(scenario: Scenario, dragged: Scenario) {
  const sim = new Simulator({ checkpointEvery: 1 });
  sim.run(scenario);
  const output = sim.run(dragged);
  return { sim, output, fresh: simulate(dragged) };
}

describe('caughtUp compares the facts actors read back, not only states and timers', () => {
  it('a cancellation dragged while the push waits at APNs: CallKit tells how long before delivery it was', () => {
    // The phone is offline; APNs holds call-1. The caller's cancellation (sent as no push) changes no
    // actor's state, only the journal's `cancelledAt`: dragged from 10 s to 12 s, both runs stand alike
    // before the network comes back. call-1 is still at APNs, and CallKit reads the cancellation when
    // the stale call rings (CALL-1): 20 s before delivery in the first run, 18 s in the dragged one.
    const scenario = given({ duration: '2m', device: { network: 'offline' } })
      .at('5s', push('call-1', { expiration: '10m' }))
      .at('10s', cancel('call-1', 'none'))
      .at('30s', network('wifi'))
      .scenario();
    const i = scenario.timeline.findIndex((e) => e.do === 'cancel');
    const { sim, output, fresh } = drag(scenario, moved(scenario, i, 12_000));
    expect(fresh.result.pushes.find((p) => p.id === 'call-1')!.fate).toBe('stale');
    expect(sim.resumedAt).toBeLessThanOrEqual(10_000);
    expect(everything(output)).toBe(everything(fresh));
  });

  it('a reconnection dragged while the app is busy: the push reached the phone at another time', () => {
    // The app's main thread is blocked 20 s by w's handler (iOS 12: no report is enforced, so no
    // deadline is pending for x; in the foreground, no grace timer counts from x's arrival). The
    // network comes back at 5 s, dragged to 6 s: x, held by APNs, reaches the phone 1 s later, and only
    // the journal's `deliveredAt` says so. By 12 s both runs stand alike, x still queued in the app;
    // when its handler reports it, CallKit says the caller had cancelled 4 s (5 s) before it arrived.
    const scenario = given({
      duration: '2m',
      device: { ios: '12.4', app: 'foreground', locked: false },
      app: { blockMainThread: '20s', onCall: 'report-new' },
    })
      .at('0s', push('w'))
      .at('1s', network('offline'))
      .at('2s', push('x', { expiration: '10m' }))
      .at('3s', cancel('x', 'none'))
      .at('5s', network('wifi'))
      .at('12s', push('z', { kind: 'alert' }))
      .scenario();
    const i = scenario.timeline.findIndex((e) => e.do === 'network' && e.to === 'wifi');
    const { sim, output, fresh } = drag(scenario, moved(scenario, i, 6_000));
    const x = fresh.result.pushes.find((p) => p.id === 'x')!;
    expect([x.fate, x.deliveredAt]).toEqual(['stale', 8_000]);
    expect(sim.resumedAt).toBeLessThanOrEqual(5_000);
    expect(everything(output)).toBe(everything(fresh));
  });
});
