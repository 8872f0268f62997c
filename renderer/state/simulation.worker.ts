/**
 * The live simulation, off the page's main thread: the page posts each edit of the document and paints
 * what comes back, so a long run never blocks a frame. One `Simulator` keeps its checkpoints between
 * edits, as it did on the page (a drag frame goes on from the last checkpoint before the moved event).
 */
import { Simulator, type PushResult, type SimulationOutput } from '../../machines';
import { runFile, type SimAnswer, type SimRequest } from './simulationRun';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SimRequest>) => void) | null;
  postMessage(message: SimAnswer): void;
}
const scope = self as unknown as WorkerScope;

const simulator = new Simulator();
const sent = new Map<string, PushResult>();
let last: SimulationOutput | undefined;

scope.onmessage = ({ data: request }) => {
  if (request.kind === 'run') {
    const { answer, output } = runFile(simulator, request.file, request.seq, sent);
    if (output) last = output;
    scope.postMessage(answer);
  } else {
    scope.postMessage({ kind: 'state', seq: request.seq, t: request.t, state: last?.trace.stateAt(request.t) });
  }
};
