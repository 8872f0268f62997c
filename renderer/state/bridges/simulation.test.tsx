// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMachine } from 'xstate';
import { describe, expect, it, vi } from 'vitest';
import type { Scenario, ScenarioFile, WorldState } from '../../../machines';
import { useSimulation, useWorldState, type SimulationView } from './simulation';

/**
 * The engine with a deliberately broken actor for a scenario titled "Runaway" (tests only): a CallKit
 * that re-arms a 0 ms timer forever, which the clock's firing budget stops with an engine-bug error.
 */
vi.mock('../../../machines', async (importOriginal) => {
  const core = await importOriginal<typeof import('../../../machines')>();
  const spinning = createMachine({
    initial: 'spin',
    states: { spin: { after: { 0: { target: 'spin', reenter: true } } } },
  });
  class Simulator extends core.Simulator {
    override run(s: Scenario) {
      return s.title === 'Runaway' ? new core.Simulator({ actors: { callKit: spinning } }).run(s) : super.run(s);
    }
  }
  return { ...core, Simulator };
});

// React only runs effects inside act() when it is told it is under test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An unlocked phone behind a dropped NAT; with `runaway`, run by an engine with a broken actor. */
const natDrop = (runaway: boolean) =>
  ({
    format: 'ringside.scenario/v1',
    title: runaway ? 'Runaway' : 'NAT drop',
    duration: '1h',
    device: { locked: false },
    timeline: [
      { at: '5s', do: 'push', id: 'call-1', kind: 'voip' },
      { at: '10s', do: 'nat-drop' },
    ],
  }) as unknown as ScenarioFile;

describe('useSimulation: an engine error', () => {
  it('is shown as an error of the document, the last result kept: no blank page, no hang', async () => {
    const views: (SimulationView | undefined)[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      views.push(useSimulation(file, 0));
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

describe('useSimulation: which document a view answers', () => {
  it('a new document is drawn with the previous view until its own run lands (the app is busy meanwhile)', async () => {
    const seen: { file: ScenarioFile; view: SimulationView | undefined }[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      seen.push({ file, view: useSimulation(file, 0) });
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    const first = natDrop(false);
    await act(async () => {
      root.render(<Probe file={first} />);
      await Promise.resolve();
    });
    expect(seen.at(-1)!.view!.file).toBe(first);
    const second = { ...first, title: 'NAT drop, renamed' } as ScenarioFile;
    const third = natDrop(true);
    act(() => root.render(<Probe file={second} />));
    // The render with the new document, before any answer, still holds the first one's view.
    expect(seen.at(-1)).toMatchObject({ file: second, view: { file: first } });
    act(() => root.render(<Probe file={third} />)); // while the second's run is in flight
    await act(async () => {
      await Promise.resolve();
      await Promise.resolve();
    });
    // The edit made while a run was in flight was folded into the next run: the last view answers it,
    // error and all, so the app is no longer busy.
    const last = seen.at(-1)!;
    expect(last.file).toBe(third);
    expect(last.view!.file).toBe(third);
    expect(last.view!.errors).toHaveLength(1);
    act(() => root.unmount());
  });
});

describe('useWorldState', () => {
  // The run's answer, then the state asked once its view is drawn (the page's engine answers in microtasks).
  const settle = () =>
    act(async () => {
      for (let i = 0; i < 4; i++) await Promise.resolve();
    });
  const mount = (): Root => {
    let root: Root | undefined;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    return root!;
  };

  it('keeps the state shown when a new run answers an equal one at the playhead: nothing to render again', async () => {
    const states: (WorldState | undefined)[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      states.push(useWorldState(useSimulation(file, 0), 7_000));
      return null;
    }
    const root = mount();
    const first = natDrop(false);
    act(() => root.render(<Probe file={first} />));
    await settle();
    const shown = states.at(-1);
    expect(shown).toBeDefined();
    // Renamed: another run, the same world at 7 s.
    act(() => root.render(<Probe file={{ ...first, title: 'NAT drop, renamed' }} />));
    await settle();
    expect(states.at(-1)).toBe(shown);
    // Moved past the playhead: the state at 7 s is another.
    const moved = { ...first, timeline: [{ at: '8s', do: 'push', id: 'call-1', kind: 'voip' }, first.timeline[1]] };
    act(() => root.render(<Probe file={moved as ScenarioFile} />));
    await settle();
    expect(states.at(-1)).not.toEqual(shown);
    act(() => root.unmount());
  });

  it("switches in the render that draws another document, to that document's own state, never another's", async () => {
    const seen: { doc: number | undefined; state: WorldState | undefined }[] = [];
    function Probe({ file, doc }: { file: ScenarioFile; doc: number }) {
      const view = useSimulation(file, doc, 12_000);
      seen.push({ doc: view?.doc, state: useWorldState(view, 12_000) });
      return null;
    }
    const root = mount();
    // At 12 s the first document's NAT has dropped (at 10 s); the second's never does.
    const first = natDrop(false);
    const second = { ...first, title: 'No NAT drop', timeline: [first.timeline[0]] } as ScenarioFile;
    act(() => root.render(<Probe file={first} doc={0} />));
    await settle();
    expect(seen.at(-1)!.state?.device.natDropped).toBe(true);
    const from = seen.length;
    act(() => root.render(<Probe file={second} doc={1} />));
    await settle();
    const renders = seen.slice(from);
    expect(renders.at(-1)!.doc).toBe(1);
    // Every render draws the state of the document its view is of: the first render of the second
    // document's view has its own state already (no frame of the first document's state beside it).
    expect(renders.map((r) => [r.doc, r.state?.device.natDropped])).toEqual(renders.map((r) => [r.doc, r.doc === 0]));
    act(() => root.unmount());
  });
});
