import { useEffect, useRef, useState } from 'react';
import { ipcTitle } from '../../../ipc/contract';
import { savedScenarioText, type ScenarioFile } from '../../../machines';
import { desktop } from './desktop';

interface Handlers {
  readonly file: ScenarioFile;
  readonly path?: string;
  /** Unsaved edits since the document was opened or saved (main asks before closing, enables Revert). */
  readonly dirty: boolean;
  /** The name the user knows the document by; by default the file's name, else the scenario's title. */
  readonly title?: string;
  /** Open…, Open Recent and Revert: the renderer validates the text; an invalid file changes nothing. */
  onOpened(text: string, path: string, reverting: boolean): void;
  onSaved(path: string, file: ScenarioFile): void;
  onNew(): void;
  /** File → Import Device Log…: the import's dialog opens on its file picker (#26). */
  onImportLog(): void;
  onError(text: string): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The document's name: the file's, or the scenario's title before it has one. */
export function documentTitle(file: ScenarioFile, path?: string): string {
  return (path ? path.split(/[\\/]/).pop() : undefined) || file.title;
}

/**
 * In the desktop shell: the native File menu opens, reopens (Open Recent), reverts and saves through
 * the validated IPC channels, and main is told the document's state (for the close / quit prompt,
 * Revert and Open Recent) whenever it changes and after every save. The window title is the page's
 * document.title, set by useDocumentFile; main does not set one of its own.
 */
export function useDesktopMenu(handlers: Handlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  // Counts finished saves, so main hears the state after each one even when it did not change (a
  // save made while closing lets the window close only once main knows whether it left edits).
  const [saves, setSaves] = useState(0);
  useEffect(() => {
    const api = desktop();
    if (!api) return;
    const save = async (asNew: boolean) => {
      const { file, path } = ref.current;
      const answer = await api.saveScenario({ ...(path && !asNew ? { path } : {}), text: savedScenarioText(file) });
      if (!answer.ok) ref.current.onError(answer.error);
      else if (isRecord(answer.value) && typeof answer.value.path === 'string') {
        ref.current.onSaved(answer.value.path, file);
        setSaves((n) => n + 1);
      }
    };
    return api.onMenu((command) => {
      switch (command.command) {
        case 'new':
          ref.current.onNew();
          break;
        case 'import-log':
          ref.current.onImportLog();
          break;
        case 'save':
          void save(false);
          break;
        case 'save-as':
          void save(true);
          break;
        case 'open':
          void api.openScenario().then((answer) => {
            if (!answer.ok) ref.current.onError(answer.error);
            else if (
              isRecord(answer.value) &&
              typeof answer.value.text === 'string' &&
              typeof answer.value.path === 'string'
            ) {
              ref.current.onOpened(answer.value.text, answer.value.path, false);
            }
          });
          break;
        case 'open-recent':
        case 'revert':
          ref.current.onOpened(command.text, command.path, command.command === 'revert');
          break;
      }
    });
  }, []);
  const { dirty, path } = handlers;
  const title = handlers.title ?? documentTitle(handlers.file, path);
  useEffect(() => {
    const api = desktop();
    if (!api) return;
    // A long title is shortened, so the state (above all `dirty`) is never refused for its length.
    void api.setDocumentState({ dirty, ...(path ? { path } : {}), title: ipcTitle(title) }).then((answer) => {
      if (!answer.ok) ref.current.onError(answer.error);
    });
  }, [dirty, path, title, saves]);
}
