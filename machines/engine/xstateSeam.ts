import { createActor, type AnyActorRef, type EventObject, type InspectionEvent, type Snapshot } from 'xstate';
import type { VirtualClock, PendingTimer } from './clock';
import type { MachineSnapshot } from './history';
// Type only: the actors import `resolvingAction` from here, and the root machine imports the actors.
import type { ringsideMachine } from './ringsideMachine';
import type { SimEnv } from '../actors/env';

/**
 * The places where the engine leans on xstate internals that its public API does not promise. Two are
 * needed to resume a run from a checkpoint (`Simulator`): the scheduler's `schedule` is wrapped to
 * learn what each delayed event is, and a resumed root is created from a snapshot built by hand
 * (xstate's own `getPersistedSnapshot` would copy every context and reschedule timers by wall time).
 * The third is on every event's path: `resolvingAction`, the built-in action protocol the actors'
 * `effects` (a lighter `enqueueActions`) is made with. `xstateSeam.test.ts` asserts what each relies
 * on, so an xstate upgrade that breaks one fails there. What they buy is measured in INTERNALS.md
 * ("The xstate seam").
 */

/** What a delayed xstate event is, so that a checkpoint can set it again on new actors. */
export interface TimerMeta {
  readonly source: string;
  readonly target: string;
  readonly event: EventObject;
  readonly id: string | undefined;
}

/** A child actor's snapshot, as far as catching up compares it. */
export interface ActorSnapshot {
  readonly status: string;
  readonly value: unknown;
  readonly context: unknown;
  readonly historyValue: unknown;
  readonly children: Record<string, unknown>;
}

/** How the root actor is created: the same for a fresh and a resumed run. */
export interface RootOptions {
  readonly env: SimEnv;
  readonly clock: VirtualClock<TimerMeta>;
  readonly inspect?: ((event: InspectionEvent) => void) | undefined;
  /** The root machine: `ringsideMachine`, or (tests only) one with some actors provided in its place. */
  readonly machine: typeof ringsideMachine;
}

/** The root and its actors as a checkpoint keeps them. */
export interface RootState {
  readonly root: MachineSnapshot<unknown>;
  readonly children: readonly (readonly [string, unknown])[];
}

/** A root actor that starts afresh, its timers described to the clock (not started). */
export function freshRoot({ env, clock, inspect, machine }: RootOptions): AnyActorRef {
  const root = createActor(machine, {
    input: { env },
    clock,
    id: 'ringside',
    ...(inspect ? { inspect } : {}),
  });
  describeTimers(root, clock);
  return root;
}

/**
 * A root actor that goes on from `state` (not started): the snapshot xstate restores from, built from
 * the root's value and context and each child's own snapshot. Its pending timers are set again with
 * `scheduleAgain` once it has started.
 */
export function restoredRoot({ env, clock, machine }: RootOptions, state: RootState): AnyActorRef {
  const snapshot = {
    status: 'active',
    value: state.root.value,
    context: state.root.context,
    historyValue: {},
    children: Object.fromEntries(state.children.map(([id, child]) => [id, { snapshot: child, src: id, systemId: id }])),
  };
  const root = createActor(machine, {
    input: { env },
    clock,
    id: 'ringside',
    // The persisted-snapshot shape xstate restores from: not a type it exports.
    snapshot: snapshot as unknown as Snapshot<unknown>,
  });
  describeTimers(root, clock);
  return root;
}

/** Sets a checkpoint's pending timers again, each at its original place in the clock's order. */
export function scheduleAgain(
  root: AnyActorRef,
  clock: VirtualClock<TimerMeta>,
  timers: readonly PendingTimer<TimerMeta>[],
  now: number,
): void {
  for (const timer of timers) {
    const meta = timer.meta;
    if (!meta) throw new Error('engine: a pending timer that xstate did not describe cannot be set again');
    clock.nextKey = timer;
    root.system.scheduler.schedule(
      actorOf(root, meta.source),
      actorOf(root, meta.target),
      meta.event,
      timer.due - now,
      meta.id,
    );
  }
}

/** The root itself or the actor registered under `id` in its system. */
export function actorOf(root: AnyActorRef, id: string): AnyActorRef {
  if (id === root.id) return root;
  const actor = root.system.get(id) as AnyActorRef | undefined;
  if (!actor) throw new Error(`engine: no actor ${id} in the system`);
  return actor;
}

/** The ids of the root's children, in its snapshot's order. */
export function childIds(root: AnyActorRef): string[] {
  return Object.keys((root.getSnapshot() as { children: Record<string, unknown> }).children);
}

/** The root's value and context and each child's snapshot, as a checkpoint keeps them. */
export function rootState(root: AnyActorRef, ids: readonly string[]): RootState {
  return {
    root: root.getSnapshot() as MachineSnapshot<unknown>,
    children: ids.map((id) => [id, actorOf(root, id).getSnapshot()] as const),
  };
}

/** A child's snapshot, as catching up compares it. */
export function snapshotOf(root: AnyActorRef, id: string): ActorSnapshot {
  return actorOf(root, id).getSnapshot() as ActorSnapshot;
}

/**
 * Tells the clock what each delayed xstate event is (sender, receiver, event, id) as xstate sets it,
 * so that a checkpoint can set the same events again on the actors of a resumed run: xstate's
 * scheduler calls the clock's `setTimeout` from inside `schedule`, so the meta set just before is
 * the timer's.
 */
function describeTimers(root: AnyActorRef, clock: VirtualClock<TimerMeta>): void {
  clock.describe = (meta) =>
    meta
      ? `${meta.target}'s delayed event ${meta.event.type}${meta.id && meta.id !== meta.event.type ? ` (id ${meta.id})` : ''}`
      : 'a timer';
  const scheduler = root.system.scheduler;
  const schedule = scheduler.schedule.bind(scheduler);
  scheduler.schedule = (source, target, event, delay, id) => {
    clock.nextMeta = { source: source.id, target: target.id, event, id };
    schedule(source, target, event, delay, id);
  };
}

/** What xstate hands a built-in action's `resolve`, as far as `resolvingAction` reads it. */
interface ActionArgs {
  readonly context: unknown;
  readonly event: EventObject;
}

/** What `resolvingAction`'s action carries beside xstate's `type` and `resolve`. */
interface Resolving {
  readonly collect: (context: never, event: EventObject, params: unknown) => unknown[];
}

function resolveCollected(
  _scope: unknown,
  snapshot: unknown,
  args: ActionArgs,
  params: unknown,
  { collect }: Resolving,
): [unknown, undefined, unknown[]] {
  return [snapshot, undefined, collect(args.context as never, args.event, params)];
}

/**
 * An action that xstate resolves, like `enqueueActions`, into the actions `collect` returns (made by
 * xstate's own `assign`, `raise`, `cancel`, `sendTo`), resolved and executed in that order. It is
 * xstate's built-in action protocol: a function carrying `type` and
 * `resolve(scope, snapshot, { context, event }, params, action)` → `[snapshot, params, actions]`.
 * The caller types it (`actors/effects.ts`).
 */
export function resolvingAction(
  collect: (context: never, event: EventObject, params: unknown) => unknown[],
): () => void {
  // The shape of xstate's built-in actions: a function carrying its type and `resolve`.
  function resolving(): void {}
  resolving.type = 'xstate.enqueueActions';
  resolving.collect = collect;
  resolving.resolve = resolveCollected;
  return resolving;
}
