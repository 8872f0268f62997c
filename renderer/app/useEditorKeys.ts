import type { RefObject } from 'react';
import type { EditorContext, View } from '../state/document/editorMachine';
import { desktop } from '../state/bridges/desktop';
import { useShortcuts } from '../state/view/useShortcuts';
import type { Send } from './useEditor';

/** The editor's keys: undo, redo, delete, duplicate, nudge, stepping, zoom and pan, save, open, help. */
export function useEditorKeys(options: {
  context: EditorContext;
  send: Send;
  trace: { readonly start: number; readonly end: number } | undefined;
  view: View;
  step: (dir: 1 | -1) => void;
  help: () => void;
  save: () => void;
  openInput: RefObject<HTMLInputElement | null>;
}) {
  const { context, send, trace, view } = options;
  const { selection } = context;
  useShortcuts(
    {
      undo: () => send({ type: 'history.undo' }),
      redo: () => send({ type: 'history.redo' }),
      remove: () => {
        if (selection.length > 0) send({ type: 'doc.delete', indexes: selection });
      },
      deselect: () => {
        send({ type: 'select.events', indexes: [] });
        send({ type: 'select.push', push: undefined });
      },
      duplicate: () => {
        if (selection.length > 0) send({ type: 'doc.duplicate', indexes: selection });
      },
      step: options.step,
      home: () => {
        if (trace) send({ type: 'playhead.set', t: trace.start });
      },
      end: () => {
        if (trace) send({ type: 'playhead.set', t: trace.end });
      },
      zoom: (factor) => {
        const mid = (view.start + view.end) / 2;
        const half = ((view.end - view.start) * factor) / 2;
        send({ type: 'view.set', view: { start: mid - half, end: mid + half } });
      },
      pan: (fraction) => {
        const dt = (view.end - view.start) * fraction;
        send({ type: 'view.set', view: { start: view.start + dt, end: view.end + dt } });
      },
      fit: () => send({ type: 'view.set', view: undefined }),
      help: options.help,
      save: options.save,
      open: () => options.openInput.current?.click(),
      nudge: (ms) => {
        if (selection.length > 0) send({ type: 'doc.nudge', indexes: selection, ms });
      },
    },
    Boolean(desktop()),
  );
}
