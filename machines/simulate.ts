import { createActor, type AnyActorRef, type EventObject, type InspectionEvent, type Snapshot } from 'xstate';
import type { ApnsContext } from './actors/apnsMachine';
import type { AppContext } from './actors/appProcessMachine';
import type { CallKitContext } from './actors/callKitMachine';
import { strikesInWindow, type CallServicesContext } from './actors/callServicesMachine';
import type { DeviceContext } from './actors/deviceMachine';
import { playTimelineEvent } from './actors/provider';
import { ringsideMachine } from './actors/ringsideMachine';
import { VirtualClock, type PendingTimer, type TimerKey } from './clock';
import { ACTOR, type SimEnv } from './env';
import { Journal, type PushRecord } from './journal';
import {
  RESULT_FORMAT,
  type ExpectationResult,
  type PushResult,
  type Result,
  type SimulationOutput,
  type ThrottleWindow,
  type Trace,
  type WorldState,
} from './result';
import type { Params } from './params';
import type { Expectation, Scenario, TimelineEvent } from './scenario/types';
import { Time, type SimTime } from './time';

interface MachineSnapshot<C> {
  readonly value: unknown;
  readonly context: C;
}

/** One actor's state over time, for `stateAt`: the last value and context at each time. */
class History<C> {
  times: number[] = [];
  values: unknown[] = [];
  contexts: C[] = [];

  record(t: number, snapshot: MachineSnapshot<C>): void {
    const last = this.times.length - 1;
    // xstate reports a snapshot after every event, also when nothing changed (about half of them).
    if (last >= 0 && this.values[last] === snapshot.value && this.contexts[last] === snapshot.context) return;
    if (last >= 0 && this.times[last] === t) {
      this.values[last] = snapshot.value;
      this.contexts[last] = snapshot.context;
    } else {
      this.times.push(t);
      this.values.push(snapshot.value);
      this.contexts.push(snapshot.context);
    }
  }

  at(t: number): MachineSnapshot<C> {
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return { value: this.values[lo], context: this.contexts[lo]! };
  }

  /** Where it stands now, to roll back to: the length and the last entry (a same-time record replaces it). */
  mark(): HistoryMark {
    const last = this.times.length - 1;
    return { length: this.times.length, value: this.values[last], context: this.contexts[last] };
  }

  rollback(mark: HistoryMark): void {
    this.times.length = this.values.length = this.contexts.length = mark.length;
    if (mark.length > 0) {
      this.values[mark.length - 1] = mark.value;
      this.contexts[mark.length - 1] = mark.context as C;
    }
  }

  /** A copy that later runs do not change (results must stay as they were given). */
  copy(): History<C> {
    const h = new History<C>();
    h.times = this.times.slice();
    h.values = this.values.slice();
    h.contexts = this.contexts.slice();
    return h;
  }
}

interface HistoryMark {
  readonly length: number;
  readonly value: unknown;
  readonly context: unknown;
}

type Histories = {
  apns: History<ApnsContext>;
  device: History<DeviceContext>;
  callServices: History<CallServicesContext>;
  app: History<AppContext>;
  callKit: History<CallKitContext>;
};
const ACTOR_NAMES = ['apns', 'device', 'callServices', 'app', 'callKit'] as const;

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
  readonly journal: number;
  readonly histories: readonly HistoryMark[];
}

/** A checkpoint every this many firings: a resume re-runs at most this many before the edit. */
const CHECKPOINT_EVERY = 24;

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

  constructor(private readonly options: SimulateOptions = {}) {}

  /** Where the last run went on from: `undefined` for a fresh run, else the checkpoint's time. */
  resumedAt: number | undefined;

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
    const root = createActor(ringsideMachine, {
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
    env.journal.rollback(checkpoint.journal);
    ACTOR_NAMES.forEach((name, i) => (histories[name] as History<unknown>).rollback(checkpoint.histories[i]!));
    const checkpoints = last.checkpoints;
    checkpoints.length = checkpoints.indexOf(checkpoint);

    const snapshot = {
      status: 'active',
      value: checkpoint.root.value,
      context: checkpoint.root.context,
      historyValue: {},
      children: Object.fromEntries(
        checkpoint.children.map(([id, child]) => [id, { snapshot: child, src: id, systemId: id }]),
      ),
    };
    const root = createActor(ringsideMachine, {
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
    return this.finish(run, root, clock, checkpoint.fired, checkpoint.cursor);
  }

  /** Runs to the end from where the clock stands, taking checkpoints, and builds the output. */
  private finish(
    run: Run,
    root: AnyActorRef,
    clock: VirtualClock<TimerMeta>,
    firedBefore: number,
    cursor = 0,
  ): SimulationOutput {
    const { env, histories, checkpoints, scenario, start, end } = run;
    const journal = env.journal;
    const children = ACTOR_NAMES.map((name) => root.system.get(ACTOR[name]) as AnyActorRef);
    ACTOR_NAMES.forEach((name, i) => {
      const history = histories[name] as History<unknown>;
      children[i]!.subscribe((snapshot: MachineSnapshot<unknown>) => history.record(clock.now(), snapshot));
    });
    const ids = Object.keys((root.getSnapshot() as { children: Record<string, unknown> }).children);
    clock.setTimeline(
      run.sorted.map((event) => ({ at: event.at, fire: () => playTimelineEvent(event, env, root.system) })),
      cursor,
    );
    let fired = firedBefore;
    clock.runUntil(end, (next) => {
      if (fired++ % CHECKPOINT_EVERY !== 0) return;
      checkpoints.push({
        next,
        now: clock.now(),
        counter: clock.counter(),
        cursor: clock.timelineCursor(),
        fired: fired - 1,
        timers: clock.pending(),
        root: root.getSnapshot() as MachineSnapshot<unknown>,
        children: ids.map((id) => [id, (root.system.get(id) as AnyActorRef).getSnapshot()]),
        journal: journal.checkpoint(),
        histories: ACTOR_NAMES.map((name) => histories[name].mark()),
      });
    });
    journal.closeAll(end);
    const finalCallServices = histories.callServices.at(end).context;
    root.stop();
    this.last = run;

    const pushes = journal.order.map((id) => toPushResult(journal.push(id)));
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

/** The time of the first difference between two sorted timelines, if they differ. */
function firstDifference(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!sameEvent(a[i]!, b[i]!)) return Math.min(a[i]!.at, b[i]!.at);
  }
  if (a.length !== b.length) return (a.length > n ? a[n] : b[n])!.at;
  return undefined;
}

function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const va = (a as unknown as Record<string, unknown>)[k];
    const vb = (b as unknown as Record<string, unknown>)[k];
    if (va !== vb && JSON.stringify(va) !== JSON.stringify(vb)) return false;
  }
  return true;
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

function toPushResult(record: PushRecord): PushResult {
  let fate = record.fate;
  // A copy: a later re-simulation may roll the journal back.
  const steps = record.steps.slice();
  let note = '';
  if (fate === undefined) {
    fate = 'undelivered';
    note =
      record.deliveredAt === undefined
        ? 'When the scenario ended the push was still waiting in APNs (or behind a disconnected apsd).'
        : 'The scenario ended before the app had finished handling the push.';
  }
  const rules: string[] = [];
  const why: string[] = [];
  for (const s of steps) {
    if (!rules.includes(s.rule)) rules.push(s.rule);
    why.push(`${s.why} (${s.rule})`);
  }
  if (note) why.push(note);
  // Optional fields only when set, in the result's key order.
  const out: { -readonly [K in keyof PushResult]?: PushResult[K] } = {
    id: record.id,
    kind: record.kind,
    sentAt: record.sentAt,
  };
  if (record.deliveredAt !== undefined) out.deliveredAt = record.deliveredAt;
  out.fate = fate;
  out.rules = rules;
  out.why = why.join(' ');
  out.steps = steps;
  if (record.audio) out.audio = record.audio;
  if (record.cancels) out.cancels = record.cancels;
  if (record.call) out.call = record.call;
  return out as PushResult;
}

function checkExpectation(
  expect: Expectation,
  pushes: readonly PushResult[],
  strikes: number,
  throttled: boolean,
): ExpectationResult {
  if ('fate' in expect) {
    const actual = pushes.find((p) => p.id === expect.push)?.fate ?? null;
    return { expect, ok: actual === expect.fate, actual };
  }
  if ('strikes' in expect) return { expect, ok: strikes === expect.strikes, actual: strikes };
  if ('throttled' in expect) return { expect, ok: throttled === expect.throttled, actual: throttled };
  const actual = pushes.find((p) => p.id === expect.call)?.audio ?? null;
  return { expect, ok: actual === expect.audio, actual };
}

function valueString(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${k}.${valueString(v)}`;
}

function worldAt(t: number, h: Histories, params: Params): WorldState {
  const apns = h.apns.at(t);
  const device = h.device.at(t);
  const cs = h.callServices.at(t);
  const app = h.app.at(t);
  const ck = h.callKit.at(t);
  const deviceState = valueString(device.value);
  const apsd: WorldState['device']['apsd'] = deviceState.startsWith('connected')
    ? 'connected'
    : deviceState === 'trying.backoff'
      ? 'backoff'
      : deviceState.startsWith('trying')
        ? 'connecting'
        : deviceState === 'gaveUp'
          ? 'gave-up'
          : 'waiting-for-network';
  const appState = valueString(app.value);
  // In the order of an object keyed by push id, as `pending` once was (integer-like ids first).
  const deadlines = Object.values(Object.fromEntries(cs.context.pending))
    .filter((d) => d.enforced && d.handedAt !== undefined)
    .map((d) => ({ push: d.push, due: (d.handedAt ?? 0) + params.callservicesdDeadline }))
    .filter((d) => d.due > t);
  return {
    t,
    apns: { believesConnected: apns.value !== 'offline', waiting: apns.context.waiting },
    device: {
      network: device.context.network,
      locked: device.context.locked,
      apsd,
      powerPolicy: device.context.powerPolicy,
      natDropped: device.context.natDropped,
    },
    callServices: {
      seesForeground: cs.context.seesForeground,
      seesOnCall: cs.context.seesOnCall,
      strikesInWindow: strikesInWindow(cs.context.strikes, t, params.throttleWindow).length,
      throttleFailures: params.throttleFailures,
      throttled: cs.value === 'throttled',
      deadlines,
    },
    app: {
      state:
        appState === 'notRunning' || appState === 'starting'
          ? 'not-running'
          : appState === 'launching'
            ? 'launching'
            : (appState.replace('running.', '') as 'foreground' | 'background' | 'suspended'),
      believesForeground: app.context.believesForeground,
      believesOnCall: app.context.calls.length > 0,
      debuggerAttached: app.context.debuggerAttached,
      ...(app.context.handling ? { handling: app.context.handling.delivery.push } : {}),
    },
    callKit: { calls: ck.context.calls, audioSession: ck.context.sessionValid ? 'valid' : 'null' },
  };
}
