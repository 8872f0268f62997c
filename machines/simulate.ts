import { createActor, type AnyActorRef } from 'xstate';
import type { ApnsContext } from './actors/apnsMachine';
import type { AppContext } from './actors/appProcessMachine';
import type { CallKitContext } from './actors/callKitMachine';
import { strikesInWindow, type CallServicesContext } from './actors/callServicesMachine';
import type { DeviceContext } from './actors/deviceMachine';
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

/** Snapshots of one actor over time, for `stateAt`. */
class History<C> {
  readonly times: number[] = [];
  readonly snapshots: MachineSnapshot<C>[] = [];

  record(t: number, snapshot: MachineSnapshot<C>): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === t) this.snapshots[last] = snapshot;
    else {
      this.times.push(t);
      this.snapshots.push(snapshot);
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
    return this.snapshots[lo]!;
  }
}

/**
 * Runs a scenario on a virtual clock and returns the result contract and the trace.
 * Pure: the same scenario always gives the same output.
 */
export function simulate(scenario: Scenario): SimulationOutput {
  const firstAt = scenario.timeline.reduce((m, e) => Math.min(m, e.at), 0);
  const start = Time.ms(firstAt);
  const end = Time.ms(Math.max(scenario.duration, firstAt));
  const clock = new VirtualClock(start);
  const journal = new Journal(() => clock.now());
  const env: SimEnv = { scenario, params: scenario.params, journal, now: () => clock.now() };

  const root = createActor(ringsideMachine, { input: { env }, clock, id: 'ringside' });
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
  const provider = root.system.get(ACTOR.provider) as AnyActorRef;
  for (const event of scenario.timeline) {
    clock.at(event.at, () => provider.send({ type: 'timeline.event', event }));
  }
  clock.runUntil(end);
  journal.closeAll(end);
  const finalCallServices = histories.callServices.at(end).context;
  root.stop();

  const pushes = [...journal.order].map((id) => toPushResult(journal.push(id), journal));
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

function toPushResult(record: PushRecord, journal: Journal): PushResult {
  let fate = record.fate;
  const steps = [...record.steps];
  let note = '';
  if (fate === undefined) {
    fate = 'undelivered';
    note =
      record.deliveredAt === undefined
        ? 'When the scenario ended the push was still waiting in APNs (or behind a disconnected apsd).'
        : 'The scenario ended before the app had finished handling the push.';
  }
  const rules: string[] = [];
  for (const s of steps) if (!rules.includes(s.rule)) rules.push(s.rule);
  const why = [...steps.map((s) => `${s.why} (${s.rule})`), note].filter(Boolean).join(' ');
  return {
    id: record.id,
    kind: record.kind,
    sentAt: record.sentAt,
    ...(record.deliveredAt === undefined ? {} : { deliveredAt: record.deliveredAt }),
    fate,
    rules,
    why,
    steps,
    ...(record.audio ? { audio: record.audio } : {}),
    ...(record.cancels ? { cancels: record.cancels } : {}),
    ...(record.call ? { call: record.call } : {}),
    ...(journal.cancelledAt.has(record.id) ? {} : {}),
  };
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
  const deadlines = Object.values(cs.context.pending)
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
