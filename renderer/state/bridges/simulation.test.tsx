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

/** The page's engine answers in a microtask, as a worker would in a message; the view is drawn at the next frame. */
async function answeredAndDrawn(): Promise<void> {
  await Promise.resolve();
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

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
      views.push(useSimulation(file));
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    act(() => root.render(<Probe file={natDrop(false)} />));
    await act(answeredAndDrawn);
    const good = views.at(-1)!;
    expect(good.errors).toEqual([]);
    act(() => root.render(<Probe file={natDrop(true)} />));
    await act(answeredAndDrawn);
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
      seen.push({ file, view: useSimulation(file) });
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    const first = natDrop(false);
    act(() => root.render(<Probe file={first} />));
    await act(answeredAndDrawn);
    expect(seen.at(-1)!.view!.file).toBe(first);
    const second = { ...first, title: 'NAT drop, renamed' } as ScenarioFile;
    const third = natDrop(true);
    act(() => root.render(<Probe file={second} />));
    // The render with the new document, before any answer, still holds the first one's view.
    expect(seen.at(-1)).toMatchObject({ file: second, view: { file: first } });
    act(() => root.render(<Probe file={third} />)); // while the second's run is in flight
    await act(answeredAndDrawn);
    // The edit made while a run was in flight was folded into the next run: the last view answers it,
    // error and all, so the app is no longer busy.
    const last = seen.at(-1)!;
    expect(last.file).toBe(third);
    expect(last.view!.file).toBe(third);
    expect(last.view!.errors).toHaveLength(1);
    act(() => root.unmount());
  });
});

describe('useSimulation: when an answer is drawn', () => {
  it('with the next render the page makes anyway (a drag move), else at the next frame: never a render of its own before it', async () => {
    // Frames by hand: happy-dom runs them at once.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const frame = () => {
      for (const callback of frames.splice(0)) callback(0);
    };
    const seen: { file: ScenarioFile; view: SimulationView | undefined }[] = [];
    function Probe({ file }: { file: ScenarioFile; move: number }) {
      seen.push({ file, view: useSimulation(file) });
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    const first = natDrop(false);
    act(() => root.render(<Probe file={first} move={0} />));
    await act(async () => {
      await Promise.resolve();
      frame();
    });
    const second = { ...first, title: 'NAT drop, renamed' } as ScenarioFile;
    act(() => root.render(<Probe file={second} move={0} />));
    await act(async () => {
      await Promise.resolve(); // answered; no frame yet
    });
    const renders = seen.length;
    expect(seen.at(-1)!.view!.file).toBe(first);
    // The next move renders the page: that render draws the answer that came meanwhile.
    act(() => root.render(<Probe file={second} move={1} />));
    expect(seen).toHaveLength(renders + 1);
    expect(seen.at(-1)!.view!.file).toBe(second);
    // The frame that would have drawn it finds it drawn already: no render more.
    act(() => frame());
    expect(seen).toHaveLength(renders + 1);
    act(() => root.unmount());
    vi.unstubAllGlobals();
  });

  it('at the next frame when nothing else renders the page', async () => {
    const seen: (SimulationView | undefined)[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      seen.push(useSimulation(file));
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    const first = natDrop(false);
    const second = { ...first, title: 'NAT drop, renamed' } as ScenarioFile;
    act(() => root.render(<Probe file={first} />));
    await act(answeredAndDrawn);
    act(() => root.render(<Probe file={second} />));
    await act(answeredAndDrawn);
    expect(seen.at(-1)!.file).toBe(second);
    act(() => root.unmount());
  });
});

describe('useWorldState', () => {
  it('keeps the state shown when a new run answers an equal one at the playhead: nothing to render again', async () => {
    const states: (WorldState | undefined)[] = [];
    function Probe({ file }: { file: ScenarioFile }) {
      states.push(useWorldState(useSimulation(file), 7_000));
      return null;
    }
    const settle = () =>
      act(async () => {
        await answeredAndDrawn();
        await answeredAndDrawn(); // the state, asked once the view is drawn
      });
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
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
    expect(states.at(-1)).not.toBe(shown);
    expect(states.at(-1)).not.toEqual(shown);
    act(() => root.unmount());
  });
});
