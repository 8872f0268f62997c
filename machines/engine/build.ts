import type { Histories } from './history';
import type { Journal } from './journal';
import { checkExpectation, madeFrom, toPushResult, worldAt } from './output';
import {
  RESULT_FORMAT,
  type PushResult,
  type Result,
  type SimulationOutput,
  type ThrottleWindow,
  type Trace,
} from './result';
import type { Scenario } from '../scenario/types';
import type { SimTime } from './time';

/** What a finished run hands to `buildOutput`. */
export interface Finished {
  readonly scenario: Scenario;
  readonly start: SimTime;
  readonly end: SimTime;
  readonly journal: Journal;
  readonly histories: Histories;
  /**
   * The push results last given, by id (`Simulator`): a push whose story did not change (`madeFrom`)
   * gets the same object again, and new ones are put here.
   */
  readonly given: Map<string, PushResult>;
}

/**
 * The result contract and the trace of a finished run. Both are copies: later runs of the same
 * `Simulator` change the journal and histories, never what was given.
 */
export function buildOutput({ scenario, start, end, journal, histories, given }: Finished): SimulationOutput {
  const lateAfter = scenario.params.lateAfter;
  const pushes = journal.order.map((id) => {
    const record = journal.push(id);
    const before = given.get(id);
    if (before && madeFrom(before, record, lateAfter)) return before;
    const result = toPushResult(record, lateAfter);
    given.set(id, result);
    return result;
  });
  const finalCallServices = histories.callServices.at(end).context;
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

  const eventTimes = momentsOf(scenario, journal, start, end);
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

/**
 * Every time something happens, starts or ends (a timeline event, a marker, an interval's ends; an
 * open interval's end is the scenario's), within `[start, end]`, ascending, once each. Sorted as
 * numbers in a typed array: a Set of ~60,000 times and a sort with a comparator were most of
 * building a 10,000-push output.
 */
function momentsOf(scenario: Scenario, journal: Journal, start: SimTime, end: SimTime): SimTime[] {
  const { markers, intervals } = journal;
  let n = scenario.timeline.length + markers.length;
  for (const i of intervals) n += i.open ? 1 : 2;
  const all = new Float64Array(n);
  let k = 0;
  for (const e of scenario.timeline) all[k++] = e.at;
  for (const m of markers) all[k++] = m.at;
  for (const i of intervals) {
    all[k++] = i.from;
    if (!i.open) all[k++] = i.to;
  }
  all.sort();
  const times: SimTime[] = [];
  let last = NaN;
  for (let i = 0; i < n; i++) {
    const t = all[i]!;
    if (t !== last && t >= start && t <= end) times.push(t as SimTime);
    last = t;
  }
  return times;
}
