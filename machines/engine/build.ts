import type { Histories } from './history';
import type { Journal, PushRecord } from './journal';
import { checkExpectation, madeFrom, toPushResult, worldAt } from './output';
import {
  RESULT_FORMAT,
  type LaneInterval,
  type PushResult,
  type Result,
  type SimulationOutput,
  type ThrottleWindow,
  type Trace,
} from './result';
import type { Scenario } from '../scenario/types';
import type { SimTime } from './time';

/**
 * A push result given, with the record and `lateAfter` it was made from. A record never changes once a
 * result is built from it (`Journal.seal`), so the same record means the same result.
 */
export interface Given {
  readonly record: PushRecord;
  readonly lateAfter: number;
  readonly result: PushResult;
}

/** What a finished run hands to `buildOutput`. */
export interface Finished {
  readonly scenario: Scenario;
  readonly start: SimTime;
  readonly end: SimTime;
  readonly journal: Journal;
  readonly histories: Histories;
  /**
   * The push results last given, by id (`Simulator`): a push whose story did not change (its very
   * record, else `madeFrom`) gets the same object again, and new ones are put here.
   */
  readonly given: Map<string, Given>;
}

/**
 * The result contract and the trace of a finished run. Both are copies: later runs of the same
 * `Simulator` change the journal and histories, never what was given.
 */
export function buildOutput({ scenario, start, end, journal, histories, given }: Finished): SimulationOutput {
  const lateAfter = scenario.params.lateAfter;
  // The records as they stand become final: a later run copies before it writes (`given` relies on it).
  journal.seal();
  const pushes = journal.order.map((id) => {
    const record = journal.push(id);
    const before = given.get(id);
    // At 10,000 pushes a drag frame changes a handful of records: comparing the rest field by field
    // (`madeFrom`) was a quarter of building the output.
    if (before && before.record === record && before.lateAfter === lateAfter) return before.result;
    const result =
      before && madeFrom(before.result, record, lateAfter) ? before.result : toPushResult(record, lateAfter);
    given.set(id, { record, lateAfter, result });
    return result;
  });
  const finalCallServices = histories.callServices.at(end).context;
  const throttled: ThrottleWindow[] = [...finalCallServices.windows];
  if (finalCallServices.throttle) throttled.push(finalCallServices.throttle);
  const strikes = [...journal.strikes];
  const events = journal.events.slice();
  // A stable sort leaves ordered events as they are; checking is cheaper than sorting ~18,000 of them.
  if (!ascending(events)) events.sort((a, b) => a.at - b.at);

  const result: Result = {
    format: RESULT_FORMAT,
    scenario: scenario.title,
    pushes,
    strikes,
    throttled,
    events,
    expectations: scenario.expect.map((e) => checkExpectation(e, pushes, strikes.length, throttled.length > 0)),
  };

  const intervals = [...journal.intervals].sort((a, b) => a.from - b.from || a.to - b.to);
  const eventTimes = momentsOf(scenario.timeline, journal.markers, intervals, start, end);
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
 * open interval's end is the scenario's), within `[start, end]`, ascending, once each. `intervals` are
 * sorted by start and markers are written as the clock goes, so both are merged as they are (markers sorted
 * first if one was backdated); the rest (the timeline in file order, the intervals' ends) is sorted as
 * numbers in a typed array. At 10,000 pushes (~66,000 times) sorting them all was a third of a drag
 * frame resumed near the end; merging made it ~20 % cheaper.
 */
export function momentsOf(
  timeline: readonly { readonly at: number }[],
  markers: readonly { readonly at: number }[],
  intervals: readonly LaneInterval[],
  start: SimTime,
  end: SimTime,
): SimTime[] {
  // Each object is read once, into typed arrays: merging straight from the objects (several shapes)
  // was slower than sorting everything.
  const nt = timeline.length;
  const nm = markers.length;
  const ni = intervals.length;
  const rest = new Float64Array(nt + ni);
  const froms = new Float64Array(ni);
  const marks = new Float64Array(nm);
  let k = 0;
  for (let i = 0; i < nt; i++) rest[k++] = timeline[i]!.at;
  for (let i = 0; i < ni; i++) {
    const interval = intervals[i]!;
    froms[i] = interval.from;
    if (!interval.open) rest[k++] = interval.to;
  }
  let inOrder = true;
  for (let i = 0; i < nm; i++) {
    const at = markers[i]!.at;
    marks[i] = at;
    if (i > 0 && at < marks[i - 1]!) inOrder = false;
  }
  if (!inOrder) marks.sort();
  const sorted = rest.subarray(0, k).sort();
  const times: SimTime[] = [];
  let last = NaN;
  for (let a = 0, b = 0, c = 0; a < k || b < nm || c < ni;) {
    const x = a < k ? sorted[a]! : Infinity;
    const y = b < nm ? marks[b]! : Infinity;
    const z = c < ni ? froms[c]! : Infinity;
    let t: number;
    if (x <= y && x <= z) {
      t = x;
      a++;
    } else if (y <= z) {
      t = y;
      b++;
    } else {
      t = z;
      c++;
    }
    if (t !== last && t >= start && t <= end) times.push(t as SimTime);
    last = t;
  }
  return times;
}

/** Whether the items are in time order already (written as the clock goes, but for backdated ones). */
function ascending(items: readonly { readonly at: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i]!.at < items[i - 1]!.at) return false;
  return true;
}
