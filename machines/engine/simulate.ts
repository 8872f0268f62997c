import {
  createActor,
  type AnyActorRef,
  type AnyStateMachine,
  type EventObject,
  type InspectionEvent,
  type Snapshot,
} from 'xstate';
import { playTimelineEvent } from './provider';
import { ringsideMachine } from './ringsideMachine';
import { VirtualClock, type PendingTimer, type TimerKey } from './clock';
import { ACTOR, type ActorName, type SimEnv } from '../actors/env';
import { ACTOR_NAMES, History, type Histories, type HistoryMark, type MachineSnapshot } from './history';
import { Journal, type JournalMark, type PushFacts } from './journal';
import { checkExpectation, madeFrom, toPushResult, worldAt } from './output';
import type { Params } from '../scenario/params';
import {
  RESULT_FORMAT,
  type PushResult,
  type Result,
  type SimulationOutput,
  type ThrottleWindow,
  type Trace,
} from './result';
import { firstDifference, mentions, same, sameFrom } from './same';
import type { Scenario, TimelineEvent } from '../scenario/types';
import { Time, type SimTime } from './time';

/** What a delayed xstate event is, so that a checkpoint can set it again on new actors. */
interface TimerMeta {
  readonly source: string;
  readonly target: string;
  readonly event: EventObject;
  readonly id: string | undefined;
}

/**
 * What actors are given (`SimEnv`). Its state lives in private fields behind getters, so that xstate,
 * which walks every context it restores from a snapshot, does not walk the journal and the scenario.
 */
class Env implements SimEnv {
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

/** Everything needed to go on from a moment of a run: taken just before `next` fires. */
interface Checkpoint {
  readonly next: TimerKey;
  readonly now: number;
  readonly counter: number;
  readonly cursor: number;
  readonly fired: number;
  readonly timers: readonly PendingTimer<TimerMeta>[];
  readonly root: MachineSnapshot<unknown>;
  readonly children: readonly [string, unknown][];
  readonly journal: JournalMark;
  readonly histories: readonly HistoryMark[];
}

/**
 * A checkpoint before the first timeline event at least this many firings after the last one: a
 * resume re-runs about this many before the edit, and a re-simulation that has caught up with the
 * previous run is noticed within about this many firings.
 */
const CHECKPOINT_EVERY = 24;

/** One actor's history as the previous run left it (a resume rolls back into new arrays). */
interface OldHistory {
  readonly times: readonly number[];
  readonly values: readonly unknown[];
  readonly contexts: readonly unknown[];
}

/**
 * What a resumed run keeps of the run it goes on from, to notice when it has caught up with it: at
 * one of that run's later checkpoints, the same timeline ahead, the same timers pending, every actor
 * in the same state and the journal the same in all the actors could still read. From there both runs
 * can only do the same, so the rest of the previous run is taken over instead of re-run.
 */
interface Previous {
  /** That run's checkpoints after the one resumed from, by the timeline event each was taken before. */
  readonly byCursor: ReadonlyMap<number, Checkpoint>;
  readonly checkpoints: readonly Checkpoint[];
  /** From this index on, both sorted timelines are the same. */
  readonly suffixFrom: number;
  /** Its journal's redo log and histories, whole. */
  readonly log: readonly unknown[];
  readonly histories: readonly OldHistory[];
  /** Its journal's facts, replayed from its log up to `shadowAt` (advanced as checkpoints are tried). */
  readonly shadow: { facts: Map<string, PushFacts>; cancelled: Map<string, number>; at: number };
}

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
 */
export class Simulator {
  private last: Run | undefined;
  /**
   * The push results last given, by id. A push whose story did not change (`madeFrom`) gets the same
   * object again: building ~200 results with their sentences on every drag frame made most of what
   * outlived a minor GC, and those collections were the slow drag frames. (A deleted push's entry
   * stays until its id comes back: a new story never matches it.)
   */
  private readonly given = new Map<string, PushResult>();

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
    const root = createActor(this.machine, {
      input: { env },
      clock,
      id: 'ringside',
      ...(this.options.inspect ? { inspect: this.options.inspect } : {}),
    });
    describeTimers(root, clock);
    const histories: Histories = {
      apns: new History(),
      device: new History(),
      callServices: new History(),
      app: new History(),
      callKit: new History(),
    };
    root.start();
    for (const name of ACTOR_NAMES) {
      const actor = root.system.get(ACTOR[name]) as AnyActorRef;
      (histories[name] as History<unknown>).record(clock.now(), actor.getSnapshot() as MachineSnapshot<unknown>);
    }
    const run: Run = { scenario, fixed, sorted, start, end, env, histories, checkpoints: [] };
    return this.finish(run, root, clock, 0);
  }

  private resume(
    last: Run,
    scenario: Scenario,
    sorted: readonly TimelineEvent[],
    checkpoint: Checkpoint,
  ): SimulationOutput {
    const { env, histories } = last;
    const clock = new VirtualClock<TimerMeta>(Time.ms(checkpoint.now));
    clock.restore(checkpoint.now, checkpoint.counter);
    env.resume(scenario, clock);
    const checkpoints = last.checkpoints;
    const index = checkpoints.indexOf(checkpoint);
    const later = checkpoints.slice(index + 1).filter((c) => c.next.tier === 1);
    const previous: Previous = {
      byCursor: new Map(later.map((c) => [c.cursor, c])),
      checkpoints: later,
      suffixFrom: sameFrom(last.sorted, sorted),
      log: env.journal.calls(),
      histories: ACTOR_NAMES.map((name) => {
        const h = histories[name] as History<unknown>;
        return { times: h.times, values: h.values, contexts: h.contexts };
      }),
      shadow: { facts: new Map(), cancelled: new Map(), at: 0 },
    };
    env.journal.rollback(checkpoint.journal);
    ACTOR_NAMES.forEach((name, i) => (histories[name] as History<unknown>).rollback(checkpoint.histories[i]!));
    checkpoints.length = index;

    const snapshot = {
      status: 'active',
      value: checkpoint.root.value,
      context: checkpoint.root.context,
      historyValue: {},
      children: Object.fromEntries(
        checkpoint.children.map(([id, child]) => [id, { snapshot: child, src: id, systemId: id }]),
      ),
    };
    const root = createActor(this.machine, {
      input: { env },
      clock,
      id: 'ringside',
      snapshot: snapshot as unknown as Snapshot<unknown>,
    });
    describeTimers(root, clock);
    root.start();
    const actorById = (id: string): AnyActorRef => (id === root.id ? root : (root.system.get(id) as AnyActorRef));
    for (const timer of checkpoint.timers) {
      const meta = timer.meta!;
      clock.nextKey = timer;
      root.system.scheduler.schedule(
        actorById(meta.source),
        actorById(meta.target),
        meta.event,
        timer.due - checkpoint.now,
        meta.id,
      );
    }
    this.resumedAt = checkpoint.now;
    const run: Run = { ...last, scenario, sorted, checkpoints };
    return this.finish(run, root, clock, checkpoint.fired, checkpoint.cursor, previous);
  }

  /**
   * This run has caught up with the previous one at its checkpoint `old` (`caughtUp`): the rest of
   * that run is what this one would do. Its journal calls are made again, its histories appended,
   * and its later checkpoints kept, with this run's places in the journal, histories and firings.
   */
  private takeOver(old: Checkpoint, previous: Previous, run: Run, fired: number): void {
    const { env, histories, checkpoints } = run;
    const later = previous.checkpoints.slice(previous.checkpoints.indexOf(old));
    const journalMarks: JournalMark[] = [];
    const historyMarks: HistoryMark[][] = later.map(() => []);
    ACTOR_NAMES.forEach((name, a) => {
      const h = histories[name] as History<unknown>;
      const o = previous.histories[a]!;
      const marks = later.map((c) => c.histories[a]!);
      // The entry last written before `old` may have been replaced at the same time after it.
      const last = marks[0]!.length - 1;
      const take = (i: number) => h.record(o.times[i]!, { value: o.values[i], context: o.contexts[i] });
      // `old` itself: where this run stands now.
      historyMarks[0]!.push(h.mark());
      let k = 1;
      const markUpTo = (length: number) => {
        for (; k < marks.length && marks[k]!.length <= length; k++) {
          historyMarks[k]!.push({ length: h.times.length, value: marks[k]!.value, context: marks[k]!.context });
        }
      };
      // (Compared by content: a mark may hold an equal snapshot of an earlier run, not the same object.)
      if (!same(o.values[last], marks[0]!.value) || !same(o.contexts[last], marks[0]!.context)) take(last);
      markUpTo(last + 1);
      for (let i = last + 1; i < o.times.length; i++) {
        take(i);
        markUpTo(i + 1);
      }
    });
    env.journal.replay(
      previous.log,
      old.journal.redo,
      later.map((c) => c.journal.redo),
      (k, mark) => (journalMarks[k] = mark),
    );
    later.forEach((c, k) =>
      checkpoints.push({
        ...c,
        fired: c.fired - old.fired + fired,
        journal: journalMarks[k]!,
        histories: historyMarks[k]!,
      }),
    );
  }

  /** Runs to the end from where the clock stands, taking checkpoints, and builds the output. */
  private finish(
    run: Run,
    root: AnyActorRef,
    clock: VirtualClock<TimerMeta>,
    firedBefore: number,
    cursor = 0,
    previous?: Previous,
  ): SimulationOutput {
    const { env, histories, checkpoints, scenario, start, end } = run;
    const journal = env.journal;
    const children = ACTOR_NAMES.map((name) => root.system.get(ACTOR[name]) as AnyActorRef);
    ACTOR_NAMES.forEach((name, i) => {
      const history = histories[name] as History<unknown>;
      children[i]!.subscribe((snapshot: MachineSnapshot<unknown>) => history.record(clock.now(), snapshot));
    });
    const ids = Object.keys((root.getSnapshot() as { children: Record<string, unknown> }).children);
    clock.setTimeline(run.sorted, (event) => playTimelineEvent(event, env, root.system), cursor);
    const every = this.options.checkpointEvery ?? CHECKPOINT_EVERY;
    let fired = firedBefore;
    let taken = -Infinity;
    clock.runUntil(end, (next) => {
      const n = fired++;
      if (previous && next.tier === 1 && next.seq >= previous.suffixFrom) {
        const old = previous.byCursor.get(next.seq);
        if (old && caughtUp(old, previous, clock, root, ids, env.journal, run.sorted)) {
          this.takeOver(old, previous, run, n);
          this.caughtUpAt = old.next.due;
          return true;
        }
      }
      if (n !== 0 && !(next.tier === 1 && n - taken >= every)) return false;
      taken = n;
      checkpoints.push({
        next,
        now: clock.now(),
        counter: clock.counter(),
        cursor: clock.timelineCursor(),
        fired: n,
        timers: clock.pending(),
        root: root.getSnapshot() as MachineSnapshot<unknown>,
        children: ids.map((id) => [id, (root.system.get(id) as AnyActorRef).getSnapshot()]),
        journal: journal.checkpoint(),
        histories: ACTOR_NAMES.map((name) => histories[name].mark()),
      });
      return false;
    });
    this.firings = clock.firings();
    // A device idling in apsd's retry cycle (DEV-1) draws its spans up to the end. A run that took over
    // the previous one has that run's end already.
    if (this.caughtUpAt === undefined) children[ACTOR_NAMES.indexOf('device')]!.send({ type: 'scenario.end' });
    journal.closeAll(end);
    const finalCallServices = histories.callServices.at(end).context;
    root.stop();
    this.last = run;

    const pushes = journal.order.map((id) => {
      const record = journal.push(id);
      const before = this.given.get(id);
      if (before && madeFrom(before, record, env.params.lateAfter)) return before;
      const result = toPushResult(record, env.params.lateAfter);
      this.given.set(id, result);
      return result;
    });
    const throttled: ThrottleWindow[] = [...finalCallServices.windows];
    if (finalCallServices.throttle) throttled.push(finalCallServices.throttle);
    const strikes = [...journal.strikes];
    const events = [...journal.events].sort((a, b) => a.at - b.at);

    const result: Result = {
      format: RESULT_FORMAT,
      scenario: scenario.title,
      pushes,
      strikes,
      throttled,
      events,
      expectations: scenario.expect.map((e) => checkExpectation(e, pushes, strikes.length, throttled.length > 0)),
    };

    const times = new Set<number>();
    for (const e of scenario.timeline) times.add(e.at);
    for (const m of journal.markers) times.add(m.at);
    for (const i of journal.intervals) {
      times.add(i.from);
      if (!i.open) times.add(i.to);
    }
    const eventTimes = [...times].filter((t) => t >= start && t <= end).sort((a, b) => a - b) as SimTime[];
    const intervals = [...journal.intervals].sort((a, b) => a.from - b.from || a.to - b.to);
    const frozen: Histories = {
      apns: histories.apns.copy(),
      device: histories.device.copy(),
      callServices: histories.callServices.copy(),
      app: histories.app.copy(),
      callKit: histories.callKit.copy(),
    };
    const params = scenario.params;
    const trace: Trace = {
      start,
      end,
      intervals,
      markers: [...journal.markers],
      eventTimes,
      stateAt: (t) => worldAt(t, frozen, params),
    };
    return { result, trace };
  }
}

/**
 * Tells the clock what each delayed xstate event is (sender, receiver, event, id) as xstate sets it,
 * so that a checkpoint can set the same events again on the actors of a resumed run.
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

/** The timeline in firing order: by time, same-time events in the file's order. */
function sortedTimeline(timeline: readonly TimelineEvent[]): TimelineEvent[] {
  return timeline
    .map((event, i) => [event, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([event]) => event);
}

/** Everything of a scenario but its timeline and what only labels the result (title, expectations). */
function fixedPart(s: Scenario): string {
  return JSON.stringify([s.duration, s.device, s.app, s.params]);
}

/**
 * Whether the run standing just before timeline event `old.cursor` is where the previous run stood at
 * its checkpoint `old`, in everything that decides what happens next: the same timers pending (in
 * the same order), every actor in the same state, and the same journal facts for every push the
 * actors could still ask about (one named in a context, a pending event or the timeline ahead). The
 * timeline ahead is the same (`Previous.suffixFrom`). Then both runs can only go on alike.
 */
function caughtUp(
  old: Checkpoint,
  previous: Previous,
  clock: VirtualClock<TimerMeta>,
  root: AnyActorRef,
  ids: readonly string[],
  journal: Journal,
  sorted: readonly TimelineEvent[],
): boolean {
  const timers = clock.pending();
  if (timers.length !== old.timers.length) return false;
  for (let i = 0; i < timers.length; i++) {
    const a = timers[i]!;
    const b = old.timers[i]!;
    if (a.due !== b.due || a.tier !== b.tier || !same(a.meta, b.meta)) return false;
  }
  if (!same((root.getSnapshot() as MachineSnapshot<unknown>).value, old.root.value)) return false;
  const contexts: unknown[] = [];
  for (let i = 0; i < ids.length; i++) {
    const [id, snapshot] = old.children[i]!;
    const now = (root.system.get(ids[i]!) as AnyActorRef).getSnapshot() as ActorSnapshot;
    const then = snapshot as ActorSnapshot;
    if (id !== ids[i] || now.status !== then.status || !same(now.value, then.value)) return false;
    if (!same(now.context, then.context) || !same(now.historyValue, then.historyValue)) return false;
    if (Object.keys(now.children).length > 0 || Object.keys(then.children).length > 0) return false;
    contexts.push(now.context);
  }
  // The journal's facts as the previous run had them at `old` (checkpoints are tried in order).
  const shadow = previous.shadow;
  Journal.factsAt(previous.log, old.journal.redo, shadow.at, shadow.facts, shadow.cancelled);
  shadow.at = old.journal.redo;
  const differing: string[] = [];
  for (const id of journal.pushes.keys()) if (!sameFacts(journal.facts(id), shadow.facts.get(id))) differing.push(id);
  for (const id of shadow.facts.keys()) if (!journal.pushes.has(id)) differing.push(id);
  for (const [id, at] of journal.cancelledAt) if (shadow.cancelled.get(id) !== at) differing.push(id);
  for (const id of shadow.cancelled.keys()) if (!journal.cancelledAt.has(id)) differing.push(id);
  if (differing.length === 0) return true;
  // Unless no actor can ask about those pushes again: none is named in a context, a pending event or
  // the timeline ahead.
  const asked = new Set(differing);
  if (contexts.some((c) => mentions(c, asked)) || timers.some((t) => mentions(t.meta?.event, asked))) return false;
  for (let i = old.cursor; i < sorted.length; i++) if (mentions(sorted[i], asked)) return false;
  return true;
}

interface ActorSnapshot {
  readonly status: string;
  readonly value: unknown;
  readonly context: unknown;
  readonly historyValue: unknown;
  readonly children: Record<string, unknown>;
}

function sameFacts(a: PushFacts | undefined, b: PushFacts | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.kind === b.kind &&
    a.sentAt === b.sentAt &&
    a.topic === b.topic &&
    a.expiration === b.expiration &&
    a.cancels === b.cancels &&
    a.deliveredAt === b.deliveredAt
  );
}

/** The last checkpoint taken before anything due at `time` fired. */
function lastBefore(checkpoints: readonly Checkpoint[], time: number): Checkpoint | undefined {
  let found: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (c.next.due < time) found = c;
    else break;
  }
  return found;
}
