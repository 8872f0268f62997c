import { describe, expect, it } from 'vitest';
import { engineKind, modelFloor, profileLine, timeByKind, type Asks, type Costs } from './bench-profile';

describe("the engine profile's parts", () => {
  it('names each room of the engine by its source file', () => {
    expect(engineKind('../../machines/actors/apns/apnsMachine.ts')).toBe("the actors' own actions");
    expect(engineKind('../../machines/engine/journal.ts')).toBe('journal and histories');
    expect(engineKind('../../machines/engine/callLog.ts')).toBe('journal and histories');
    expect(engineKind('../../machines/engine/checkpoint.ts')).toBe('clock, checkpoints');
    expect(engineKind('../../machines/engine/build.ts')).toBe('result and trace');
    expect(engineKind('../../machines/explain/sentences.ts')).toBe('result and trace');
    expect(engineKind('../../machines/scenario/load.ts')).toBe('other');
  });
});

describe('a profile by kind of work', () => {
  // Sample i's time is the gap to sample i + 1 (µs); node 3 is idle.
  const profile = {
    nodes: [{ id: 1 }, { id: 2 }, { id: 3 }],
    samples: [1, 2, 1, 3, 1],
    timeDeltas: [0, 1000, 3000, 2000, 500],
  };
  const kinds: Record<number, string | undefined> = { 1: 'xstate', 2: 'GC', 3: undefined };

  it('gives each sample the gap to the next one and leaves idle out', () => {
    expect(Object.fromEntries(timeByKind(profile, (id) => kinds[id]))).toEqual({ xstate: 3, GC: 3 });
  });

  it('prints the kinds largest first with their shares and ms per run', () => {
    const ms = new Map([
      ['GC', 2],
      ['xstate', 6],
    ]);
    expect(profileLine(ms, 2, 'a run')).toBe('4.00 ms a run: 75 % xstate (3.00 ms), 25 % GC (1.00 ms)');
  });
});

describe('the model floor', () => {
  const costs: Costs = { event: 3, assign: 0.5, action: 0.25, raise: 1, delayed: 2, cancel: 1 };
  const asks: Asks = { events: 1000, assigns: 1200, actions: 400, raises: 0, delayed: 300, cancels: 200 };

  it('charges every event the floor and every other ask its price beyond it', () => {
    const model = modelFloor(asks, costs);
    // 3 + 0.1 (200 assigns beyond one an event) + 0.1 + 0 + 0.6 + 0.2
    expect(model.ms).toBeCloseTo(4);
    expect(model.terms.map((t) => [t.what, t.count])).toEqual([
      ['events', 1000],
      ['assigns beyond one an event', 200],
      ['action functions', 400],
      ['immediate raises', 0],
      ['delayed events set', 300],
      ['cancels', 200],
    ]);
  });

  it('gives back the assign a floor event has where a run has fewer than one an event', () => {
    expect(modelFloor({ ...asks, assigns: 800 }, costs).terms[1]!.ms).toBeCloseTo(-0.1);
  });
});
