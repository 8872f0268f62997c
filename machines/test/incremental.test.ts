import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario, TimelineEvent } from '../scenario/types';
import { simulate, Simulator } from '../engine/simulate';
import type { SimulationOutput } from '../engine/result';
import { busyScenarioArb, scenarioArb } from './arbitraries';
import { given, push } from './harness';
import { slices, sliceOptions } from './slices';

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

/** A drag as the UI makes it: an event moved (by a little or a lot), deleted, or copied a little later. */
const dragEdit = fc.oneof(
  fc.record({ op: fc.constant('move' as const), index: fc.nat(), by: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ op: fc.constant('move' as const), index: fc.nat(), by: fc.integer({ min: -60_000, max: 60_000 }) }),
  fc.record({ op: fc.constant('delete' as const), index: fc.nat(), by: fc.constant(0) }),
  fc.record({ op: fc.constant('copy' as const), index: fc.nat(), by: fc.integer({ min: 0, max: 5_000 }) }),
);

// The properties' cases are fc.assert's own for their seeds, asserted a slice per test (machines/test/slices.ts).
const EDITED = slices([scenarioArb, fc.array(editArb, { minLength: 1, maxLength: 6 })], 120, 7, 6);
const DRAGGED = slices(
  [
    fc.oneof(busyScenarioArb, scenarioArb),
    fc.array(dragEdit, { minLength: 1, maxLength: 10 }),
    fc.constantFrom(1, 2, 3, 7, 24),
  ],
  200,
  3,
  10,
);
const numbered = <T>(list: T[][]) => list.map((slice, i) => [`${i + 1} of ${list.length}`, slice] as const);

/**
 * What a fresh simulation gives after each edit of one case, by the case's scenario and edits. The two
 * passes over EDITED (default and dense checkpoints) run the very same cases, the same objects (fc.assert
 * hands its examples over as they are), and a fresh run depends on its scenario alone: the second pass
 * compares with what the first computed instead of running its 420 fresh simulations again (a sixth of
 * this file's CPU time). A case fast-check makes anew, as when it shrinks, is simulated afresh.
 */
const freshRuns = new WeakMap<Scenario, WeakMap<Edit[], string[]>>();
function freshAfterEdit(first: Scenario, edits: Edit[], step: number, scenario: Scenario): string {
  let byEdits = freshRuns.get(first);
  if (!byEdits) freshRuns.set(first, (byEdits = new WeakMap()));
  let steps = byEdits.get(edits);
  if (!steps) byEdits.set(edits, (steps = []));
  return (steps[step] ??= everything(simulate(scenario)));
}

describe('Simulator: re-simulating an edited scenario from a checkpoint', () => {
  // Dense checkpoints try many more resume points and many more chances to catch up with the
  // previous run (and take over its rest) than the default spacing would in these short scenarios.
  describe.each([
    ['default checkpoints', undefined],
    ['a checkpoint every 2 firings', 2],
  ])('gives exactly what a fresh simulation gives, and leaves earlier outputs unchanged (%s)', (_, every) => {
    const seen = { slices: 0, runs: 0, resumed: 0, caughtUp: 0 };
    it.each(numbered(EDITED))('cases, slice %s', (_, slice) => {
      fc.assert(
        fc.property(scenarioArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (first, edits) => {
          const sim = new Simulator(every === undefined ? {} : { checkpointEvery: every });
          let scenario = first;
          let previous = sim.run(scenario);
          let previousJson = everything(previous);
          for (const [step, edit] of edits.entries()) {
            scenario = apply(scenario, edit);
            const output = sim.run(scenario);
            seen.runs++;
            if (sim.resumedAt !== undefined) seen.resumed++;
            if (sim.caughtUpAt !== undefined) seen.caughtUp++;
            const json = everything(output);
            expect(json).toBe(freshAfterEdit(first, edits, step, scenario));
            expect(everything(previous)).toBe(previousJson);
            previous = output;
            previousJson = json;
          }
        }),
        sliceOptions(slice),
      );
      seen.slices++;
    });
    // The property above means little if it never went on from a checkpoint or never caught up.
    it('went on from a checkpoint often enough for that to mean something', () => {
      expect(seen.slices, 'every slice ran before this check').toBe(EDITED.length);
      expect(seen.resumed / seen.runs).toBeGreaterThan(0.3);
      if (every !== undefined) expect(seen.caughtUp / seen.runs).toBeGreaterThan(0.03);
    });
  });

  describe('catches up with the previous run after a drag and takes over its rest, exactly as a fresh run', () => {
    // What the UI does: an event dragged, frame after frame (by a little or a lot), now and then one
    // deleted or added; in short and busier scenarios; with checkpoints from dense to the default.
    // (Seed 3 finds the counterexamples that show each check of `caughtUp` is needed.)
    const seen = { slices: 0, runs: 0, caughtUp: 0 };
    it.each(numbered(DRAGGED))('cases, slice %s', (_, slice) => {
      fc.assert(
        fc.property(
          fc.oneof(busyScenarioArb, scenarioArb),
          fc.array(dragEdit, { minLength: 1, maxLength: 10 }),
          fc.constantFrom(1, 2, 3, 7, 24),
          (first, edits, every) => {
            const sim = new Simulator({ checkpointEvery: every });
            let scenario = first;
            const outputs: [SimulationOutput, string][] = [];
            const keep = (o: SimulationOutput) => outputs.push([o, everything(o)]);
            keep(sim.run(scenario));
            for (const e of edits) {
              const timeline = [...scenario.timeline];
              if (timeline.length === 0) break;
              const i = e.index % timeline.length;
              const event = timeline[i]!;
              if (e.op === 'move') timeline[i] = { ...event, at: event.at + e.by } as TimelineEvent;
              else if (e.op === 'delete') timeline.splice(i, 1);
              else if (!('id' in event)) timeline.push({ ...event, at: event.at + e.by } as TimelineEvent);
              scenario = { ...scenario, timeline };
              keep(sim.run(scenario));
              seen.runs++;
              if (sim.caughtUpAt !== undefined) seen.caughtUp++;
              expect(outputs.at(-1)![1]).toBe(everything(simulate(scenario)));
            }
            for (const [o, json] of outputs) expect(everything(o)).toBe(json);
          },
        ),
        // Unshrunk: shrinking these costs many minutes. The counterexample is printed whole.
        { ...sliceOptions(slice), endOnFailure: true },
      );
      seen.slices++;
    });
    it('caught up often enough for that to mean something', () => {
      expect(seen.slices, 'every slice ran before this check').toBe(DRAGGED.length);
      expect(seen.caughtUp / seen.runs).toBeGreaterThan(0.15);
    });
  });

  it('takes over at a checkpoint between two events at the same time', () => {
    // The lock is dragged from 60 s to 59 s; the unlock stays at 60 s. The previous run's checkpoint
    // between its lock and unlock (both at 60 s) is where this run catches up, and the device's
    // history entry at 60 s there was replaced by the unlock after it: the take-over must keep that.
    const base = given({ duration: '3m', device: { app: 'background', locked: false } })
      .at('10s', push('p1', { kind: 'alert' }))
      .at('60s', { do: 'lock' }, { do: 'unlock' })
      .at('90s', push('p2', { kind: 'alert' }))
      .scenario();
    const sim = new Simulator({ checkpointEvery: 1 });
    sim.run(base);
    const timeline = base.timeline.map((e) => (e.do === 'lock' ? { ...e, at: 59_000 } : e)) as TimelineEvent[];
    const dragged = { ...base, timeline };
    const after = sim.run(dragged);
    expect(sim.caughtUpAt).toBe(60_000);
    expect(after.trace.stateAt(60_000).device.locked).toBe(false);
    expect(everything(after)).toBe(everything(simulate(dragged)));
  });

  /** 40 alert pushes; the phone goes offline at 3:00 and comes back at 3:30; p30 dragged into the gap. */
  function intoTheGap(): { scenario: Scenario; dragged: Scenario } {
    const base = given({ duration: '10m', device: { app: 'background' } })
      .at('180s', { do: 'network', to: 'offline' })
      .at('210s', { do: 'network', to: 'wifi' });
    for (let i = 0; i < 40; i++) base.at(`${(i + 1) * 5}s`, push(`p${i}`, { kind: 'alert', expiration: 0 }));
    const scenario = base.scenario();
    const i = scenario.timeline.findIndex((e) => e.do === 'push' && e.id === 'p30');
    const timeline = [...scenario.timeline];
    timeline[i] = { ...timeline[i]!, at: 197_000 } as TimelineEvent;
    return { scenario, dragged: { ...scenario, timeline } };
  }

  it('goes on from a checkpoint before the dragged push, and the drag changes its fate', () => {
    const { scenario, dragged } = intoTheGap();
    const sim = new Simulator();
    const before = sim.run(scenario);
    expect(before.result.pushes.find((p) => p.id === 'p30')!.fate).toBe('delivered');
    const after = sim.run(dragged);
    expect(sim.resumedAt).toBeDefined();
    expect(sim.resumedAt!).toBeGreaterThan(100_000);
    expect(sim.resumedAt!).toBeLessThan(155_000);
    expect(after.result.pushes.find((p) => p.id === 'p30')!.fate).not.toBe('delivered');
    expect(everything(after)).toBe(everything(simulate(dragged)));
  });

  it('resumes the next frame of a drag just before the dragged push, from a checkpoint the frame before took', () => {
    // 40 alert pushes 5 s apart, p20 (at 105 s) dragged by 100 ms a frame. The first frame resumes
    // from a checkpoint at the usual spacing; it takes one before every event it re-runs, so the next
    // frames resume right after p18 (95 s) and re-run a handful of firings, not the usual ~24.
    const base = given({ duration: '5m', device: { app: 'background' } });
    for (let i = 0; i < 40; i++) base.at(`${(i + 1) * 5}s`, push(`p${i}`, { kind: 'alert', expiration: 0 }));
    const scenario = base.scenario();
    const i = scenario.timeline.findIndex((e) => e.do === 'push' && e.id === 'p20');
    const sim = new Simulator();
    sim.run(scenario);
    const frames = [1, 2, 3].map((k) => {
      const timeline = [...scenario.timeline];
      timeline[i] = { ...timeline[i]!, at: timeline[i]!.at + k * 100 } as TimelineEvent;
      const dragged = { ...scenario, timeline };
      const output = sim.run(dragged);
      expect(everything(output)).toBe(everything(simulate(dragged)));
      return { resumedAt: sim.resumedAt!, firings: sim.firings, caughtUp: sim.caughtUpAt !== undefined };
    });
    expect(frames[0]!.resumedAt).toBeLessThan(95_000);
    for (const frame of frames.slice(1)) {
      expect(frame.resumedAt).toBeGreaterThan(95_000);
      expect(frame.resumedAt).toBeLessThan(100_000);
      expect(frame.caughtUp).toBe(true);
      expect(frame.firings).toBeLessThan(frames[0]!.firings / 2);
    }
  });

  it('hands out the same result object again for a push whose story did not change, a new one for one whose did', () => {
    // Building every push's result anew on each drag frame made most of what outlived a minor GC.
    const { scenario, dragged } = intoTheGap();
    const sim = new Simulator();
    const before = sim.run(scenario).result.pushes;
    const after = sim.run(dragged).result.pushes;
    const byId = (list: typeof after, id: string) => list.find((p) => p.id === id)!;
    // Every push sent before the checkpoint it went on from: the very same object (the pushes re-run
    // after it get equal ones, or new ones where their story changed).
    const resumedAt = sim.resumedAt!;
    expect(resumedAt).toBeGreaterThan(100_000);
    for (const p of before) if (p.sentAt < resumedAt) expect(byId(after, p.id)).toBe(p);
    // The dragged push: a new result, with its new story.
    expect(byId(after, 'p30')).not.toBe(byId(before, 'p30'));
    expect(byId(after, 'p30').fate).not.toBe(byId(before, 'p30').fate);
    // Dragged back, its first story is told again, as a fresh run tells it.
    const back = sim.run(scenario).result.pushes;
    expect(JSON.stringify(back)).toBe(JSON.stringify(simulate(scenario).result.pushes));
  });
});
