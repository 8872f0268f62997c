import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import { loadEdited, type LoadedFrom } from './loadEdited';
import type { ScenarioFile, TimelineEventFile } from './schema';
import { toDurationString } from '../engine/time';

const DIR = resolve(__dirname, '../../scenarios');
const PRESETS: ScenarioFile[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.ringside.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(resolve(DIR, f), 'utf8')) as ScenarioFile);

/** A preset's good load, as the worker keeps it. */
function loadedFrom(input: ScenarioFile): LoadedFrom {
  const loaded = loadScenario(input);
  if (!loaded.ok) throw new Error(`${input.title} does not load`);
  return { input, loaded };
}

/** What a drag makes of an event's time, and what else an `at` may hold (refused ones included). */
const at: fc.Arbitrary<TimelineEventFile['at']> = fc.oneof(
  fc.integer({ min: -700_000, max: 3_000_000 }).map(toDurationString),
  fc.integer({ min: -1_000, max: 3_000_000 }),
  fc.double({ min: -1e12, max: 1e12 }),
  fc.constantFrom('40d', '1.5ms', 'soon', '', '0', 0, Infinity),
);

const moves = fc.record({
  preset: fc.integer({ min: 0, max: PRESETS.length - 1 }),
  moves: fc.array(fc.record({ i: fc.nat(), at }), { minLength: 1, maxLength: 4 }),
});

/** `base` with each move's event (index modulo the timeline's length) at its new time; other events kept. */
function moved(base: ScenarioFile, list: readonly { i: number; at: TimelineEventFile['at'] }[]): ScenarioFile {
  const timeline = [...base.timeline];
  for (const m of list) {
    const i = m.i % timeline.length;
    timeline[i] = { ...timeline[i]!, at: m.at };
  }
  // The rest of the file arrives as a fresh copy, as the worker's messages bring it.
  return { ...(structuredClone({ ...base, timeline: [] }) as ScenarioFile), timeline };
}

describe('loadEdited: a drag frame loaded from the load before it', () => {
  it('gives what loadScenario gives, to the byte, for any events of any preset moved to any time', () => {
    fc.assert(
      fc.property(moves, ({ preset, moves: list }) => {
        const base = PRESETS[preset]!;
        const file = moved(base, list);
        expect(JSON.stringify(loadEdited(loadedFrom(base), file))).toBe(JSON.stringify(loadScenario(file)));
      }),
      { numRuns: 300 },
    );
  });

  it('makes only the moved events anew: the rest of the load is the previous one’s', () => {
    const base = PRESETS.find((p) => p.timeline.length > 3)!;
    const previous = loadedFrom(base);
    const file = moved(base, [{ i: 1, at: toDurationString(1_234) }]);
    const edited = loadEdited(previous, file);
    if (!edited.ok) throw new Error('the move should load');
    expect(edited.file).toBe(file);
    expect(edited.scenario.params).toBe(previous.loaded.scenario.params);
    expect(edited.scenario.app).toBe(previous.loaded.scenario.app);
    const kept = edited.scenario.timeline.filter((e) => e.index !== 1);
    expect(kept.every((e) => previous.loaded.scenario.timeline.includes(e))).toBe(true);
    expect(edited.scenario.timeline.find((e) => e.index === 1)!.at).toBe(1_234);
  });

  it('loads the whole file again when anything but a time changed', () => {
    const base = PRESETS.find((p) => p.timeline.filter((e) => e.do === 'push').length > 1)!;
    const previous = loadedFrom(base);
    const push = base.timeline.findIndex((e) => e.do === 'push');
    const other = base.timeline.filter((e) => e.do === 'push').pop() as { id: string };
    const edits: ScenarioFile[] = [
      { ...base, title: `${base.title} (2)` },
      { ...base, duration: '1s' },
      { ...base, device: { ...base.device, locked: false, app: 'foreground' } },
      { ...base, timeline: base.timeline.map((e, i) => (i === push ? { ...e, id: 'renamed' } : e)) },
      // The id of another push: refused, though its time did not change.
      { ...base, timeline: base.timeline.map((e, i) => (i === push ? { ...e, id: other.id } : e)) },
      { ...base, timeline: base.timeline.map((e, i) => (i === push ? { ...e, do: 'wakeup' } : e)) } as ScenarioFile,
      { ...base, timeline: base.timeline.slice(1) },
      { ...base, timeline: [...base.timeline.slice(1), base.timeline[0]!] },
      { ...base, timeline: base.timeline.map((e, i) => (i === push ? { ...e, caption: 'x', at: 5 } : e)) },
    ];
    for (const file of edits) {
      expect(JSON.stringify(loadEdited(previous, file)), file.title).toBe(JSON.stringify(loadScenario(file)));
    }
    // A field an event already had, changed along with its time.
    const captioned = { ...base, timeline: base.timeline.map((e, i) => (i === push ? { ...e, caption: 'a' } : e)) };
    const recaptioned = {
      ...captioned,
      timeline: captioned.timeline.map((e, i) => (i === push ? { ...e, caption: 'b', at: 5 } : e)),
    };
    expect(JSON.stringify(loadEdited(loadedFrom(captioned), recaptioned))).toBe(
      JSON.stringify(loadScenario(recaptioned)),
    );
  });

  it('loads the whole file without a previous load', () => {
    const base = PRESETS[0]!;
    expect(loadEdited(undefined, base)).toEqual(loadScenario(base));
  });
});
