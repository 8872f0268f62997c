// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../../machines';
import { useSimulation, type SimulationView } from './simulation';

// React only runs effects inside act() when it is told it is under test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An unlocked phone behind a dropped NAT; with `runaway`, apsd retries with no delay at all. */
const natDrop = (runaway: boolean) =>
  ({
    format: 'ringside.scenario/v1',
    title: 'NAT drop',
    duration: '1h',
    device: { locked: false },
    params: runaway ? { apsdAttemptTimeout: 0, apsdBackoff: 0 } : {},
    timeline: [
      { at: '5s', do: 'push', id: 'call-1', kind: 'voip' },
      { at: '10s', do: 'nat-drop' },
    ],
  }) as unknown as ScenarioFile;

describe('useSimulation: an engine error', () => {
  it('is shown as an error of the document, the last result kept: no blank page, no hang', async () => {
    const views: (SimulationView | undefined)[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      views.push(useSimulation(file));
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    await act(async () => {
      root.render(<Probe file={natDrop(false)} />);
      await Promise.resolve(); // the page's engine answers in a microtask, as a worker would in a message
    });
    const good = views.at(-1)!;
    expect(good.errors).toEqual([]);
    await act(async () => {
      root.render(<Probe file={natDrop(true)} />);
      await Promise.resolve(); // the page's engine answers in a microtask, as a worker would in a message
    });
    const after = views.at(-1)!;
    expect(after.stale).toBe(true);
    expect(after.output).toBe(good.output);
    expect(after.errors).toHaveLength(1);
    expect(after.errors[0]!.message).toMatch(/^engine bug: the simulation ran away at .*This is a bug in Ringside/);
    act(() => root.unmount());
  });
});
