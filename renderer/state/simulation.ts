import { useMemo, useState } from 'react';
import { Simulator, type Scenario, type SimulationOutput } from '../../machines';
import { formatErrors, loadScenario, type ScenarioError, type ScenarioFile } from '../../machines/scenario';

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
  const current = useMemo(() => {
    const loaded = loadScenario(file);
    return loaded.ok
      ? { output: simulator.run(loaded.scenario), scenario: loaded.scenario, errors: [] }
      : { output: undefined, scenario: undefined, errors: loaded.errors };
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
