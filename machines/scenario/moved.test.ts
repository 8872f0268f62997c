import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, movedEventsError } from './load';
import type { ScenarioFile, TimelineEventFile } from './schema';
import { toDurationString } from '../engine/time';

/** A file that loads, with every kind of event a drag may move and times in both notations. */
const base: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Moves',
  duration: '10m',
  timeline: [
    { at: 0, do: 'push', id: 'a', kind: 'voip' },
    { at: '5s', do: 'answer', call: 'a' },
    { at: 9_000, do: 'hangup', call: 'a' },
    { at: '-2s', do: 'network', to: 'offline' },
    { at: '1m', do: 'push', id: 'b', kind: 'alert', expiration: '1h' },
    { at: '1m1s', do: 'cancel', call: 'a', via: 'none' },
    { at: '9m59s', do: 'lock' },
    { at: 600_000, do: 'app', action: 'force-quit' },
  ],
};

/** Times a drag makes (`toDurationString` of a number) and what else an `at` may hold. */
const at: fc.Arbitrary<TimelineEventFile['at']> = fc.oneof(
  fc.integer({ min: -700_000, max: 1_200_000 }).map(toDurationString),
  fc.integer({ min: -700_000, max: 1_200_000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).map(toDurationString),
  fc.double({ min: -1e12, max: 1e12 }),
  fc.constantFrom('40d', '-31d', '1.5ms', 'soon', '', ' 2m ', '10m', '10m1ms', Infinity, -Infinity),
);

describe('movedEventsError: the loader’s first error for a drag, without loading the file again', () => {
  it('is what loadScenario says first, for any events moved to any time', () => {
    expect(loadScenario(base).ok).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.record({ i: fc.integer({ min: 0, max: base.timeline.length - 1 }), at }), { maxLength: 4 }),
        (moves) => {
          const timeline = [...base.timeline];
          for (const { i, at: t } of moves) timeline[i] = { ...timeline[i]!, at: t };
          const moved = { ...base, timeline };
          const loaded = loadScenario(moved);
          expect(
            movedEventsError(
              moved,
              moves.map((m) => m.i),
            ),
          ).toEqual(loaded.ok ? undefined : loaded.errors[0]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
