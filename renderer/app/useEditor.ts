import { useMachine } from '@xstate/react';
import { useState } from 'react';
import { formatErrors, type ScenarioFile } from '../../machines';
import { editorMachine } from '../state/document/editorMachine';
import { FIRST_PRESET } from '../state/document/presets';
import { decodeScenario, decodeView, type SharedView } from '../state/bridges/share';

interface Initial {
  readonly file: ScenarioFile;
  readonly presetId?: string;
  readonly linkErrors?: readonly string[];
  readonly view?: SharedView;
}

/** A scenario from a shared link (#s=…), or the first-run preset. */
function initialDocument(): Initial {
  const shared = typeof window === 'undefined' ? undefined : decodeScenario(window.location.hash);
  if (shared?.ok) {
    const view = decodeView(window.location.hash);
    return view ? { file: shared.file, view } : { file: shared.file };
  }
  return {
    file: FIRST_PRESET.file,
    presetId: FIRST_PRESET.id,
    ...(shared ? { linkErrors: formatErrors(shared.errors, 'shared link') } : {}),
  };
}

/** The editor's machine, started on the first document (a shared link's, with its view, or the first preset). */
export function useEditor() {
  const [initial] = useState(initialDocument);
  const [snapshot, send] = useMachine(editorMachine, {
    input: {
      file: initial.file,
      ...(initial.presetId ? { presetId: initial.presetId } : {}),
      ...(initial.view
        ? {
            view: { start: initial.view.start, end: initial.view.end },
            playhead: initial.view.playhead,
            ...(initial.view.push ? { push: initial.view.push } : {}),
          }
        : {}),
    },
  });
  return { snapshot, send, linkErrors: initial.linkErrors };
}

export type Send = ReturnType<typeof useEditor>['send'];
