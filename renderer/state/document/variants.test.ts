import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioFile } from '../../../machines';
import { buildVariant, compareGroups, differingPushes } from './variants';
import type { Preset } from './presets';

const read = (id: string): Preset => {
  const file = JSON.parse(
    readFileSync(resolve(__dirname, `../../../scenarios/${id}.ringside.json`), 'utf8'),
  ) as ScenarioFile;
  return { id, title: file.title, file };
};
const presets = [read('flight-mode-cancelled'), read('flight-mode-cancelled-ios26'), read('report-after-fetch')];
const load = (p: Preset) => {
  const loaded = loadScenario(p.file);
  if (!loaded.ok) throw new Error('bad preset');
  return loaded.scenario;
};
const fateOf = (v: ReturnType<typeof buildVariant>, id: string) =>
  v?.output.result.pushes.find((p) => p.id === id)?.fate;

describe('compare variants', () => {
  const ios26 = load(presets[1]!);

  it('offers only changes that change something, other iOS versions, and other scenarios', () => {
    const groups = compareGroups(ios26, presets, 'flight-mode-cancelled-ios26');
    const keys = groups.flatMap((g) => g.items.map((i) => i.key));
    expect(keys).not.toContain('ios:26.4');
    expect(keys).toContain('ios:18.5');
    expect(keys).not.toContain('preset:flight-mode-cancelled-ios26');
    expect(keys).toContain('preset:report-after-fetch');
    expect(keys).not.toContain('change:report-sync'); // it already reports synchronously
  });

  it('runs the same scenario on another iOS version', () => {
    const v = buildVariant('ios:18.5', ios26, presets);
    expect(v?.label).toBe('on iOS 18.5');
    expect(v?.scenario.device.ios.raw).toBe('18.5');
    expect(v?.scenario.timeline).toEqual(ios26.timeline);
    expect(fateOf(v, 'call-1')).toBe('stale');
  });

  it('compares with another scenario with its own timeline', () => {
    const v = buildVariant('preset:report-after-fetch', ios26, presets);
    expect(v?.file).toBe(presets[2]!.file);
    expect(fateOf(v, 'call-1')).toBe('crashed');
  });

  it('compares with a file opened for it, and forgets keys that no longer apply', () => {
    const files = new Map([['file:mine.ringside.json', presets[2]!.file]]);
    expect(fateOf(buildVariant('file:mine.ringside.json', ios26, presets, files), 'call-1')).toBe('crashed');
    expect(buildVariant('file:gone.ringside.json', ios26, presets, files)).toBeUndefined();
    expect(buildVariant('change:report-sync', ios26, presets)).toBeUndefined();
    expect(buildVariant('ios:banana', ios26, presets)).toBeUndefined();
  });
});

describe('differingPushes', () => {
  it('names pushes whose fate differs, and pushes only one side has', () => {
    const a = buildVariant('ios:26.4', load(presets[0]!), presets)!.output.result.pushes;
    const b = buildVariant('preset:report-after-fetch', load(presets[0]!), presets)!.output.result.pushes;
    expect(differingPushes(a, a)).toEqual([]);
    expect(differingPushes(a, b)).toEqual(['call-1', 'cancel-call-1']);
  });
});
