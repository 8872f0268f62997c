import { useEffect, useState } from 'react';
import {
  RESULT_FORMAT,
  Simulator,
  Time,
  toDurationString,
  loadScenario,
  type PaintedOutput,
  type Scenario,
  type ScenarioError,
  type ScenarioFile,
  type TimelineEventFile,
  type WorldState,
} from '../../../machines';
import { FIRST_PRESET } from '../document/presets';
import { sameData, type Held } from './listDelta';
import {
  HeldAnswer,
  receiveRun,
  runFile,
  runRequest,
  simulationServer,
  type SimAnswer,
  type SimRequest,
} from './simulationRun';

export interface SimulationView {
  /** The document this view answers: while it is not the one being edited, a newer run is under way. */
  readonly file: ScenarioFile;
  /** The document (`EditorContext.doc`) `file` is of: a load makes a new one even of the same file. */
  readonly doc: number;
  readonly output: PaintedOutput;
  /** The world's state at the playhead the run was asked with: drawn with the result, in the same frame. */
  readonly state?: { readonly t: number; readonly state: WorldState };
  /** The document as loaded; undefined while it is invalid. */
  readonly scenario: Scenario | undefined;
  /** Errors of the current document; the output is then the last valid one. */
  readonly errors: readonly ScenarioError[];
  readonly stale: boolean;
  /** No document has simulated yet: there is no result to show, only `errors`. */
  readonly fatal: boolean;
}

/** Where the simulation runs: a worker, or (where the page has none) the page itself. */
interface Engine {
  post(request: SimRequest): void;
  close(): void;
}

function workerEngine(onAnswer: (answer: SimAnswer) => void): Engine | undefined {
  if (typeof Worker !== 'function') return undefined;
  try {
    const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SimAnswer>) => onAnswer(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      onAnswer({ kind: 'failed', seq: -1, message: event.message || 'the simulation worker stopped' });
    };
    return { post: (request) => worker.postMessage(request), close: () => worker.terminate() };
  } catch {
    return undefined;
  }
}

/** The same protocol on the page's own thread, for a page without workers (and for unit tests). */
function pageEngine(onAnswer: (answer: SimAnswer) => void): Engine {
  const serve = simulationServer(new Simulator());
  let closed = false;
  return {
    post: (request) => queueMicrotask(() => closed || onAnswer(serve(request))),
    close: () => {
      closed = true;
    },
  };
}

/**
 * The live simulation of the document. Each edit goes to a worker that keeps one `Simulator` (a drag
 * frame goes on from its last checkpoint), so the page's main thread only paints. One run is in flight at
 * a time; edits made meanwhile are folded into the newest, which runs next (stale frames are dropped,
 * never queued). While the document is invalid, the last valid result stays and the errors are returned;
 * an engine failure is said the same way, and the page stays up. `doc`: the document `file` is of
 * (`EditorContext.doc`), which the view answering it carries; `playhead`: each run's view carries the
 * world's state there (`SimulationView.state`).
 */
export function useSimulation(file: ScenarioFile, doc: number, playhead?: number): SimulationView | undefined {
  const [client] = useState(() => new SimulationClient());
  const [view, setView] = useState<SimulationView | undefined>(() => client.firstView(file, doc, playhead));
  useEffect(() => {
    client.open(setView);
    return () => client.close();
  }, [client]);
  // Before the run below: a document loaded with its playhead runs with the state there.
  useEffect(() => client.at(playhead), [client, playhead]);
  useEffect(() => client.run(file, doc), [client, file, doc]);
  useEffect(warmUpOnce, []);
  return view;
}

/**
 * The state of every actor at `t`, for the State panel: the view's own when it was run at `t` (so the
 * panel changes in the same frame as the others: a document opened, an edit), else asked of the worker,
 * so it arrives a moment after the playhead moves; until then the state last had of the same document
 * is shown (or the view's own, at the playhead it was run with), never another document's. A state
 * equal to the one shown keeps that object: a drag asks again on every frame, and mostly gets the same
 * state back (the playhead is not where the push moves), which then renders nothing (it was a commit of
 * the panels per frame).
 */
export function useWorldState(view: SimulationView | undefined, t: number): WorldState | undefined {
  const [asked, setAsked] = useState<{ readonly doc: number; readonly state: WorldState } | undefined>(undefined);
  const own = view?.state?.t === t ? view.state.state : undefined;
  useEffect(() => {
    if (!view || own) return;
    let live = true;
    const { doc } = view;
    void SimulationClient.stateAt(view, t).then(
      (s) =>
        live && s && setAsked((shown) => (shown?.doc === doc && sameData(shown.state, s) ? shown : { doc, state: s })),
    );
    return () => {
      live = false;
    };
  }, [view, t, own]);
  return own ?? (asked && asked.doc === view?.doc ? asked.state : view?.state?.state);
}

/**
 * A document this small is simulated once on the page for the first paint (a few ms), so the window shows
 * a result at once; every run after it, and any larger document, goes to the worker.
 */
const FIRST_PAINT_EVENTS = 1_000;

/** A run asked for: the file and the document it is of. */
interface Running {
  readonly file: ScenarioFile;
  readonly doc: number;
}

class SimulationClient {
  private static readonly byView = new WeakMap<SimulationView, SimulationClient>();
  private engine: Engine | undefined;
  private show: (view: SimulationView) => void = () => {};
  private seq = 0;
  private inFlight: number | undefined;
  /** The document of the run in flight. */
  private running: Running | undefined;
  private pending: Running | undefined;
  /** What the page holds of the engine's last good answer, and of the last timeline it sent the engine. */
  private held = new HeldAnswer();
  private sentTimeline: Held<TimelineEventFile> = { list: undefined };
  private lastValid: PaintedOutput | undefined;
  private readonly states = new Map<number, (state: WorldState | undefined) => void>();
  /** The playhead each run is asked with; the state last carried by a run, kept while equal. */
  private playhead: number | undefined;
  private lastState: SimulationView['state'];

  static stateAt(view: SimulationView, t: number): Promise<WorldState | undefined> {
    const client = SimulationClient.byView.get(view);
    if (!client) return Promise.resolve(undefined);
    const seq = ++client.seq;
    return new Promise((resolve) => {
      client.states.set(seq, resolve);
      client.engineFor().post({ kind: 'stateAt', seq, t });
    });
  }

  /** The first view, simulated here and now when the document is small; else the worker's, later. */
  firstView(file: ScenarioFile, doc: number, playhead: number | undefined): SimulationView | undefined {
    if (!Array.isArray(file.timeline) || file.timeline.length > FIRST_PAINT_EVENTS) return undefined;
    let view: SimulationView | undefined;
    const { answer } = runFile(new Simulator(), file, 0, new HeldAnswer(), undefined, playhead);
    this.show = (v) => (view = v);
    this.inFlight = 0;
    this.running = { file, doc };
    this.receive(answer);
    this.show = () => {};
    return view;
  }

  /** The playhead the next runs are asked with. */
  at(playhead: number | undefined): void {
    this.playhead = playhead;
  }

  open(show: (view: SimulationView) => void): void {
    this.show = show;
  }

  run(file: ScenarioFile, doc: number): void {
    if (this.inFlight !== undefined) {
      this.pending = { file, doc };
      return;
    }
    this.inFlight = ++this.seq;
    this.running = { file, doc };
    const engine = this.engineFor();
    engine.post(runRequest(this.inFlight, file, this.sentTimeline, this.playhead));
  }

  /** Ends the worker; a view mounted again (React's strict mode does it) starts a new one on its next run. */
  close(): void {
    this.engine?.close();
    this.engine = undefined;
    this.inFlight = undefined;
    this.pending = undefined;
    for (const resolve of this.states.values()) resolve(undefined);
    this.states.clear();
  }

  private engineFor(): Engine {
    if (!this.engine) {
      // A new engine holds nothing yet: its first answer, and the first timeline sent to it, go whole.
      this.held = new HeldAnswer();
      this.sentTimeline = { list: undefined };
      const onAnswer = (answer: SimAnswer) => this.receive(answer);
      this.engine = workerEngine(onAnswer) ?? pageEngine(onAnswer);
    }
    return this.engine;
  }

  private receive(answer: SimAnswer): void {
    if (answer.kind === 'state') {
      this.states.get(answer.seq)?.(answer.state as WorldState | undefined);
      this.states.delete(answer.seq);
      return;
    }
    // Every good answer is decoded, even one no longer awaited: the engine sends the next against it.
    const ran = answer.kind === 'ran' && answer.ok ? receiveRun(answer, this.held) : undefined;
    if (answer.seq !== this.inFlight && answer.seq !== -1) return;
    const { file, doc } = this.running!;
    this.inFlight = undefined;
    const next = this.pending;
    this.pending = undefined;
    if (next) this.run(next.file, next.doc);
    let view: SimulationView;
    if (ran) {
      const output: PaintedOutput = ran.output;
      this.lastValid = output;
      view = { file, doc, output, scenario: ran.scenario, errors: NO_ERRORS, stale: false, fatal: false };
      const state = answer.kind === 'ran' && answer.ok ? answer.state : undefined;
      if (state) {
        const last = this.lastState;
        if (!last || last.t !== state.t || !sameData(last.state, state.state))
          this.lastState = state as NonNullable<SimulationView['state']>;
        view = { ...view, state: this.lastState };
      }
    } else {
      const errors = answer.kind === 'ran' && !answer.ok ? answer.errors : engineFailure(failure(answer));
      view = this.lastValid
        ? { file, doc, output: this.lastValid, scenario: undefined, errors, stale: true, fatal: false }
        : { file, doc, output: EMPTY_OUTPUT, scenario: undefined, errors, stale: true, fatal: true };
    }
    SimulationClient.byView.set(view, this);
    this.show(view);
  }
}

/** No errors, the same array every time: the memoized panels given a view's errors then skip their render. */
const NO_ERRORS: readonly ScenarioError[] = [];

const failure = (answer: SimAnswer): string => (answer.kind === 'failed' ? answer.message : 'no answer');

/** An engine failure (a RunawayError, say) as an error of the document, so the page stays up and says so. */
const engineFailure = (message: string): ScenarioError[] => [
  { path: '', message: `${message} This is a bug in Ringside: please report it with this scenario.` },
];

/** Shown by no one: a view that is `fatal` has nothing to paint. */
const EMPTY_OUTPUT: PaintedOutput = {
  result: { format: RESULT_FORMAT, scenario: '', pushes: [], strikes: [], throttled: [], events: [], expectations: [] },
  trace: { start: Time.ZERO, end: Time.ZERO, intervals: [], markers: [], eventTimes: [] },
};

let warm = false;

/**
 * Once per page, when the browser is idle: a throwaway drag of the first preset's first push (load,
 * full run, then a frame that goes on from a checkpoint and takes over), so that V8 has compiled that
 * code before the user's first drag. Without it, the first drag frame compiled it: ~15 ms more, and a
 * frame of 50–80 ms, a long task. (The worker warms itself on its first runs; this warms the page's
 * own uses of the core: comparisons, sweeps, what-ifs.)
 */
function warmUpOnce(): () => void {
  if (warm) return () => {};
  const run = () => {
    warm = true;
    const file = FIRST_PRESET.file;
    const at = file.timeline.findIndex((e) => e.do === 'push');
    const loaded = loadScenario(file);
    if (!loaded.ok || at === -1) return;
    const simulator = new Simulator();
    simulator.run(loaded.scenario);
    // As a drag moves an event (App's onDragMove): its time becomes a duration string.
    const t = loaded.scenario.timeline.find((e) => e.do === 'push')!.at + 100;
    const moved = loadScenario({
      ...file,
      timeline: file.timeline.map((e, i) => (i === at ? { ...e, at: toDurationString(t) } : e)),
    });
    if (moved.ok) simulator.run(moved.scenario);
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 500);
  return () => clearTimeout(id);
}
