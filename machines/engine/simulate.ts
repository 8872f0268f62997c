import type { AnyActorRef, AnyStateMachine, InspectionEvent } from 'xstate';
import { ringsideMachine } from './ringsideMachine';
import { ACTOR, type ActorName } from '../actors/env';
import { playTimelineEvent } from './provider';
import { VirtualClock } from './clock';
import type { Histories } from './history';
import { buildOutput, type Given } from './build';
import {
  CHECKPOINT_EVERY,
  DENSE_FIRINGS,
  caughtUp,
  keptBefore,
  historyList,
  lastBefore,
  previousOf,
  takeOver,
  type Checkpoint,
  type Previous,
} from './checkpoint';
import { Env, fixedPart, newHistories, recordActors, sortedTimeline } from './wiring';
import { childIds, freshRoot, restoredRoot, rootState, scheduleAgain, type TimerMeta } from './xstateSeam';
import type { SimulationOutput } from './result';
import { firstDifference, sameFrom } from './same';
import type { Scenario, TimelineEvent } from '../scenario/types';
import { Time, type SimTime } from './time';

/** The live state of the last run, kept to go on from one of its checkpoints. */
interface Run {
  readonly scenario: Scenario;
  readonly fixed: string;
  readonly sorted: readonly TimelineEvent[];
  readonly start: SimTime;
  readonly end: SimTime;
  readonly env: Env;
  readonly histories: Histories;
  readonly checkpoints: Checkpoint[];
}

/** Where a run goes on from: its first firing's number and timeline cursor, and the run it may catch up with. */
interface From {
  readonly fired: number;
  readonly cursor: number;
  readonly previous?: Previous;
}

export interface SimulateOptions {
  /** xstate's inspection hook, for measuring (`npm run bench` counts events with it); slows the run. */
  readonly inspect?: (event: InspectionEvent) => void;
  /** Firings between checkpoints (`CHECKPOINT_EVERY`); tests use a few to try many more of them. */
  readonly checkpointEvery?: number;
  /**
   * Tests only: actors in place of the real ones (xstate's `provide`), e.g. the device with its idle
   * retries turned off, to hold the lazy cycle to the eager one, or a deliberately broken actor that
   * provokes the clock's firing budget.
   */
  readonly actors?: Partial<Record<ActorName, AnyStateMachine>>;
}

/**
 * Runs a scenario on a virtual clock and returns the result contract and the trace.
 * Pure: the same scenario always gives the same output.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationOutput {
  return new Simulator(options).run(scenario);
}

/**
 * A simulator that remembers its last run. Given an edited scenario (a push dragged in time, an event
 * added), it goes on from the last checkpoint before the first change instead of starting over: what
 * happened before that moment cannot differ. The output is the same as `simulate`'s for the same
 * scenario, byte for byte (a property test holds it to that); outputs already given never change.
 * Anything but the timeline edited (device, app, params, duration) means a fresh run.
 * Wiring is in wiring.ts, checkpoints and catching up in checkpoint.ts, the output in build.ts, and
 * what they need of xstate's internals in xstateSeam.ts.
 */
export class Simulator {
  private last: Run | undefined;
  /**
   * The push results last given, by id. A push whose story did not change (its record, `madeFrom`) gets the same
   * object again: building ~200 results with their sentences on every drag frame made most of what
   * outlived a minor GC, and those collections were the slow drag frames. (A deleted push's entry
   * stays until its id comes back: a new story never matches it.)
   */
  private readonly given = new Map<string, Given>();

  private readonly machine: typeof ringsideMachine;

  constructor(private readonly options: SimulateOptions = {}) {
    this.machine = options.actors
      ? ringsideMachine.provide({ actors: options.actors as Parameters<typeof ringsideMachine.provide>[0]['actors'] })
      : ringsideMachine;
  }

  /** Where the last run went on from: `undefined` for a fresh run, else the checkpoint's time. */
  resumedAt: number | undefined;
  /** Where the last run caught up with the run before it and took over the rest of it, if it did. */
  caughtUpAt: number | undefined;
  /**
   * Timers and timeline events the last run fired (a resumed run: from its checkpoint on): what a run
   * costs, which must grow with the scenario's events, not with its duration.
   */
  firings = 0;

  run(scenario: Scenario): SimulationOutput {
    const firstAt = scenario.timeline.reduce((m, e) => Math.min(m, e.at), 0);
    const start = Time.ms(firstAt);
    const end = Time.ms(Math.max(scenario.duration, firstAt));
    const sorted = sortedTimeline(scenario.timeline);
    const fixed = fixedPart(scenario);
    const last = this.last;
    // A run that throws (an engine bug) leaves the journal half rolled back: the next run starts afresh.
    this.last = undefined;
    this.resumedAt = undefined;
    this.caughtUpAt = undefined;
    if (last && !this.options.inspect && last.fixed === fixed && last.start === start && last.end === end) {
      // The same timeline (a new title, say): go on from the last checkpoint.
      const checkpoint = lastBefore(last.checkpoints, firstDifference(last.sorted, sorted) ?? Infinity);
      if (checkpoint) return this.resume(last, scenario, sorted, checkpoint);
    }
    return this.fresh(scenario, fixed, sorted, start, end);
  }

  private fresh(
    scenario: Scenario,
    fixed: string,
    sorted: readonly TimelineEvent[],
    start: SimTime,
    end: SimTime,
  ): SimulationOutput {
    const clock = new VirtualClock<TimerMeta>(start);
    const env = new Env(scenario, clock);
    const root = freshRoot({ env, clock, inspect: this.options.inspect, machine: this.machine });
    const histories = newHistories();
    root.start();
    recordActors(root, histories, clock, true);
    const run: Run = { scenario, fixed, sorted, start, end, env, histories, checkpoints: [] };
    return this.finish(run, root, clock, { fired: 0, cursor: 0 });
  }

  private resume(
    last: Run,
    scenario: Scenario,
    sorted: readonly TimelineEvent[],
    checkpoint: Checkpoint,
  ): SimulationOutput {
    const { env, histories, checkpoints } = last;
    const clock = new VirtualClock<TimerMeta>(Time.ms(checkpoint.now));
    clock.restore(checkpoint.now, checkpoint.counter);
    env.resume(scenario, clock);
    const index = checkpoints.indexOf(checkpoint);
    const log = env.journal.calls();
    const rolledBack = env.journal.rollback(checkpoint.journal);
    const previous = previousOf(checkpoints, index, sameFrom(last.sorted, sorted), log, rolledBack, histories);
    env.journal.watch();
    historyList(histories).forEach((h, i) => {
      const mark = checkpoint.histories[i];
      if (mark) h.rollback(mark);
    });
    checkpoints.length = index;
    keptBefore(checkpoints, checkpoint.fired);

    const root = restoredRoot({ env, clock, machine: this.machine }, checkpoint);
    root.start();
    scheduleAgain(root, clock, checkpoint.timers, checkpoint.now);
    recordActors(root, histories, clock, false);
    this.resumedAt = checkpoint.now;
    const run: Run = { ...last, scenario, sorted, checkpoints };
    return this.finish(run, root, clock, { fired: checkpoint.fired, cursor: checkpoint.cursor, previous });
  }

  /** Runs to the end from where the clock stands, taking checkpoints, and builds the output. */
  private finish(run: Run, root: AnyActorRef, clock: VirtualClock<TimerMeta>, from: From): SimulationOutput {
    const { env, histories, checkpoints, scenario, start, end, sorted } = run;
    const { previous } = from;
    const journal = env.journal;
    const ids = childIds(root);
    clock.setTimeline(sorted, (event) => playTimelineEvent(event, env, root.system), from.cursor);
    const every = this.options.checkpointEvery ?? CHECKPOINT_EVERY;
    let fired = from.fired;
    let taken = -Infinity;
    clock.runUntil(end, (next) => {
      const n = fired++;
      if (previous && next.tier === 1 && next.seq >= previous.suffixFrom) {
        const old = previous.byCursor.get(next.seq);
        if (old && caughtUp(old, previous, { clock, root, ids, journal, sorted })) {
          journal.watch(false);
          takeOver(old, previous, journal, histories, checkpoints, n);
          this.caughtUpAt = old.next.due;
          return true;
        }
      }
      // Where a drag frame re-runs, before every timeline event: the next frame of the same drag
      // resumes just before the dragged event and catches up as soon as its effects settle.
      const dense = previous !== undefined && n - from.fired < DENSE_FIRINGS;
      if (n !== 0 && !(next.tier === 1 && (dense || n - taken >= every))) return false;
      taken = n;
      checkpoints.push({
        dense,
        next,
        now: clock.now(),
        counter: clock.counter(),
        cursor: clock.timelineCursor(),
        fired: n,
        timers: clock.pending(),
        ...rootState(root, ids),
        journal: journal.checkpoint(),
        histories: historyList(histories).map((h) => h.mark()),
      });
      return false;
    });
    this.firings = clock.firings();
    journal.watch(false);
    // A device idling in apsd's retry cycle (DEV-1) draws its spans up to the end. A run that took over
    // the previous one has that run's end already.
    if (this.caughtUpAt === undefined) (root.system.get(ACTOR.device) as AnyActorRef).send({ type: 'scenario.end' });
    journal.closeAll(end);
    const output = buildOutput({ scenario, start, end, journal, histories, given: this.given });
    root.stop();
    this.last = run;
    return output;
  }
}
