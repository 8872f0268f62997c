/**
 * What the engine relies on in xstate's internals (xstateSeam.ts), asserted directly: an xstate
 * upgrade that changes the scheduler or the snapshot shape restore accepts fails here, by name,
 * rather than as a drag frame that quietly differs from a fresh run.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, raise, setup } from 'xstate';
import { scenario } from '../test/harness';
import { VirtualClock } from './clock';
import { Env, sortedTimeline } from './wiring';
import { playTimelineEvent } from './provider';
import { same } from './same';
import {
  actorOf,
  childIds,
  freshRoot,
  resolvingAction,
  restoredRoot,
  rootState,
  scheduleAgain,
  snapshotOf,
  type TimerMeta,
} from './xstateSeam';
import { Time } from './time';
import { DEFAULT_PARAMS } from '../scenario/params';
import { ringsideMachine } from './ringsideMachine';

// A background app arms its ~30 s grace at start (DEV-4): a delayed event raised to itself with an id.
const s = scenario({ duration: '2m', device: { app: 'background' } }, [
  ['5s', { do: 'push', id: 'p1', kind: 'alert' }],
]);

function started() {
  const clock = new VirtualClock<TimerMeta>(Time.ms(0));
  const env = new Env(s, clock);
  const root = freshRoot({ env, clock, machine: ringsideMachine });
  root.start();
  return { clock, env, root };
}

describe("xstate's scheduler, as describeTimers wraps it", () => {
  it('calls schedule(source, target, event, delay, id) and, inside it, the clock’s setTimeout', () => {
    const { clock, root } = started();
    expect(typeof root.system.scheduler.schedule).toBe('function');
    const grace = clock.pending().find((t) => t.meta?.event.type === 'grace.end');
    // The meta set just before setTimeout reached this timer: the call is synchronous and in that order.
    expect(grace?.meta).toEqual({ source: 'app', target: 'app', event: { type: 'grace.end' }, id: 'grace' });
    expect(grace?.due).toBe(DEFAULT_PARAMS.backgroundGrace);
    // Every pending timer was described (none set behind schedule's back).
    expect(clock.pending().every((t) => t.meta !== undefined)).toBe(true);
    root.stop();
  });

  it('cancels a scheduled event by the source and id it was scheduled with', () => {
    const { clock, root } = started();
    root.system.scheduler.cancel(actorOf(root, 'app'), 'grace');
    expect(clock.pending().some((t) => t.meta?.id === 'grace')).toBe(false);
    root.stop();
  });
});

describe('restoring from the hand-built snapshot', () => {
  it('gives back every actor as it was, runs no entry action again and schedules nothing by itself', () => {
    const { clock, env, root } = started();
    clock.setTimeline(sortedTimeline(s.timeline), (event) => playTimelineEvent(event, env, root.system));
    clock.runUntil(Time.ms(10_000));
    const ids = childIds(root);
    expect([...ids].sort()).toEqual(['apns', 'app', 'callKit', 'callServices', 'device']);
    const state = rootState(root, ids);
    const timers = clock.pending();
    const now = clock.now();
    const calls = env.journal.calls().length;
    root.stop();

    const clock2 = new VirtualClock<TimerMeta>(Time.ms(now));
    clock2.restore(now, clock.counter());
    env.resume(s, clock2);
    const restored = restoredRoot({ env, clock: clock2, machine: ringsideMachine }, state);
    restored.start();
    // xstate restored the children under the same ids, in the same order, with the same snapshots.
    expect(childIds(restored)).toEqual(ids);
    for (const [id, kept] of state.children) {
      const now2 = snapshotOf(restored, id);
      expect(now2.status).toBe('active');
      expect(same(now2.value, (kept as { value: unknown }).value)).toBe(true);
      expect(same(now2.context, (kept as { context: unknown }).context)).toBe(true);
    }
    expect(same((restored.getSnapshot() as { value: unknown }).value, state.root.value)).toBe(true);
    // No entry action ran again (the journal is as it was) and no timer came back on its own.
    expect(env.journal.calls().length).toBe(calls);
    expect(clock2.pending()).toEqual([]);

    scheduleAgain(restored, clock2, timers, now);
    const again = clock2.pending();
    expect(again.map((t) => [t.due, t.tier, t.seq, t.meta])).toEqual(timers.map((t) => [t.due, t.tier, t.seq, t.meta]));
    // A timer set again reaches its actor: the grace ends and the app is suspended.
    clock2.runUntil(Time.ms(60_000));
    expect(JSON.stringify(snapshotOf(restored, 'app').value)).toContain('suspended');
    restored.stop();
  });
});

describe("xstate's built-in action protocol, as resolvingAction uses it", () => {
  type Ev = { type: 'go'; n: number } | { type: 'then'; n: number };
  it('resolves an action with the context, the event and the params, into actions run in order', () => {
    const seen: unknown[] = [];
    const machine = setup({
      types: { context: {} as { log: readonly string[] }, events: {} as Ev },
      actions: {
        act: resolvingAction((context: { log: readonly string[] }, event, params) => {
          seen.push([context.log.length, event, params]);
          const { n } = event as Ev;
          return [
            assign({ log: [...context.log, `go ${n}`] }),
            raise({ type: 'then', n } as never),
            assign(({ context: c }: { context: { log: readonly string[] } }) => ({ log: [...c.log, 'assigned'] })),
          ];
        }),
      },
    }).createMachine({
      context: { log: [] },
      on: {
        go: { actions: { type: 'act', params: { by: 2 } } },
        then: { actions: assign(({ context, event }) => ({ log: [...context.log, `then ${event.n}`] })) },
      },
    });
    const actor = createActor(machine).start();
    actor.send({ type: 'go', n: 1 });
    actor.send({ type: 'go', n: 2 });
    // Each returned action was resolved in order (the second assign saw the first's context), and the
    // raised event came after the action's own step.
    expect(actor.getSnapshot().context.log).toEqual(['go 1', 'assigned', 'then 1', 'go 2', 'assigned', 'then 2']);
    expect(seen).toEqual([
      [0, { type: 'go', n: 1 }, { by: 2 }],
      [3, { type: 'go', n: 2 }, { by: 2 }],
    ]);
    actor.stop();
  });
});
