/**
 * Model-based tests: small abstract models of two actors, traversed with @xstate/graph, and every
 * path replayed on the real engine with the virtual clock. The real actors use `after` timers
 * (which createTestModel refuses), so time passing is an explicit model event (WAIT, WAIT_DAY).
 */
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { assign, createMachine, initialTransition, setup, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { scenario, type EventInput, type Setup } from './harness';

/** Paths from @xstate/graph start with the machine's init event, which the typings leave out. */
const INIT: string = 'xstate.init';
const isInit = (e: { type: string }): boolean => e.type === INIT;

type AppModelEvent =
  { type: 'FOREGROUND' } | { type: 'BACKGROUND' } | { type: 'FORCE_QUIT' } | { type: 'PUSH' } | { type: 'WAIT' };

/** DEV-4 and LAUNCH-1 as a person would draw them. */
const appModel = createMachine({
  types: {} as { events: AppModelEvent },
  id: 'appModel',
  initial: 'suspended',
  states: {
    notRunning: { on: { FOREGROUND: 'foreground', PUSH: 'background' } },
    foreground: { on: { BACKGROUND: 'background', FORCE_QUIT: 'notRunning', PUSH: 'foreground' } },
    background: { on: { FOREGROUND: 'foreground', FORCE_QUIT: 'notRunning', WAIT: 'suspended', PUSH: 'background' } },
    suspended: { on: { FOREGROUND: 'foreground', FORCE_QUIT: 'notRunning', PUSH: 'background' } },
  },
});

const APP_EVENTS: AppModelEvent[] = ['FOREGROUND', 'BACKGROUND', 'FORCE_QUIT', 'PUSH', 'WAIT'].map(
  (type) => ({ type }) as AppModelEvent,
);

/** Replays model events as a timeline; returns the times at which to compare. */
function replay(
  events: readonly { type: string }[],
  toInput: (type: string, n: number) => EventInput | 'wait',
  wait: number,
  settle: number,
) {
  const timeline: [number, EventInput][] = [];
  const checks: number[] = [];
  let t = 1_000;
  events.forEach((e, n) => {
    const input = toInput(e.type, n);
    if (input !== 'wait') timeline.push([t, input]);
    t += input === 'wait' ? wait : settle;
    // compare just before the next event happens
    checks.push(t - 1);
  });
  return { timeline, checks, end: t + 1_000 };
}

describe('appProcess against its model (DEV-4, LAUNCH-1)', () => {
  const paths = getSimplePaths(appModel, { events: APP_EVENTS });
  it('has paths to every model state', () => {
    expect(new Set(paths.map((p) => p.state.value as string))).toEqual(
      new Set(['notRunning', 'foreground', 'background', 'suspended']),
    );
  });
  it.each(paths.map((p) => [p.steps.map((s) => s.event.type).join(' → ') || '(start)', p] as const))(
    '%s',
    (_name, path) => {
      const steps = path.steps.filter((s) => !isInit(s.event));
      const { timeline, checks, end } = replay(
        steps.map((s) => s.event),
        (type, n) =>
          type === 'WAIT'
            ? 'wait'
            : type === 'PUSH'
              ? { do: 'push', id: `p${n}`, kind: 'voip' }
              : { do: 'app', action: type === 'FORCE_QUIT' ? 'force-quit' : type.toLowerCase() },
        35_000,
        3_000,
      );
      const setup: Setup = { duration: end, device: { app: 'suspended' }, params: { ringTimeout: '1s' } };
      const { trace } = simulate(scenario(setup, timeline));
      steps.forEach((step, i) => {
        const expected = (step.state.value as string).replace('notRunning', 'not-running');
        expect(trace.stateAt(checks[i]!).app.state, `after ${step.event.type} (#${i + 1})`).toBe(expected);
      });
    },
  );
});

type ThrottleEvent = { type: 'STRIKE' } | { type: 'RESET' } | { type: 'WAIT_DAY' };

/** THROTTLE-1/2 as a counter: five failures block, a reinstall or a quiet day clears. */
const throttleModel = setup({
  types: { context: {} as { strikes: number }, events: {} as ThrottleEvent },
  guards: { isFifth: ({ context }) => context.strikes === 4 },
}).createMachine({
  id: 'throttleModel',
  context: { strikes: 0 },
  initial: 'delivering',
  states: {
    delivering: {
      on: {
        STRIKE: [
          { guard: 'isFifth', target: 'throttled', actions: assign({ strikes: 5 }) },
          { actions: assign({ strikes: ({ context }) => context.strikes + 1 }) },
        ],
        RESET: { actions: assign({ strikes: 0 }) },
        WAIT_DAY: { actions: assign({ strikes: 0 }) },
      },
    },
    throttled: {
      on: {
        RESET: { target: 'delivering', actions: assign({ strikes: 0 }) },
        WAIT_DAY: { target: 'delivering', actions: assign({ strikes: 0 }) },
      },
    },
  },
});

describe('callServices against its throttle model (THROTTLE-1/2)', () => {
  const events: ThrottleEvent[] = [{ type: 'STRIKE' }, { type: 'RESET' }, { type: 'WAIT_DAY' }];
  const paths = getShortestPaths(throttleModel, {
    events,
    serializeState: (s) => `${String(s.value)}:${s.context.strikes}`,
  });
  it('reaches the throttle and every strike count', () => {
    expect(paths.map((p) => `${p.state.value as string}:${p.state.context.strikes}`).sort()).toEqual(
      ['delivering:0', 'delivering:1', 'delivering:2', 'delivering:3', 'delivering:4', 'throttled:5'].sort(),
    );
  });
  // Extend each shortest path with every event once more, so transitions out of each state are replayed too.
  const extended = paths.flatMap((p) => events.map((e) => [...p.steps.map((s) => s.event), e]));
  it.each(
    extended.map(
      (evs) =>
        [
          evs
            .map((e) => e.type)
            .filter((t) => t !== INIT)
            .join(' → '),
          evs,
        ] as const,
    ),
  )('%s', (_n, evs) => {
    const real = evs.filter((e): e is ThrottleEvent => !isInit(e));
    const { timeline, checks, end } = replay(
      real,
      (type, n) =>
        type === 'WAIT_DAY'
          ? 'wait'
          : type === 'RESET'
            ? { do: 'app', action: 'reinstall' }
            : { do: 'push', id: `p${n}`, kind: 'voip' },
      24 * 3_600_000 + 60_000,
      5_000,
    );
    const { trace } = simulate(scenario({ duration: end, app: { report: 'never' } }, timeline));
    let [model] = initialTransition(throttleModel);
    real.forEach((e, i) => {
      [model] = transition(throttleModel, model, e);
      const state = trace.stateAt(checks[i]!).callServices;
      expect(state.throttled, `throttled after ${e.type} (#${i + 1})`).toBe(model.value === 'throttled');
      expect(state.strikesInWindow, `strikes after ${e.type} (#${i + 1})`).toBe(model.context.strikes);
    });
  });
});
