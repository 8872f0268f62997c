/**
 * One step of the live simulation, the same in the worker and in the page's fallback: load the document,
 * run it on a `Simulator` that keeps its checkpoints between edits, and cut the answer down to plain data
 * (the trace without its query function). Rules are the core's alone: this only calls its door.
 */
import {
  loadEdited,
  loadScenario,
  type LoadedFrom,
  type LoadResult,
  type PushResult,
  type Scenario,
  type ScenarioError,
  type ScenarioFile,
  type SimulationOutput,
  type Simulator,
  type TimelineEventFile,
  type TraceData,
} from '../../../machines';
import { decodeList, encodeList, sameData, type Held, type ListSent } from './listDelta';
import { movedSince } from '../document/movedSince';

/** What the page asks of the simulation. */
export type SimRequest =
  | {
      readonly kind: 'run';
      readonly seq: number;
      readonly file: ScenarioFile;
      /** The file's timeline as changed since the last run sent, when it is a list (`listDelta.ts`). */
      readonly timeline?: ListSent<TimelineEventFile>;
      /** The playhead: the answer carries the world's state there (`stateAt`), so the State panel follows with the rest. */
      readonly t?: number;
    }
  | { readonly kind: 'stateAt'; readonly seq: number; readonly t: number };

/** What the simulation answers. */
export type SimAnswer =
  | {
      readonly kind: 'ran';
      readonly seq: number;
      readonly ok: true;
      readonly scenario: Omit<Scenario, 'timeline'> & { readonly timeline: ListSent<Scenario['timeline'][number]> };
      readonly result: Omit<SimulationOutput['result'], 'pushes' | 'events'> & {
        /**
         * As what changed (`listDelta.ts`): the core gives the same object for a push whose story did not
         * change, so a drag frame sends the few pushes it changed, and the page keeps the objects it holds
         * for the rest (memoized rows stay put). Sending each of 2,000 pushes, if only as its id, and
         * rebuilding a map of them on the page cost ~10 ms of a drag frame's main thread.
         */
        readonly pushes: ListSent<PushResult>;
        readonly events: ListSent<SimulationOutput['result']['events'][number]>;
      };
      readonly trace: Omit<TraceData, 'intervals' | 'markers' | 'eventTimes'> & {
        readonly intervals: ListSent<TraceData['intervals'][number]>;
        readonly markers: ListSent<TraceData['markers'][number]>;
        readonly eventTimes: ListSent<TraceData['eventTimes'][number]>;
      };
      /** The world's state at the playhead the run was asked with. */
      readonly state?: { readonly t: number; readonly state: unknown };
    }
  | { readonly kind: 'ran'; readonly seq: number; readonly ok: false; readonly errors: readonly ScenarioError[] }
  | { readonly kind: 'failed'; readonly seq: number; readonly message: string }
  | { readonly kind: 'state'; readonly seq: number; readonly t: number; readonly state: unknown };

/**
 * What one side holds of the last answer exchanged: the push results, and the long lists (the
 * loaded timeline, the event log, the trace's intervals, markers and event times) that later answers are
 * sent against. The simulation and the page each keep one, and change it only on a good run, in order.
 */
export class HeldAnswer {
  readonly pushes: Held<PushResult> = { list: undefined };
  readonly timeline: Held<Scenario['timeline'][number]> = { list: undefined };
  readonly events: Held<SimulationOutput['result']['events'][number]> = { list: undefined };
  readonly intervals: Held<TraceData['intervals'][number]> = { list: undefined };
  readonly markers: Held<TraceData['markers'][number]> = { list: undefined };
  readonly eventTimes: Held<TraceData['eventTimes'][number]> = { list: undefined };
}

/**
 * Runs one document on `simulator`; `sent` remembers what the page holds, so only changes are sent.
 * `load` is the loader (the server's loads a drag frame from the frame before: `loadEdited`).
 */
export function runFile(
  simulator: Simulator,
  file: ScenarioFile,
  seq: number,
  sent: HeldAnswer,
  load: (file: ScenarioFile) => LoadResult = loadScenario,
  t?: number,
): { answer: SimAnswer; output?: SimulationOutput } {
  const loaded = load(file);
  if (!loaded.ok) return { answer: { kind: 'ran', seq, ok: false, errors: loaded.errors } };
  let output: SimulationOutput;
  try {
    output = simulator.run(loaded.scenario);
  } catch (error) {
    // An engine bug (or the clock's runaway guard): the page keeps the last good result and says so.
    return { answer: { kind: 'failed', seq, message: error instanceof Error ? error.message : String(error) } };
  }
  // By identity first (a resumed run keeps the objects of unchanged stories), else as data: a run that
  // starts over (an input dragged before the scenario's first event) gives every push a new object with
  // the same story, and sending all 2,000 (1.7 MB to clone on the page) re-rendered every row a frame.
  const pushes = encodeList(sent.pushes, output.result.pushes, samePush);
  const { start, end, intervals, markers, eventTimes } = output.trace;
  const trace = {
    start,
    end,
    intervals: encodeList(sent.intervals, intervals, sameData),
    markers: encodeList(sent.markers, markers, sameData),
    eventTimes: encodeList(sent.eventTimes, eventTimes),
  };
  const scenario = { ...loaded.scenario, timeline: encodeList(sent.timeline, loaded.scenario.timeline, sameData) };
  const result = { ...output.result, pushes, events: encodeList(sent.events, output.result.events, sameData) };
  const state = t === undefined ? {} : { state: { t, state: output.trace.stateAt(t) } };
  return { answer: { kind: 'ran', seq, ok: true, scenario, result, trace, ...state }, output };
}

/** The same push story: the same object, or the same id with equal data. */
function samePush(a: PushResult, b: PushResult): boolean {
  return a === b || (a.id === b.id && sameData(a, b));
}

/** The page's side: the answer as plain data again, rebuilt from what it holds (kept objects keep identity). */
export function receiveRun(
  answer: Extract<SimAnswer, { ok: true }>,
  held: HeldAnswer,
): { scenario: Scenario; output: { result: SimulationOutput['result']; trace: TraceData } } {
  const { start, end } = answer.trace;
  const trace: TraceData = {
    start,
    end,
    intervals: decodeList(held.intervals, answer.trace.intervals),
    markers: decodeList(held.markers, answer.trace.markers),
    eventTimes: decodeList(held.eventTimes, answer.trace.eventTimes),
  };
  const result = {
    ...answer.result,
    pushes: decodeList(held.pushes, answer.result.pushes),
    events: decodeList(held.events, answer.result.events),
  };
  const scenario = { ...answer.scenario, timeline: decodeList(held.timeline, answer.scenario.timeline) };
  return { scenario, output: { result, trace } };
}

/**
 * The page's side of a run request: the file, with its timeline sent as what changed (`listDelta.ts`).
 * Comparing 10,000 small events costs the page less than cloning them; a drag frame, whose timeline says
 * which events it moved (`movedSince`), compares only those.
 */
export function runRequest(seq: number, file: ScenarioFile, held: Held<TimelineEventFile>, t?: number): SimRequest {
  const at = t === undefined ? {} : { t };
  if (!Array.isArray(file.timeline)) return { kind: 'run', seq, file, ...at };
  const timeline = encodeList(held, file.timeline, sameData, movedSince);
  return { kind: 'run', seq, file: { ...file, timeline: [] }, timeline, ...at };
}

/**
 * One simulation's side of the protocol, the same in the worker and on the page: a `Simulator` that keeps
 * its checkpoints, the push results the page holds, and the last output, for `stateAt`.
 */
export function simulationServer(simulator: Simulator): (request: SimRequest) => SimAnswer {
  const sent = new HeldAnswer();
  const received: Held<TimelineEventFile> = { list: undefined };
  let last: SimulationOutput | undefined;
  // The last good load: a drag frame's file is loaded from it, checking only the events it moved.
  let previous: LoadedFrom | undefined;
  const load = (file: ScenarioFile): LoadResult => {
    const loaded = loadEdited(previous, file);
    if (loaded.ok) previous = { input: file, loaded };
    return loaded;
  };
  return (request) => {
    if (request.kind === 'stateAt')
      return { kind: 'state', seq: request.seq, t: request.t, state: last?.trace.stateAt(request.t) };
    const file = request.timeline
      ? { ...request.file, timeline: [...decodeList(received, request.timeline)] }
      : request.file;
    const { answer, output } = runFile(simulator, file, request.seq, sent, load, request.t);
    if (output) last = output;
    return answer;
  };
}
