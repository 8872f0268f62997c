import { assign, setup } from 'xstate';
import type { ScenarioFile } from '../../../machines';
import { clampView } from '../view/viewBounds';
import { addExpectation, removeExpectation, type ExpectationFile } from './edits';

export interface View {
  readonly start: number;
  readonly end: number;
}

export interface EditorContext {
  readonly file: ScenarioFile;
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
}

export type EditorEvent =
  | { type: 'doc.load'; file: ScenarioFile; presetId?: string }
  /**
   * An edit. Edits with the same `typing` key one after another (what is typed into one field in one
   * visit, see `useTypingKey`) make one undo step; anything else in between starts a new one.
   */
  | { type: 'doc.edit'; file: ScenarioFile; typing?: string }
  /** Expect this too (replacing an expectation about the same subject): one undo step. */
  | { type: 'expect.add'; expect: ExpectationFile }
  /** Expect this no longer (the entry of the `expect` block that says it): one undo step. */
  | { type: 'expect.remove'; expect: ExpectationFile }
  | { type: 'drag.start' }
  | { type: 'drag.move'; file: ScenarioFile }
  | { type: 'drag.end' }
  | { type: 'history.undo' }
  | { type: 'history.redo' }
  | { type: 'select.events'; indexes: readonly number[] }
  | { type: 'select.push'; push: string | undefined }
  | { type: 'playhead.set'; t: number }
  | { type: 'view.set'; view: View | undefined };

const LIMIT = 200;

/** `file` as a new undo step after the context's file (nothing when it is the same file). */
const step = (context: EditorContext, file: ScenarioFile): Partial<EditorContext> =>
  file === context.file
    ? {}
    : { past: [...context.past, context.file].slice(-LIMIT), future: [], file, typing: undefined };

/** The document, its history (a drag is one step), the selection, the playhead and the view. */
export const editorMachine = setup({
  types: {
    context: {} as EditorContext,
    events: {} as EditorEvent,
    input: {} as { file: ScenarioFile; presetId?: string; view?: View; playhead?: number; push?: string },
  },
  guards: {
    canUndo: ({ context }) => context.past.length > 0,
    canRedo: ({ context }) => context.future.length > 0,
  },
}).createMachine({
  id: 'editor',
  context: ({ input }) => ({
    file: input.file,
    past: [],
    future: [],
    selection: [],
    playhead: input.playhead ?? 0,
    presetId: input.presetId,
    view: clampView(input.view),
    push: input.push,
  }),
  initial: 'editing',
  states: {
    editing: {
      on: {
        'doc.load': {
          actions: assign(({ event }) => ({
            file: event.file,
            past: [],
            future: [],
            selection: [],
            push: undefined,
            playhead: 0,
            view: undefined,
            presetId: event.presetId,
            typing: undefined,
          })),
        },
        'doc.edit': [
          {
            // More of the same typing: the step it began holds the file from before it (and cleared the
            // redo steps; an undo or redo since would have ended the typing).
            guard: ({ context, event }) => event.typing !== undefined && event.typing === context.typing,
            actions: assign({ file: ({ event }) => event.file }),
          },
          {
            actions: assign(({ context, event }) => ({
              past: [...context.past, context.file].slice(-LIMIT),
              future: [],
              file: event.file,
              typing: event.typing,
            })),
          },
        ],
        'expect.add': {
          actions: assign(({ context, event }) => step(context, addExpectation(context.file, event.expect))),
        },
        'expect.remove': {
          actions: assign(({ context, event }) => step(context, removeExpectation(context.file, event.expect))),
        },
        'drag.start': {
          target: 'dragging',
          actions: assign(({ context }) => ({ dragBase: context.file, typing: undefined })),
        },
        'history.undo': {
          guard: 'canUndo',
          actions: assign(({ context }) => ({
            file: context.past[context.past.length - 1]!,
            past: context.past.slice(0, -1),
            future: [context.file, ...context.future],
            typing: undefined,
          })),
        },
        'history.redo': {
          guard: 'canRedo',
          actions: assign(({ context }) => ({
            file: context.future[0]!,
            future: context.future.slice(1),
            past: [...context.past, context.file],
            typing: undefined,
          })),
        },
      },
    },
    dragging: {
      on: {
        'drag.move': { actions: assign({ file: ({ event }) => event.file }) },
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
    'select.events': { actions: assign({ selection: ({ event }) => event.indexes, typing: undefined }) },
    'select.push': { actions: assign({ push: ({ event }) => event.push }) },
    'playhead.set': { actions: assign({ playhead: ({ event }) => event.t }) },
    'view.set': { actions: assign({ view: ({ event }) => clampView(event.view) }) },
  },
});
