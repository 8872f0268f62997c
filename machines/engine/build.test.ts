/**
 * `buildOutput` gives a push's earlier result again while the push keeps the very same record (#25: at
 * 10,000 pushes a drag frame changes a handful of them). That holds only if a record a result was built
 * from never changes in place, and only for the `lateAfter` it was built with.
 */
import { describe, expect, it } from 'vitest';
import { buildOutput, momentsOf, type Given } from './build';
import { toPushResult } from './output';
import { newHistories } from './wiring';
import { Time } from './time';
import { setup } from '../test/journalKit';
import { scenario } from '../test/harness';
import type { Histories, MachineSnapshot } from './history';
import type { Scenario } from '../scenario/types';
import type { LaneInterval } from './result';
import type { CallServicesContext } from '../actors/callServices/callServicesMachine';

/** Histories with callservicesd's one state the output reads (its throttle windows). */
function histories(): Histories {
  const h = newHistories();
  h.callServices.record(0, {
    value: 'idle',
    context: { windows: [] },
  } as unknown as MachineSnapshot<CallServicesContext>);
  return h;
}

function build(s: Scenario, kit: ReturnType<typeof setup>, h: Histories, given: Map<string, Given>) {
  return buildOutput({ scenario: s, start: Time.ms(0), end: Time.ms(1_000), journal: kit.journal, histories: h, given })
    .result;
}

describe('buildOutput: results given again by record', () => {
  it('keeps an unchanged push its result object, and builds a new one for a push written to after a build', () => {
    const kit = setup();
    const { journal, clock, add } = kit;
    const h = histories();
    const given = new Map<string, Given>();
    const s = scenario({}, []);
    add('a');
    add('b');
    clock.now = 5;
    journal.step('a', 'APNS-1', 'accepted');
    journal.step('b', 'APNS-1', 'accepted');
    const first = build(s, kit, h, given);
    // No checkpoint in between: without the journal sealing the records at a build, this write
    // would change `a`'s record in place and the stale result would be given again.
    clock.now = 7;
    journal.step('a', 'APNS-2', 'held');
    const second = build(s, kit, h, given);
    expect(second.pushes[1]).toBe(first.pushes[1]);
    expect(second.pushes[0]).not.toBe(first.pushes[0]);
    expect(second.pushes[0]).toEqual(toPushResult(journal.push('a'), s.params.lateAfter));
    expect(second.pushes[0]!.steps.map((x) => x.rule)).toEqual(['APNS-1', 'APNS-2']);
    // What was given stays as it was.
    expect(first.pushes[0]!.steps.map((x) => x.rule)).toEqual(['APNS-1']);
  });

  it('builds the result again for the same record when `lateAfter` changed (CALL-1: late or not)', () => {
    const kit = setup();
    const { journal, clock, add } = kit;
    const h = histories();
    const given = new Map<string, Given>();
    add('a');
    clock.now = 50;
    journal.step('a', 'CALL-1', 'rang');
    journal.fate('a', 'rang');
    const patient = scenario({ params: { lateAfter: '100ms' } }, []);
    const hasty = scenario({ params: { lateAfter: '10ms' } }, []);
    expect(build(patient, kit, h, given).pushes[0]!.late).toBeUndefined();
    expect(build(hasty, kit, h, given).pushes[0]!.late).toBe(true);
    expect(build(patient, kit, h, given).pushes[0]!.late).toBeUndefined();
  });

  it('puts a backdated event in time order (events are checked for order, sorted only when out of it)', () => {
    const kit = setup();
    const { journal, clock } = kit;
    clock.now = 10;
    journal.log('network', 'later');
    journal.asOf(Time.ms(5), () => journal.log('network', 'earlier'));
    journal.log('network', 'last');
    const { events } = build(scenario({}, []), kit, histories(), new Map());
    expect(events.map((e) => [e.at, e.what])).toEqual([
      [5, 'earlier'],
      [10, 'later'],
      [10, 'last'],
    ]);
  });
});

/** Every time of the timeline, markers and intervals sorted together, as `momentsOf` once did. */
function momentsByOneSort(
  timeline: readonly { at: number }[],
  markers: readonly { at: number }[],
  intervals: readonly LaneInterval[],
  start: number,
  end: number,
): number[] {
  const all = [
    ...timeline.map((e) => e.at),
    ...markers.map((m) => m.at),
    ...intervals.flatMap((i) => (i.open ? [i.from] : [i.from, i.to])),
  ].sort((a, b) => a - b);
  return all.filter((t, i) => t >= start && t <= end && (i === 0 || t !== all[i - 1]));
}

describe('momentsOf', () => {
  it('merges sorted intervals and markers with the rest as one sort of everything would (random lists)', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const time = () => Time.ms(next(40) - 5);
      const timeline = Array.from({ length: next(12) }, () => ({ at: time() }));
      let markers = Array.from({ length: next(12) }, () => ({ at: time() }));
      // Markers are usually written in time order; every third round has them out of it.
      if (round % 3 !== 0) markers = markers.sort((a, b) => a.at - b.at);
      const intervals = Array.from({ length: next(12) }, (): LaneInterval => {
        const from = time();
        const open = next(4) === 0;
        return { lane: 'app', kind: 'k', label: 'l', from, to: open ? Time.ms(30) : Time.ms(from + next(10)), open };
      }).sort((a, b) => a.from - b.from || a.to - b.to);
      const start = Time.ms(next(5) - 2);
      const end = Time.ms(20 + next(15));
      expect(momentsOf(timeline, markers, intervals, start, end)).toEqual(
        momentsByOneSort(timeline, markers, intervals, start, end),
      );
    }
  });
});
