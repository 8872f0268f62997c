/**
 * Variants to compare the document with, side by side on one time axis: a common change ("what if the
 * app reported synchronously?"), another iOS version, or another scenario altogether (a preset or a
 * file). Each is a key for the compare menu and a way to build the variant's scenario; the core
 * simulates it, nothing here decides a fate.
 */
import {
  diffOutputs,
  LANES,
  simulate,
  type LaneId,
  type OutputDiff,
  type PushResult,
  type PaintedOutput,
  type SimulationOutput,
  loadScenario,
  type ScenarioFile,
  IOS_PICKS,
  onIos,
  parseIos,
  COMMON_CHANGES,
  formatTime,
  Time,
} from '../../../machines';
import type { Scenario } from '../../../machines';
import { readSendKey } from './counterfactuals';
import type { Preset } from './presets';

export interface CompareGroup {
  readonly group: string;
  readonly items: readonly { readonly key: string; readonly label: string }[];
}

export interface Variant {
  readonly key: string;
  /** Completes "as written vs. …". */
  readonly label: string;
  /** The variant timeline's heading. */
  readonly title: string;
  readonly file?: ScenarioFile;
  readonly scenario: Scenario;
  readonly output: SimulationOutput;
}

/**
 * What the compare menu depends on in a scenario, as strings: the ids of the common changes that change
 * something in it (space-separated), and its iOS version (major.minor).
 */
export function compareMenuInputs(scenario: Scenario): { changes: string; ios: string } {
  return {
    changes: COMMON_CHANGES.filter((c) => c.apply(scenario))
      .map((c) => c.id)
      .join(' '),
    ios: `${scenario.device.ios.major}.${scenario.device.ios.minor}`,
  };
}

/** The compare menu from `compareMenuInputs`: only changes that change something, versions other than its own. */
export function compareGroupsFrom(
  inputs: { changes: string; ios: string },
  presets: readonly Preset[],
  currentPreset?: string,
): CompareGroup[] {
  const applies = new Set(inputs.changes.split(' '));
  return [
    {
      group: 'What if',
      items: COMMON_CHANGES.filter((c) => applies.has(c.id)).map((c) => ({
        key: `change:${c.id}`,
        label: `What if: ${c.label}`,
      })),
    },
    {
      group: 'iOS version',
      items: IOS_PICKS.filter((v) => `${parseIos(v)!.major}.${parseIos(v)!.minor}` !== inputs.ios).map((v) => ({
        key: `ios:${v}`,
        label: `On iOS ${v}`,
      })),
    },
    {
      group: 'Another scenario',
      items: presets.filter((p) => p.id !== currentPreset).map((p) => ({ key: `preset:${p.id}`, label: p.title })),
    },
  ].filter((g) => g.items.length > 0);
}

/** The compare menu for a scenario. */
export const compareGroups = (scenario: Scenario, presets: readonly Preset[], currentPreset?: string): CompareGroup[] =>
  compareGroupsFrom(compareMenuInputs(scenario), presets, currentPreset);

/**
 * Builds the variant for a compare-menu key, or undefined when the key no longer applies (the change
 * does nothing to this scenario, the preset is gone). `files` holds scenarios opened for comparison, by their key (`file:<name>`).
 */
export function buildVariant(
  key: string,
  scenario: Scenario,
  presets: readonly Preset[],
  files: ReadonlyMap<string, ScenarioFile> = new Map(),
): Variant | undefined {
  const [kind, ...rest] = key.split(':');
  const arg = rest.join(':');
  const make = (label: string, title: string, s: Scenario | undefined, file?: ScenarioFile): Variant | undefined =>
    s ? { key, label, title, scenario: s, output: simulate(s), ...(file ? { file } : {}) } : undefined;
  if (kind === 'change') {
    const change = COMMON_CHANGES.find((c) => c.id === arg);
    if (!change) return undefined;
    return make(`had ${change.had}`, `Variant: had ${change.had}`, change.apply(scenario));
  }
  if (kind === 'send') {
    // "What if it were sent at another time?": that push alone moved, all else as written.
    const send = readSendKey(arg);
    const index = send ? scenario.timeline.findIndex((e) => e.do === 'push' && e.id === send.push) : -1;
    if (!send || index === -1) return undefined;
    const timeline = scenario.timeline.map((e, i) => (i === index ? { ...e, at: Time.ms(send.t) } : e));
    const when = `${send.push} sent at ${formatTime(send.t)}`;
    return make(`had ${when}`, `Variant: ${when}, all else as written`, { ...scenario, timeline });
  }
  if (kind === 'ios') {
    const ios = parseIos(arg);
    return ios ? make(`on iOS ${arg}`, `Variant: the same scenario on iOS ${arg}`, onIos(scenario, ios)) : undefined;
  }
  const file =
    kind === 'preset' ? presets.find((p) => p.id === arg)?.file : kind === 'file' ? files.get(key) : undefined;
  if (!file) return undefined;
  const loaded = loadScenario(file);
  if (!loaded.ok) return undefined;
  return make(`“${loaded.scenario.title}”`, `Compared with: ${loaded.scenario.title}`, loaded.scenario, file);
}

/** Ids of the pushes whose fate differs between two results (a push missing from one side differs). */
export function differingPushes(a: readonly PushResult[], b: readonly PushResult[]): string[] {
  const ids = [...new Set([...a.map((p) => p.id), ...b.map((p) => p.id)])];
  return ids.filter((id) => a.find((p) => p.id === id)?.fate !== b.find((p) => p.id === id)?.fate);
}

/**
 * The lanes to fold when two runs are compared: those the same in both (`diffOutputs`). The
 * provider's lane, where the fates are, always shows.
 */
export function lanesToFold(diff: OutputDiff): Set<LaneId> {
  return new Set(LANES.filter((lane) => lane !== 'provider' && !diff.lanes.includes(lane)));
}

/** `lanesToFold` for two runs. */
export const foldedLanes = (a: PaintedOutput, b: PaintedOutput): Set<LaneId> => lanesToFold(diffOutputs(a, b));
