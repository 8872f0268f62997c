import { useEffect, useRef } from 'react';
import { serializeScenario, type ScenarioFile } from '../../machines/scenario';
import { desktop } from './desktop';

interface Handlers {
  readonly file: ScenarioFile;
  readonly path?: string;
  onOpened(text: string, path: string): void;
  onSaved(path: string, file: ScenarioFile): void;
  onNew(): void;
  onError(text: string): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** In the desktop shell: the native File menu opens and saves through the validated IPC channels. */
export function useDesktopMenu(handlers: Handlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const api = desktop();
    if (!api) return;
    const save = async (asNew: boolean) => {
      const { file, path } = ref.current;
      const answer = await api.saveScenario({ ...(path && !asNew ? { path } : {}), text: serializeScenario(file) });
      if (!answer.ok) ref.current.onError(answer.error);
      else if (isRecord(answer.value) && typeof answer.value.path === 'string')
        ref.current.onSaved(answer.value.path, file);
    };
    return api.onMenu((command) => {
      if (command === 'new') ref.current.onNew();
      if (command === 'save') void save(false);
      if (command === 'save-as') void save(true);
      if (command === 'open') {
        void api.openScenario().then((answer) => {
          if (!answer.ok) ref.current.onError(answer.error);
          else if (
            isRecord(answer.value) &&
            typeof answer.value.text === 'string' &&
            typeof answer.value.path === 'string'
          ) {
            ref.current.onOpened(answer.value.text, answer.value.path);
          }
        });
      }
    });
  }, []);
}
