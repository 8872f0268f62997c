import { useCallback, useEffect, useRef, useState } from 'react';
import { failureText, importLogSource, type LogAnswer, type LogPreview, type LogRequest } from './logImportRun';

/**
 * Where a log import stands: choosing the log (the desktop app's File → Import Device Log…), reading
 * it (with progress), showing its preview, or nothing under way.
 */
export type LogImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'choosing' }
  | { readonly phase: 'reading'; readonly name: string; readonly read: number; readonly total: number }
  | { readonly phase: 'preview'; readonly preview: LogPreview };

interface Job {
  cancel(): void;
}

/** Runs one import in a worker of its own; on a page without workers, on the page (unit tests). */
function startJob(request: LogRequest, onAnswer: (answer: LogAnswer) => void): Job {
  if (typeof Worker === 'function') {
    try {
      const worker = new Worker(new URL('./logImport.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<LogAnswer>) => onAnswer(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onAnswer({
          kind: 'failed',
          message: failureText(request.name, new Error(event.message || 'the reader stopped')),
        });
      };
      worker.postMessage(request);
      return { cancel: () => worker.terminate() };
    } catch {
      // No module workers here: read on the page.
    }
  }
  let live = true;
  importLogSource(request, (read, total) => live && onAnswer({ kind: 'progress', read, total })).then(
    (preview) => live && onAnswer({ kind: 'done', preview }),
    (error: unknown) => live && onAnswer({ kind: 'failed', message: failureText(request.name, error) }),
  );
  return {
    cancel: () => {
      live = false;
    },
  };
}

/**
 * A device log's import: `start` reads a dropped, picked or pasted log in a worker and shows its
 * preview; `cancel` ends it and leaves the document as it was; a failure is told through `onError`
 * (the current document is never touched here: opening is the caller's).
 */
export function useLogImport(onError: (message: string) => void) {
  const [state, setState] = useState<LogImportState>({ phase: 'idle' });
  const job = useRef<Job | undefined>(undefined);
  const errorRef = useRef(onError);
  useEffect(() => {
    errorRef.current = onError;
  });
  const stop = useCallback(() => {
    job.current?.cancel();
    job.current = undefined;
  }, []);
  useEffect(() => stop, [stop]);
  const start = useCallback(
    (source: Blob | string, name: string) => {
      stop();
      const total = typeof source === 'string' ? source.length : source.size;
      setState({ phase: 'reading', name, read: 0, total });
      // A holder made first: reading pasted text on the page reports progress before startJob returns
      // (those early answers are dropped; the last one comes after it has returned).
      const mine: { job?: Job } = {};
      mine.job = startJob({ source, name }, (answer) => {
        if (!mine.job || job.current !== mine.job) return;
        if (answer.kind === 'progress') setState({ phase: 'reading', name, read: answer.read, total: answer.total });
        else {
          stop();
          if (answer.kind === 'done') setState({ phase: 'preview', preview: answer.preview });
          else {
            setState({ phase: 'idle' });
            errorRef.current(answer.message);
          }
        }
      });
      job.current = mine.job;
    },
    [stop],
  );
  const cancel = useCallback(() => {
    stop();
    setState({ phase: 'idle' });
  }, [stop]);
  /**
   * Opens the dialog on its file picker. The desktop menu's command arrives over IPC, without the user
   * activation Chromium requires to open a file chooser (electron/electron#6914), so the menu cannot
   * click the toolbar's field: the dialog's own button, clicked by the user, opens the native chooser.
   */
  const choose = useCallback(() => {
    if (job.current) return;
    setState({ phase: 'choosing' });
  }, []);
  return { state, start, cancel, choose };
}
