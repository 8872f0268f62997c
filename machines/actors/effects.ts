import {
  assign,
  cancel,
  raise,
  sendTo,
  type ActionFunction,
  type AnyActorRef,
  type EventObject,
  type MachineContext,
  type ParameterizedObject,
  type ProvidedActor,
} from 'xstate';
import { resolvingAction } from '../engine/xstateSeam';

/**
 * `effects(collect)`: xstate's `enqueueActions`, made cheaper for the engine's hot path.
 *
 * `enqueueActions` builds, on every call, a fresh `enqueue` function with nine method closures, a
 * `check` closure and an argument object: ~1.4 KB per xstate event in the bench's busy day (13 % of
 * all it allocates, and scavenges are a third of a run). `effects` gives the callback one small
 * object instead, whose methods are on its prototype, and returns the very actions xstate's own
 * `assign`, `raise`, `cancel` and `sendTo` make, in the order they were enqueued: xstate resolves
 * and executes them exactly as it does `enqueueActions`' (same type, same `resolve` protocol).
 *
 * It leans on xstate's built-in action protocol, which its public API does not promise, only through
 * `resolvingAction` (engine/xstateSeam.ts, where the engine's other leans on xstate's internals are
 * and `xstateSeam.test.ts` asserts the protocol); `effects.test.ts` holds `effects` to `enqueueActions`.
 */

/** What `effects`' callback may enqueue: the part of xstate's `enqueue` the engine uses. */
export interface Effects<TContext, TEvent extends EventObject, TDelay extends string> {
  assign(update: Partial<TContext> | (() => TContext)): void;
  raise(event: TEvent, options?: { readonly delay?: TDelay | number; readonly id?: string }): void;
  cancel(id: string): void;
  sendTo<E extends EventObject>(
    target: (args: { system: { get(id: string): unknown } }) => AnyActorRef,
    event: E,
    options?: { readonly delay?: number; readonly id?: string },
  ): void;
}

/** The callback's first argument, as `enqueueActions` gives it (without `check`, `self`, `system`). */
export interface EffectArgs<
  TContext,
  TExpressionEvent extends EventObject,
  TEvent extends EventObject,
  TDelay extends string,
> {
  readonly context: TContext;
  readonly event: TExpressionEvent;
  readonly enqueue: Effects<TContext, TEvent, TDelay>;
}

/** One call's queue: the callback's argument and its own `enqueue` (one object, methods shared). */
class Queue<TContext, TExpressionEvent extends EventObject, TEvent extends EventObject, TDelay extends string>
  implements EffectArgs<TContext, TExpressionEvent, TEvent, TDelay>, Effects<TContext, TEvent, TDelay>
{
  readonly actions: unknown[] = [];
  readonly enqueue: Effects<TContext, TEvent, TDelay> = this;

  constructor(
    readonly context: TContext,
    readonly event: TExpressionEvent,
  ) {}

  assign(update: Partial<TContext> | (() => TContext)): void {
    this.actions.push(assign(update as never));
  }
  raise(event: TEvent, options?: { readonly delay?: TDelay | number; readonly id?: string }): void {
    this.actions.push(raise(event as never, options as never));
  }
  cancel(id: string): void {
    this.actions.push(cancel(id));
  }
  sendTo<E extends EventObject>(
    target: (args: { system: { get(id: string): unknown } }) => AnyActorRef,
    event: E,
    options?: { readonly delay?: number; readonly id?: string },
  ): void {
    this.actions.push(sendTo(target as never, event as never, options as never));
  }
}

type Collect<
  TContext,
  TExpressionEvent extends EventObject,
  TParams,
  TEvent extends EventObject,
  TDelay extends string,
> = (args: EffectArgs<TContext, TExpressionEvent, TEvent, TDelay>, params: TParams) => void;

/**
 * Like xstate's `enqueueActions(collect)` (same typing: the machine's context, events and delays),
 * with a lighter `enqueue`: `assign`, `raise`, `cancel` and `sendTo`.
 */
export function effects<
  TContext extends MachineContext,
  TExpressionEvent extends EventObject,
  TParams extends ParameterizedObject['params'] | undefined,
  TEvent extends EventObject = TExpressionEvent,
  TActor extends ProvidedActor = ProvidedActor,
  TAction extends ParameterizedObject = ParameterizedObject,
  TGuard extends ParameterizedObject = ParameterizedObject,
  TDelay extends string = never,
  TEmitted extends EventObject = EventObject,
>(
  collect: Collect<TContext, TExpressionEvent, TParams, TEvent, TDelay>,
): ActionFunction<TContext, TExpressionEvent, TEvent, TParams, TActor, TAction, TGuard, TDelay, TEmitted> {
  return resolvingAction((context, event, params) => {
    const queue = new Queue<TContext, TExpressionEvent, TEvent, TDelay>(context, event as TExpressionEvent);
    collect(queue, params as TParams);
    return queue.actions;
  });
}
