/**
 * `effects` (effects.ts) stands in for xstate's `enqueueActions` on the engine's hot path, through
 * xstate's built-in action protocol: held here to do exactly what `enqueueActions` does, so that an
 * xstate upgrade that changes the protocol fails by name rather than as a quietly different result.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, enqueueActions, setup, type AnyActorRef } from 'xstate';
import { effects } from './effects';
import { VirtualClock } from '../engine/clock';
import { Time } from '../engine/time';

type Ev = { type: 'go'; n: number } | { type: 'tick'; n: number } | { type: 'stop' } | { type: 'heard'; n: number };

interface Ctx {
  readonly total: number;
  readonly log: readonly string[];
}

/** A machine whose `act` assigns, sends, raises now and later, and cancels, in an order that matters. */
function machine(kind: 'effects' | 'enqueueActions') {
  const make: typeof effects = kind === 'effects' ? effects : enqueueActions;
  return setup({
    types: { context: {} as Ctx, events: {} as Ev },
    actors: {
      ear: setup({ types: { context: {} as { heard: number[] }, events: {} as Ev } }).createMachine({
        context: { heard: [] },
        on: {
          heard: { actions: ({ context, event }) => void context.heard.push(event.n) },
        },
      }),
    },
    actions: {
      act: make(({ context, event, enqueue }, params: { by: number }) => {
        if (event.type !== 'go') return;
        enqueue.assign({ total: context.total + event.n * params.by, log: [...context.log, `go ${event.n}`] });
        enqueue.sendTo(({ system }) => system.get('ear') as AnyActorRef, { type: 'heard', n: event.n });
        enqueue.raise({ type: 'tick', n: event.n }, { delay: 1_000, id: `tick:${event.n}` });
        enqueue.raise({ type: 'tick', n: -event.n });
        enqueue.assign(() => ({
          ...context,
          total: context.total + event.n * params.by + 1,
          log: [...context.log, `go ${event.n}`],
        }));
      }),
      cancelAll: make(({ enqueue }) => {
        enqueue.cancel('tick:1');
        enqueue.cancel('tick:2');
      }),
    },
  }).createMachine({
    context: { total: 0, log: [] },
    invoke: { id: 'ear', systemId: 'ear', src: 'ear' },
    on: {
      go: { actions: { type: 'act', params: { by: 10 } } },
      tick: {
        actions: assign({
          log: ({ context, event }) => [...context.log, `tick ${event.type === 'tick' ? event.n : '?'}`],
        }),
      },
      stop: { actions: 'cancelAll' },
    },
  });
}

function run(kind: 'effects' | 'enqueueActions', cancelFirst: boolean) {
  const clock = new VirtualClock(Time.ms(0));
  const actor = createActor(machine(kind), { clock }).start();
  actor.send({ type: 'go', n: 1 });
  actor.send({ type: 'go', n: 2 });
  if (cancelFirst) actor.send({ type: 'stop' });
  clock.runUntil(Time.ms(5_000));
  const snapshot = actor.getSnapshot();
  const ear = snapshot.children.ear?.getSnapshot() as { context: { heard: number[] } };
  actor.stop();
  return { context: snapshot.context, heard: ear.context.heard, pending: clock.pending().length };
}

describe('effects, held to enqueueActions', () => {
  it('assigns with params, sends, raises now and after a delay, in the order enqueued', () => {
    const lean = run('effects', false);
    expect(lean).toEqual(run('enqueueActions', false));
    // Each go: the params reached the action, the last assign (a whole context) won, the immediate tick
    // came next; the delayed ticks fired a second later, in the order raised.
    expect(lean.context.total).toBe(32);
    expect(lean.heard).toEqual([1, 2]);
    expect(lean.context.log).toEqual(['go 1', 'tick -1', 'go 2', 'tick -2', 'tick 1', 'tick 2']);
  });

  it('cancels a delayed event by its id', () => {
    const lean = run('effects', true);
    expect(lean).toEqual(run('enqueueActions', true));
    expect(lean.context.log).not.toContain('tick 1');
    expect(lean.pending).toBe(0);
  });
});
