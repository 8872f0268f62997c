import type { AnyActorRef } from 'xstate';
import { atLeast, IOS_MUST_REPORT, IOS_REPORTING_REQUIRED, type IosThreshold } from '../scenario/versions';
import type { Journal } from '../engine/journal';
import type { Params } from '../scenario/params';
import type { Scenario } from '../scenario/types';
import type { SimTime } from '../engine/time';

/** What every actor is given: the scenario, its resolved params, the virtual time and the journal. */
export interface SimEnv {
  readonly scenario: Scenario;
  readonly params: Params;
  readonly journal: Journal;
  now(): SimTime;
}

/** Actor system ids: actors find each other with `system.get(ACTOR.apns)`. */
export const ACTOR = {
  apns: 'apns',
  device: 'device',
  callServices: 'callServices',
  app: 'app',
  callKit: 'callKit',
} as const;

export type ActorName = (typeof ACTOR)[keyof typeof ACTOR];

type Target = ({ system }: { system: { get(id: string): unknown } }) => AnyActorRef;
const target =
  (name: ActorName): Target =>
  ({ system }) =>
    system.get(name) as AnyActorRef;
/** One target function per actor, made once: `to` runs for every event sent. */
const TARGETS: Readonly<Record<ActorName, Target>> = {
  apns: target(ACTOR.apns),
  device: target(ACTOR.device),
  callServices: target(ACTOR.callServices),
  app: target(ACTOR.app),
  callKit: target(ACTOR.callKit),
};

/** Target for `sendTo`: the actor registered under `name` in the system. */
export const to = (name: ActorName): Target => TARGETS[name];

/**
 * What an actor's action module may enqueue: the part of xstate's `enqueue` the engine uses, typed for
 * one actor (its context, the events it raises, the events it sends, its named delays). Each machine
 * exports its own, e.g. `DeviceEnqueue`, and passes xstate's `enqueue` as it is.
 */
export interface Enqueue<Context, Self, Out, Delay extends string = never> {
  assign(update: Partial<Context> | (() => Context)): void;
  raise(event: Self, options?: { delay: Delay | number; id: string }): void;
  cancel(id: string): void;
  sendTo(target: ReturnType<typeof to>, event: Out): void;
}

/** True when the scenario's iOS is at least `threshold` (versions.ts lists every one the rules use). */
export function iosAtLeast(env: SimEnv, threshold: IosThreshold): boolean {
  return atLeast(env.scenario.device.ios, threshold);
}

/** PK-1/KILL-1 enforcement exists from iOS 13 on. */
export const enforcesReporting = (env: SimEnv): boolean => iosAtLeast(env, IOS_REPORTING_REQUIRED);

/** MUST-1: the iOS 26.4 delegate, used only when the app adopts it. */
export const usesMustReport = (env: SimEnv): boolean =>
  iosAtLeast(env, IOS_MUST_REPORT) && env.scenario.app.checksMustReport;

/** Seconds for sentences: `7 s`, `0.3 s`. */
export function secs(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}
