/**
 * The live simulation, off the page's main thread: the page posts each edit of the document and paints
 * what comes back, so a long run never blocks a frame. One `Simulator` keeps its checkpoints between
 * edits, as it did on the page (a drag frame goes on from the last checkpoint before the moved event).
 */
import { Simulator } from '../../../machines';
import { simulationServer, type SimAnswer, type SimRequest } from './simulationRun';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SimRequest>) => void) | null;
  postMessage(message: SimAnswer): void;
}
const scope = self as unknown as WorkerScope;

const serve = simulationServer(new Simulator());
scope.onmessage = ({ data: request }) => scope.postMessage(serve(request));
