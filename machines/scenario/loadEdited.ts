// Loading a drag frame from the load before it: the live simulation loads the document on every frame.
import { same } from '../engine/same';
import { checkMoved, inTimelineOrder, loadScenario, type LoadResult } from './load';
import type { ScenarioFile } from './schema';
import type { TimelineEvent } from './types';

/** A good load and the file it was given: what {@link loadEdited} loads that file's next edit from. */
export interface LoadedFrom {
  readonly input: ScenarioFile;
  readonly loaded: Extract<LoadResult, { ok: true }>;
}

/**
 * `loadScenario(file)`, made from `previous` when `file` is `previous.input` with only the `at` of some
 * events changed (a drag frame): those events are checked and converted, and the timeline sorted again;
 * everything else is taken from the previous load, which saw it unchanged. Any other difference (a field,
 * an event's other keys, the number of events, a format that was migrated) loads the whole file, as does a
 * move the loader refuses (so that every error is listed, in the loader's order).
 *
 * Unchanged events are found by identity, the rest of the file by value: the simulation's worker rebuilds
 * the timeline from the events it holds (`listDelta.ts`) and gets the other fields cloned afresh. At 2,000
 * pushes the full load (schema check of every event) cost the worker as much as the drag frame's run.
 */
export function loadEdited(previous: LoadedFrom | undefined, file: ScenarioFile): LoadResult {
  const moved = previous && movedOnly(previous.input, file);
  if (!previous || !moved || previous.loaded.migratedFrom !== undefined) return loadScenario(file);
  if (moved.length === 0) return { ok: true, scenario: previous.loaded.scenario, file };
  // Each moved event is parsed once, by the same checks that find the loader's first error.
  const checked = checkMoved(file, moved);
  if (!checked.ok) return loadScenario(file);
  const isMoved = new Set(moved);
  const timeline: TimelineEvent[] = previous.loaded.scenario.timeline.filter((e) => !isMoved.has(e.index));
  timeline.push(...checked.events);
  return { ok: true, scenario: { ...previous.loaded.scenario, timeline: timeline.sort(inTimelineOrder) }, file };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The indexes of the events whose `at` alone differs between `before` and `after`, if nothing else does
 * (keys in the same order, the same values); else `undefined`.
 */
function movedOnly(beforeFile: ScenarioFile, afterFile: ScenarioFile): number[] | undefined {
  const [before, after] = [beforeFile as unknown, afterFile as unknown];
  if (!isRecord(before) || !isRecord(after)) return undefined;
  const keys = Object.keys(after);
  const beforeKeys = Object.keys(before);
  if (keys.length !== beforeKeys.length) return undefined;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key !== beforeKeys[k]) return undefined;
    if (key !== 'timeline' && !same(before[key], after[key])) return undefined;
  }
  const [a, b] = [before.timeline, after.timeline];
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return undefined;
  const moved: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const [x, y] = [a[i] as unknown, b[i] as unknown];
    if (x === y) continue;
    if (!isRecord(x) || !isRecord(y) || !onlyAtDiffers(x, y)) return undefined;
    moved.push(i);
  }
  return moved;
}

/** Whether two events have the same keys in the same order and the same values but perhaps `at`. */
function onlyAtDiffers(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  const keys = Object.keys(y);
  const xKeys = Object.keys(x);
  if (keys.length !== xKeys.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key !== xKeys[k] || (key !== 'at' && !Object.is(x[key], y[key]))) return false;
  }
  return true;
}
