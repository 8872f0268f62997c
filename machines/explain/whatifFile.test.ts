import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load';
import type { ScenarioFile } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import { COMMON_CHANGES } from './whatif';

/** A file every common change changes. */
const file: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Everything to change',
  duration: '30s',
  device: { ios: '18.5' },
  app: {
    report: '2s',
    blockMainThread: '1s',
    delegateAtLaunch: false,
    foreground: 'skip',
    activatesAudioSession: true,
  },
  timeline: [
    { at: '1s', do: 'push', id: 'call-1' },
    { at: '2s', do: 'push', id: 'call-2', expiration: '10s' },
    { at: '3s', do: 'push', id: 'call-3', kind: 'alert', expiration: 0 },
  ],
};

function load(f: ScenarioFile): Scenario {
  const loaded = loadScenario(f);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.scenario;
}

describe('a common change made to the file is the change made to the scenario', () => {
  const scenario = load(file);
  for (const change of COMMON_CHANGES) {
    it(change.id, () => {
      const applied = change.apply(scenario);
      expect(applied, 'the test file is one this change changes').toBeDefined();
      const fromFile = load(change.toFile(file));
      expect({ app: fromFile.app, device: fromFile.device, timeline: fromFile.timeline }).toEqual({
        app: applied!.app,
        device: applied!.device,
        timeline: applied!.timeline,
      });
      // Made once, the change has nothing left to do: Apply twice is Apply once.
      expect(change.apply(fromFile)).toBeUndefined();
    });
  }
});
