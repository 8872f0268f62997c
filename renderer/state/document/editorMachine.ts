import { assign, setup } from 'xstate';
import type { ScenarioFile } from '../../../machines';
import { clampView } from '../view/viewBounds';
import { applyEdit, moveRefusal, refusal, type Applied, type DocEdit } from './docEdits';
import { moveEvents } from './edits';

export interface View {
  readonly start: number;
  readonly end: number;
}

/** The preset a document was loaded from, as it was. */
export interface Origin {
  readonly presetId: string;
  readonly file: ScenarioFile;
}

/**
 * An edit the editor refused because it would make the document invalid: where (the field's path), what
 * was typed or picked (the field keeps showing it), and why.
 */
export interface Refused {
  readonly path?: string;
  readonly value?: unknown;
  readonly reason: string;
}

export interface EditorContext {
  readonly file: ScenarioFile;
  /** Which document this is: each load (a preset, a file, a link, New) makes a new one; edits, undo and redo keep it. */
  readonly doc: number;
  /**
   * The documents left by a load whose result may still be the one on screen, oldest first, each as it
   * was when it was left (without its own `left`): the workspace goes on drawing one of them whole until
   * its successor's result lands (`app/shownDocument.ts`). `doc.landed` lets go of those no result will
   * show again.
   */
  readonly left: readonly EditorContext[];
  readonly past: readonly ScenarioFile[];
  readonly future: readonly ScenarioFile[];
  /** The file as it was when a drag began: the whole drag is one undo step. */
  readonly dragBase?: ScenarioFile;
  /** The `typing` key of the last edit, while edits with that key go on making the same undo step. */
  readonly typing?: string;
  /** Selected timeline event indexes (file order). */
  readonly selection: readonly number[];
  /** Selected push id (fates / why panels). */
  readonly push?: string;
  readonly playhead: number;
  readonly view?: View;
  readonly presetId?: string;
  /** The preset the document was loaded from (none for a file, a link, a new document). */
  readonly origin?: Origin;
  /** The last edit refused, until the next edit, undo, redo, load or selection. */
  readonly refused?: Refused;
  /** What the last edit changed besides what was asked ("removed 1 expectation that named call-2"). */
  readonly status?: { readonly text: string };
}

export type EditorEvent =
  | { type: 'doc.load'; file: ScenarioFile; presetId?: string }
  /** The simulation's result on screen is now document `doc`'s: results land in the order documents were opened. */
  | { type: 'doc.landed'; doc: number }
  | DocEdit
  | { type: 'drag.start' }
  /** The dragged events' times (ms), by index. */
  | { type: 'drag.move'; times: ReadonlyMap<number, number> }
  | { type: 'drag.end' }
  | { type: 'history.undo' }
  | { type: 'history.redo' }
  | { type: 'select.events'; indexes: readonly number[] }
  | { type: 'select.push'; push: string | undefined }
  | { type: 'playhead.set'; t: number }
  | { type: 'view.set'; view: View | undefined };

const LIMIT = 200;

/**
 * The context after edit `applied`: refused if the file would not load (the document stays as it
 * was, valid: nothing may leave the editor showing "the last valid result"), else the new document,
 * one undo step unless it is more of the same typing.
 */
function commit(context: EditorContext, applied: Applied, typing?: string): Partial<EditorContext> {
  if (applied.file === context.file) return { refused: undefined };
  const reason = refusal(applied.file, applied.path);
  if (reason !== undefined) {
    return { refused: { reason, ...(applied.path ? { path: applied.path } : {}), value: applied.value } };
  }
  // More of the same typing: the step it began holds the file from before it (and cleared the redo
  // steps; an undo or redo since would have ended the typing).
  const same = typing !== undefined && typing === context.typing;
  return {
    file: applied.file,
    ...(same ? {} : { past: [...context.past, context.file].slice(-LIMIT), future: [] }),
    typing,
    refused: undefined,
    ...(applied.note ? { status: { text: applied.note } } : {}),
    ...(applied.select ? { selection: applied.select } : {}),
    ...(applied.renamed && context.push === applied.renamed[0] ? { push: applied.renamed[1] } : {}),
  };
}

/** A selection without indexes past the end of `file`'s timeline (after an undo or redo). */
const within = (selection: readonly number[], file: ScenarioFile) =>
  selection.every((i) => i < file.timeline.length) ? selection : selection.filter((i) => i < file.timeline.length);

/** Every document edit: the `commit` action given the edit as its params. */
const edit = { actions: { type: 'commit', params: ({ event }: { event: DocEdit }) => event } } as const;

/** The document, its history (a drag is one step), the selection, the playhead and the view. */
export const editorMachine = setup({
  types: {
    context: {} as EditorContext,
    events: {} as EditorEvent,
    input: {} as { file: ScenarioFile; presetId?: string; view?: View; playhead?: number; push?: string },
  },
  actions: {
    commit: assign(({ context }, params: DocEdit) =>
      commit(context, applyEdit(context.file, params), 'typing' in params ? params.typing : undefined),
    ),
  },
  guards: {
    canUndo: ({ context }) => context.past.length > 0,
    canRedo: ({ context }) => context.future.length > 0,
    hasLeftBefore: ({ context }, params: { doc: number }) => context.left.some((c) => c.doc < params.doc),
  },
}).createMachine({
  id: 'editor',
  context: ({ input }) => ({
    file: input.file,
    doc: 0,
    left: [],
    past: [],
    future: [],
    selection: [],
    playhead: input.playhead ?? 0,
    presetId: input.presetId,
    origin: input.presetId ? { presetId: input.presetId, file: input.file } : undefined,
    view: clampView(input.view),
    push: input.push,
  }),
  initial: 'editing',
  states: {
    editing: {
      on: {
        'doc.load': {
          actions: assign(({ context, event }) => ({
            file: event.file,
            doc: context.doc + 1,
            left: [...context.left, { ...context, left: [] }],
            past: [],
            future: [],
            selection: [],
            push: undefined,
            playhead: 0,
            view: undefined,
            presetId: event.presetId,
            origin: event.presetId ? { presetId: event.presetId, file: event.file } : undefined,
            typing: undefined,
            refused: undefined,
            status: undefined,
          })),
        },
        'doc.edit': edit,
        'doc.setText': edit,
        'doc.setField': edit,
        'doc.setSection': edit,
        'doc.renamePush': edit,
        'doc.rekind': edit,
        'doc.delete': edit,
        'doc.duplicate': edit,
        'doc.nudge': edit,
        'doc.addEvent': edit,
        'expect.add': edit,
        'expect.remove': edit,
        'drag.start': {
          target: 'dragging',
          actions: assign(({ context }) => ({ dragBase: context.file, typing: undefined, refused: undefined })),
        },
        'history.undo': {
          guard: 'canUndo',
          actions: assign(({ context }) => {
            const file = context.past[context.past.length - 1]!;
            return {
              file,
              past: context.past.slice(0, -1),
              future: [context.file, ...context.future],
              typing: undefined,
              refused: undefined,
              selection: within(context.selection, file),
            };
          }),
        },
        'history.redo': {
          guard: 'canRedo',
          actions: assign(({ context }) => {
            const file = context.future[0]!;
            return {
              file,
              future: context.future.slice(1),
              past: [...context.past, context.file],
              typing: undefined,
              refused: undefined,
              selection: within(context.selection, file),
            };
          }),
        },
      },
    },
    dragging: {
      on: {
        'drag.move': {
          // A move the document cannot take (past its end) is not made: the event stays where it last could be.
          actions: assign(({ context, event }) => {
            const file = moveEvents(context.file, event.times);
            const reason = moveRefusal(context.file, file, event.times.keys());
            return reason === undefined ? { file, refused: undefined } : { refused: { reason } };
          }),
        },
        'drag.end': {
          target: 'editing',
          actions: assign(({ context }) =>
            context.dragBase && context.dragBase !== context.file
              ? { past: [...context.past, context.dragBase].slice(-LIMIT), future: [], dragBase: undefined }
              : { dragBase: undefined },
          ),
        },
      },
    },
  },
  on: {
    // Whatever the editor is doing (a drag of the new document included).
    'doc.landed': {
      guard: { type: 'hasLeftBefore', params: ({ event }) => ({ doc: event.doc }) },
      actions: assign({ left: ({ context, event }) => context.left.filter((c) => c.doc >= event.doc) }),
    },
    'select.events': {
      actions: assign({ selection: ({ event }) => event.indexes, typing: undefined, refused: undefined }),
    },
    'select.push': { actions: assign({ push: ({ event }) => event.push }) },
    'playhead.set': { actions: assign({ playhead: ({ event }) => event.t }) },
    'view.set': { actions: assign({ view: ({ event }) => clampView(event.view) }) },
  },
});
