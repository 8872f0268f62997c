import { useMemo, useState } from 'react';
import type { Scenario, ScenarioFile } from '../../machines';
import type { SimulationView as Simulation } from '../state/bridges/simulation';
import { PRESETS } from '../state/document/presets';
import {
  buildVariant,
  compareGroupsFrom,
  compareMenuInputs,
  differingPushes,
  foldedLanes,
  type CompareGroup,
} from '../state/document/variants';

/**
 * The comparison: the variant chosen in the compare menu (or a file opened for it), simulated beside the
 * document; the lanes the same in both folded unless the user asks for all; the pushes whose fate differs.
 */
export function useCompare(options: {
  /** The simulation the panels show (a step behind while dragging). */
  panelSim: Simulation | undefined;
  /** The latest simulation. */
  sim: Simulation | undefined;
  presetId: string | undefined;
}) {
  const { panelSim, sim, presetId } = options;
  const scenario: Scenario | undefined = panelSim?.scenario;
  const [compareWith, setCompareWith] = useState<string | undefined>();
  const [files, setFiles] = useState<ReadonlyMap<string, ScenarioFile>>(new Map());
  const [allLanes, setAllLanes] = useState(false);
  const variant = useMemo(
    () => (compareWith && scenario ? buildVariant(compareWith, scenario, PRESETS, files) : undefined),
    [compareWith, scenario, files],
  );
  const folded = useMemo(
    () => (variant && panelSim && !allLanes ? foldedLanes(panelSim.output, variant.output) : undefined),
    [variant, panelSim, allLanes],
  );
  const differs = useMemo(
    () =>
      variant && sim ? new Set(differingPushes(sim.output.result.pushes, variant.output.result.pushes)) : undefined,
    [variant, sim],
  );
  // The menu depends on the changes that apply and the iOS version (strings), not on the scenario
  // object, which every drag frame replaces: the same menu is the same object, and the memoized
  // toolbar need not render again.
  // Worked out once per scenario the panels show, not on every render of the app (every drag frame).
  const { changes, ios } = useMemo(
    () => (scenario ? compareMenuInputs(scenario) : { changes: '', ios: '' }),
    [scenario],
  );
  const groups = useMemo<readonly CompareGroup[]>(() => {
    if (!ios) return [];
    const opened = [...files.keys()].map((key) => ({ key, label: key.slice('file:'.length) }));
    return [
      ...compareGroupsFrom({ changes, ios }, PRESETS, presetId),
      ...(opened.length ? [{ group: 'Opened for comparison', items: opened }] : []),
    ];
  }, [changes, ios, presetId, files]);
  return {
    variant,
    folded,
    differs,
    groups,
    compareWith,
    setCompareWith,
    allLanes,
    toggleAllLanes: () => setAllLanes((all) => !all),
    /** Compares with a scenario opened from a file. */
    compareFile: (name: string, file: ScenarioFile) => {
      const key = `file:${name}`;
      setFiles((opened) => new Map([...opened, [key, file]]));
      setCompareWith(key);
    },
  };
}
