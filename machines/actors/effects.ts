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
 * It leans on xstate's built-in action protocol (an action function carrying `resolve`, called with
 * the actor scope, the snapshot, the action's arguments and params, and the action itself, which
 * returns `[snapshot, params, actions]`), which its public API does not promise: `effects.test.ts`
 * holds it to `enqueueActions`, so an xstate upgrade that changes it fails there.
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

/** What xstate hands a built-in action's `resolve`; only the parts `effects` reads. */
interface ActionArgs {
  readonly context: never;
  readonly event: EventObject;
}

function resolveEffects(
  _scope: unknown,
  snapshot: unknown,
  args: ActionArgs,
  params: unknown,
  { collect }: { collect: (args: EffectArgs<never, EventObject, EventObject, string>, params: unknown) => void },
): [unknown, undefined, unknown[]] {
  const queue = new Queue<never, EventObject, EventObject, string>(args.context, args.event);
  collect(queue, params);
  return [snapshot, undefined, queue.actions];
}

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
  // The shape of xstate's built-in actions: a function carrying its type and `resolve`.
  function effects(): void {}
  effects.type = 'xstate.enqueueActions';
  effects.collect = collect;
  effects.resolve = resolveEffects;
  return effects;
}
