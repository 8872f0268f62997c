import { describe, expect, it } from 'vitest';
import { loadScenario, type ScenarioFile } from '../../../machines';
import { applyChange, changeKey, readSendKey, sendAt, sendKey } from './counterfactuals';
import { buildVariant } from './variants';

const race: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Race',
  duration: '40s',
  device: { ios: '18.5', network: 'wifi', locked: false, app: 'foreground' },
  app: { foreground: 'skip' },
  timeline: [
    { at: '10s', do: 'app', action: 'background' },
    { at: '10s', do: 'push', id: 'call@1', kind: 'voip' },
  ],
};

function scenarioOf(file: ScenarioFile) {
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error('invalid');
  return loaded.scenario;
}

describe('counterfactuals you can act on', () => {
  it('Apply makes the common change to the document, and nothing for an unknown one', () => {
    expect(applyChange(race, 'foreground-report')?.app).toEqual({ foreground: 'report' });
    expect(applyChange(race, 'no-such-change')).toBeUndefined();
  });

  it('Apply sends the push at another time, all else as written', () => {
    const moved = sendAt(race, 'call@1', 10_400)!;
    expect(moved.timeline).toEqual([race.timeline[0], { ...race.timeline[1], at: '10s400ms' }]);
    expect(sendAt(race, 'call-9', 1)).toBeUndefined();
  });

  it('a send-time key reads back, a push id with @ included', () => {
    expect(sendKey('call@1', 10_400)).toBe('send:call@1@10400');
    expect(readSendKey('call@1@10400')).toEqual({ push: 'call@1', t: 10_400 });
    expect(readSendKey('call-1')).toBeUndefined();
  });

  it('Compare builds the same variant that Apply would make the document', () => {
    const scenario = scenarioOf(race);
    const moved = buildVariant(sendKey('call@1', 10_400), scenario, [])!;
    const applied = scenarioOf(sendAt(race, 'call@1', 10_400)!);
    expect(moved.label).toBe('had call@1 sent at 10.4 s');
    expect(moved.scenario.timeline).toEqual(applied.timeline);
    const changed = buildVariant(changeKey('foreground-report'), scenario, [])!;
    expect(changed.scenario.app).toEqual(scenarioOf(applyChange(race, 'foreground-report')!).app);
    // A key for a push the document no longer has builds nothing.
    expect(buildVariant(sendKey('call-9', 1), scenario, [])).toBeUndefined();
  });
});
