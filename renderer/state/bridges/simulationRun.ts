/**
 * One step of the live simulation, the same in the worker and in the page's fallback: load the document,
 * run it on a `Simulator` that keeps its checkpoints between edits, and cut the answer down to plain data
 * (the trace without its query function). Rules are the core's alone: this only calls its door.
 */
import {
  loadScenario,
  type PushResult,
  type Scenario,
  type ScenarioError,
  type ScenarioFile,
  type SimulationOutput,
  type Simulator,
  type TraceData,
} from '../../../machines';

/** What the page asks of the simulation. */
export type SimRequest =
  | { readonly kind: 'run'; readonly seq: number; readonly file: ScenarioFile }
  | { readonly kind: 'stateAt'; readonly seq: number; readonly t: number };

/**
 * A push result the page already holds is sent as its id alone: the core gives the same object for a push
 * whose story did not change, and the page gives the same object back, so memoized rows stay put.
 */
export type PushSent = PushResult | { readonly same: string };

/** What the simulation answers. */
export type SimAnswer =
  | {
      readonly kind: 'ran';
      readonly seq: number;
      readonly ok: true;
      readonly scenario: Scenario;
      readonly result: Omit<SimulationOutput['result'], 'pushes'> & { readonly pushes: readonly PushSent[] };
      readonly trace: TraceData;
    }
  | { readonly kind: 'ran'; readonly seq: number; readonly ok: false; readonly errors: readonly ScenarioError[] }
  | { readonly kind: 'failed'; readonly seq: number; readonly message: string }
  | { readonly kind: 'state'; readonly seq: number; readonly t: number; readonly state: unknown };

/** Runs one document on `simulator`; `sent` remembers which push results the page holds. */
export function runFile(
  simulator: Simulator,
  file: ScenarioFile,
  seq: number,
  sent: Map<string, PushResult>,
): { answer: SimAnswer; output?: SimulationOutput } {
  const loaded = loadScenario(file);
  if (!loaded.ok) return { answer: { kind: 'ran', seq, ok: false, errors: loaded.errors } };
  let output: SimulationOutput;
  try {
    output = simulator.run(loaded.scenario);
  } catch (error) {
    // An engine bug (or the clock's runaway guard): the page keeps the last good result and says so.
    return { answer: { kind: 'failed', seq, message: error instanceof Error ? error.message : String(error) } };
  }
  const pushes = output.result.pushes.map((p): PushSent => (sent.get(p.id) === p ? { same: p.id } : p));
  sent.clear();
  for (const p of output.result.pushes) sent.set(p.id, p);
  const { start, end, intervals, markers, eventTimes } = output.trace;
  const trace: TraceData = { start, end, intervals, markers, eventTimes };
  return {
    answer: { kind: 'ran', seq, ok: true, scenario: loaded.scenario, result: { ...output.result, pushes }, trace },
    output,
  };
}

/** The page's side of `PushSent`: the objects it already holds, by id, for pushes sent as `same`. */
export function receivePushes(sent: readonly PushSent[], held: Map<string, PushResult>): PushResult[] {
  const pushes = sent.map((p) => ('same' in p ? held.get(p.same)! : p));
  held.clear();
  for (const p of pushes) held.set(p.id, p);
  return pushes;
}

/**
 * One simulation's side of the protocol, the same in the worker and on the page: a `Simulator` that keeps
 * its checkpoints, the push results the page holds, and the last output, for `stateAt`.
 */
export function simulationServer(simulator: Simulator): (request: SimRequest) => SimAnswer {
  const sent = new Map<string, PushResult>();
  let last: SimulationOutput | undefined;
  return (request) => {
    if (request.kind === 'stateAt')
      return { kind: 'state', seq: request.seq, t: request.t, state: last?.trace.stateAt(request.t) };
    const { answer, output } = runFile(simulator, request.file, request.seq, sent);
    if (output) last = output;
    return answer;
  };
}
