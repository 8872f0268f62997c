/**
 * A device log's import, off the page's main thread: a file of hundreds of MB is read a chunk at a time
 * here while the page paints the progress. One import per worker; the page ends the worker to cancel.
 */
import { failureText, importLogSource, type LogAnswer, type LogRequest } from './logImportRun';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LogRequest>) => void) | null;
  postMessage(message: LogAnswer): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data: request }) => {
  importLogSource(request, (read, total) => scope.postMessage({ kind: 'progress', read, total })).then(
    (preview) => scope.postMessage({ kind: 'done', preview }),
    (error: unknown) => scope.postMessage({ kind: 'failed', message: failureText(request.name, error) }),
  );
};
