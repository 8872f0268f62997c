import { createActor, type AnyActorRef, type InspectionEvent } from 'xstate';
import type { ApnsContext } from './actors/apnsMachine';
import type { AppContext } from './actors/appProcessMachine';
import type { CallKitContext } from './actors/callKitMachine';
import { strikesInWindow, type CallServicesContext } from './actors/callServicesMachine';
import type { DeviceContext } from './actors/deviceMachine';
import { playTimelineEvent } from './actors/provider';
import { ringsideMachine } from './actors/ringsideMachine';
import { VirtualClock } from './clock';
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
import type { Expectation, Scenario } from './scenario/types';
import { Time, type SimTime } from './time';

interface MachineSnapshot<C> {
  readonly value: unknown;
  readonly context: C;
}

/**
 * One actor's state over time, for `stateAt`: the last value and context at each time. Only those two
 * are kept (in parallel arrays), not xstate's snapshot objects, so the rest of each snapshot dies young.
 */
class History<C> {
  readonly times: number[] = [];
  private readonly values: unknown[] = [];
  private readonly contexts: C[] = [];

  record(t: number, snapshot: MachineSnapshot<C>): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === t) {
      this.values[last] = snapshot.value;
      this.contexts[last] = snapshot.context;
    } else {
      this.times.push(t);
      this.values.push(snapshot.value);
      this.contexts.push(snapshot.context);
    }
  }

  /** The last snapshot at or before `t` (the first one before the start). */
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
  const firstAt = scenario.timeline.reduce((m, e) => Math.min(m, e.at), 0);
  const start = Time.ms(firstAt);
  const end = Time.ms(Math.max(scenario.duration, firstAt));
  const clock = new VirtualClock(start);
  const journal = new Journal(() => clock.now());
  const env: SimEnv = { scenario, params: scenario.params, journal, now: () => clock.now() };

  const root = createActor(ringsideMachine, {
    input: { env },
    clock,
    id: 'ringside',
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  const histories = {
    apns: new History<ApnsContext>(),
    device: new History<DeviceContext>(),
    callServices: new History<CallServicesContext>(),
    app: new History<AppContext>(),
    callKit: new History<CallKitContext>(),
  };
  root.start();
  for (const name of Object.keys(histories) as (keyof typeof histories)[]) {
    const actor = root.system.get(ACTOR[name]) as AnyActorRef;
    const history = histories[name] as History<unknown>;
    history.record(clock.now(), actor.getSnapshot() as MachineSnapshot<unknown>);
    actor.subscribe((snapshot: MachineSnapshot<unknown>) => history.record(clock.now(), snapshot));
  }
  for (const event of scenario.timeline) {
    clock.at(event.at, () => playTimelineEvent(event, env, root.system));
  }
  clock.runUntil(end);
  journal.closeAll(end);
  const finalCallServices = histories.callServices.at(end).context;
  root.stop();

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

  const trace: Trace = {
    start,
    end,
    intervals,
    markers: [...journal.markers],
    eventTimes,
    stateAt: (t) => worldAt(t, histories, env),
  };
  return { result, trace };
}

function toPushResult(record: PushRecord): PushResult {
  let fate = record.fate;
  // Nothing reads the journal after simulate(): its arrays can go into the result as they are.
  const steps = record.steps;
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

function worldAt(
  t: number,
  h: {
    apns: History<ApnsContext>;
    device: History<DeviceContext>;
    callServices: History<CallServicesContext>;
    app: History<AppContext>;
    callKit: History<CallKitContext>;
  },
  env: SimEnv,
): WorldState {
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
  const params = env.params;
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
