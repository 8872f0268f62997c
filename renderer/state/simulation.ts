import { useEffect, useMemo, useState } from 'react';
import { Simulator, type Scenario, type SimulationOutput } from '../../machines';
import { formatErrors, loadScenario, type ScenarioError, type ScenarioFile } from '../../machines';
import { toDurationString } from '../../machines';
import { FIRST_PRESET } from './presets';

export interface SimulationView {
  readonly output: SimulationOutput;
  /** The document as loaded; undefined while it is invalid. */
  readonly scenario: Scenario | undefined;
  /** Errors of the current document; the output is then the last valid one. */
  readonly errors: readonly ScenarioError[];
  readonly stale: boolean;
}

/**
 * Loads and simulates the document on every change. When the document is invalid, the last valid
 * result stays on screen and the errors are returned for inline display.
 *
 * One `Simulator` per view: while a marker is dragged, each frame goes on from the engine's last
 * checkpoint before the moved event instead of simulating the whole scenario again.
 */
export function useSimulation(file: ScenarioFile): SimulationView | undefined {
  const [simulator] = useState(() => new Simulator());
  useEffect(warmUpOnce, []);
  const current = useMemo(() => {
    const loaded = loadScenario(file);
    if (!loaded.ok) return { output: undefined, scenario: undefined, errors: loaded.errors };
    try {
      return { output: simulator.run(loaded.scenario), scenario: loaded.scenario, errors: [] };
    } catch (error) {
      // An engine bug (a run that never ends stops with one, RunawayError): shown like the document's
      // errors, the last result kept, instead of a blank page.
      return { output: undefined, scenario: undefined, errors: [engineError(error)] };
    }
  }, [file, simulator]);
  const [lastValid, setLastValid] = useState(current.output);
  if (current.output && current.output !== lastValid) setLastValid(current.output);
  const output = current.output ?? lastValid;
  // One object per result, so that what is memoized on the view (a deferred copy of it) holds.
  return useMemo(
    () =>
      output
        ? { output, scenario: current.scenario, errors: current.errors, stale: current.output === undefined }
        : undefined,
    [output, current],
  );
}

export { formatErrors };

/** An exception from the engine as an error of the document, worded for a bug report. */
function engineError(error: unknown): ScenarioError {
  const message = error instanceof Error ? error.message : String(error);
  return { path: '', message: `${message} This is a bug in Ringside: please report it with this scenario.` };
}

let warm = false;

/**
 * Once per page, when the browser is idle: a throwaway drag of the first preset's first push (load,
 * full run, then a frame that goes on from a checkpoint and takes over), so that V8 has compiled that
 * code before the user's first drag. Without it, the first drag frame compiled it: ~15 ms more, and a
 * frame of 50–80 ms, a long task.
 */
function warmUpOnce(): () => void {
  if (warm) return () => {};
  const run = () => {
    warm = true;
    const file = FIRST_PRESET.file;
    const at = file.timeline.findIndex((e) => e.do === 'push');
    const loaded = loadScenario(file);
    if (!loaded.ok || at === -1) return;
    const simulator = new Simulator();
    simulator.run(loaded.scenario);
    // As a drag moves an event (App's onDragMove): its time becomes a duration string.
    const t = loaded.scenario.timeline.find((e) => e.do === 'push')!.at + 100;
    const moved = loadScenario({
      ...file,
      timeline: file.timeline.map((e, i) => (i === at ? { ...e, at: toDurationString(t) } : e)),
    });
    if (moved.ok) simulator.run(moved.scenario);
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 500);
  return () => clearTimeout(id);
}
