import type { AnyActorRef } from 'xstate';
import type { VirtualClock } from './clock';
import { ACTOR } from '../actors/env';
import type { SimEnv } from '../actors/env';
import { ACTOR_NAMES, History, type Histories, type MachineSnapshot } from './history';
import { Journal } from './journal';
import { historyList } from './checkpoint';
import { actorOf, snapshotOf, type TimerMeta } from './xstateSeam';
import type { Params } from '../scenario/params';
import type { Scenario, TimelineEvent } from '../scenario/types';
import type { SimTime } from './time';

/**
 * What actors are given (`SimEnv`). Its state lives in private fields behind getters, so that xstate,
 * which walks every context it restores from a snapshot, does not walk the journal and the scenario.
 */
export class Env implements SimEnv {
  #scenario: Scenario;
  #clock: VirtualClock<TimerMeta>;
  readonly #journal: Journal;

  constructor(scenario: Scenario, clock: VirtualClock<TimerMeta>) {
    this.#scenario = scenario;
    this.#clock = clock;
    this.#journal = new Journal(() => this.#clock.now());
  }
  get scenario(): Scenario {
    return this.#scenario;
  }
  get params(): Params {
    return this.#scenario.params;
  }
  get journal(): Journal {
    return this.#journal;
  }
  now(): SimTime {
    return this.#clock.now();
  }
  /** A re-simulation goes on with the edited scenario and a new clock. */
  resume(scenario: Scenario, clock: VirtualClock<TimerMeta>): void {
    this.#scenario = scenario;
    this.#clock = clock;
  }
}

/** Empty histories, one per actor. */
export function newHistories(): Histories {
  return {
    apns: new History(),
    device: new History(),
    callServices: new History(),
    app: new History(),
    callKit: new History(),
  };
}

/** Records each actor's state into its history as it changes, at the clock's time; `now` first. */
export function recordActors(
  root: AnyActorRef,
  histories: Histories,
  clock: VirtualClock<TimerMeta>,
  now: boolean,
): void {
  const list = historyList(histories);
  ACTOR_NAMES.forEach((name, i) => {
    const history = list[i];
    if (!history) return;
    const actor = actorOf(root, ACTOR[name]);
    if (now) history.record(clock.now(), snapshotOf(root, ACTOR[name]));
    actor.subscribe((snapshot: MachineSnapshot<unknown>) => history.record(clock.now(), snapshot));
  });
}

/** The timeline in firing order: by time, same-time events in the file's order. */
export function sortedTimeline(timeline: readonly TimelineEvent[]): TimelineEvent[] {
  return timeline
    .map((event, i) => [event, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([event]) => event);
}

/** Everything of a scenario but its timeline and what only labels the result (title, expectations). */
export function fixedPart(s: Scenario): string {
  return JSON.stringify([s.duration, s.device, s.app, s.params]);
}
