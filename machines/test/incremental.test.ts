import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario, TimelineEvent } from '../scenario/types';
import { simulate, Simulator } from '../simulate';
import type { SimulationOutput } from '../result';
import { scenarioArb } from './arbitraries';
import { given, push } from './harness';

/** Everything a caller can see of an output: the result and the trace, queried at every event time. */
function everything(o: SimulationOutput): string {
  const { trace } = o;
  const times = trace.eventTimes.flatMap((t) => [t - 1, t]);
  return JSON.stringify({
    result: o.result,
    start: trace.start,
    end: trace.end,
    intervals: trace.intervals,
    markers: trace.markers,
    eventTimes: trace.eventTimes,
    states: times.map((t) => trace.stateAt(t)),
  });
}

type Edit =
  | { op: 'move'; index: number; at: number }
  | { op: 'delete'; index: number }
  | { op: 'add'; at: number; kind: 'voip' | 'alert'; n: number }
  | { op: 'lock' }
  | { op: 'title' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      index: fc.nat(),
      at: fc.integer({ min: 0, max: 600_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), index: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at: fc.integer({ min: 0, max: 600_000 }),
      kind: fc.constantFrom('voip' as const, 'alert' as const),
      n: fc.nat(1000),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'lock' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'title' as const }) },
);

/** The scenario after an edit, as the UI makes them: a new timeline, untouched events kept. */
function apply(s: Scenario, edit: Edit): Scenario {
  const timeline = [...s.timeline];
  switch (edit.op) {
    case 'move': {
      if (timeline.length === 0) return s;
      const i = edit.index % timeline.length;
      timeline[i] = { ...timeline[i]!, at: edit.at } as TimelineEvent;
      return { ...s, timeline };
    }
    case 'delete': {
      if (timeline.length === 0) return s;
      const i = edit.index % timeline.length;
      const [gone] = timeline.splice(i, 1);
      // Answers and cancellations of a deleted push go with it, as in the editor.
      const rest = timeline.filter((e) => !('call' in e) || e.call !== (gone as { id?: string }).id);
      return { ...s, timeline: rest };
    }
    case 'add':
      timeline.push({
        at: edit.at,
        do: 'push',
        id: `added-${edit.n}`,
        kind: edit.kind,
        expiration: 0,
      } as TimelineEvent);
      return { ...s, timeline };
    case 'lock':
      return { ...s, device: { ...s.device, locked: !s.device.locked } };
    case 'title':
      return { ...s, title: `${s.title}!` };
  }
}

describe('Simulator: re-simulating an edited scenario from a checkpoint', () => {
  it('gives exactly what a fresh simulation gives, and leaves earlier outputs unchanged', () => {
    let resumed = 0;
    let runs = 0;
    fc.assert(
      fc.property(scenarioArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (first, edits) => {
        const sim = new Simulator();
        let scenario = first;
        let previous = sim.run(scenario);
        let previousJson = everything(previous);
        for (const edit of edits) {
          scenario = apply(scenario, edit);
          const output = sim.run(scenario);
          runs++;
          if (sim.resumedAt !== undefined) resumed++;
          expect(everything(output)).toBe(everything(simulate(scenario)));
          expect(everything(previous)).toBe(previousJson);
          previous = output;
          previousJson = everything(output);
        }
      }),
      { numRuns: 120, seed: 7 },
    );
    // The property above means little if it never went on from a checkpoint.
    expect(resumed / runs).toBeGreaterThan(0.3);
  });

  it('goes on from a checkpoint before the dragged push, and the drag changes its fate', () => {
    // 40 alert pushes; the phone goes offline at 3:00 and comes back at 3:30; p30 is dragged into the gap.
    const pushes = Array.from(
      { length: 40 },
      (_, i) => [`${(i + 1) * 5}s`, push(`p${i}`, { kind: 'alert', expiration: 0 })] as const,
    );
    const base = given({ duration: '10m', device: { app: 'background' } })
      .at('180s', { do: 'network', to: 'offline' })
      .at('210s', { do: 'network', to: 'wifi' });
    for (const [at, e] of pushes) base.at(at, e);
    const scenario = base.scenario();
    const sim = new Simulator();
    const before = sim.run(scenario);
    expect(before.result.pushes.find((p) => p.id === 'p30')!.fate).toBe('delivered');
    const i = scenario.timeline.findIndex((e) => e.do === 'push' && e.id === 'p30');
    const timeline = [...scenario.timeline];
    timeline[i] = { ...timeline[i]!, at: 197_000 } as TimelineEvent;
    const dragged = { ...scenario, timeline };
    const after = sim.run(dragged);
    expect(sim.resumedAt).toBeDefined();
    expect(sim.resumedAt!).toBeGreaterThan(100_000);
    expect(sim.resumedAt!).toBeLessThan(155_000);
    expect(after.result.pushes.find((p) => p.id === 'p30')!.fate).not.toBe('delivered');
    expect(everything(after)).toBe(everything(simulate(dragged)));
  });
});
