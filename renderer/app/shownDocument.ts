// Which document the workspace shows while another one is being opened. No React, no state of its own.
import type { EditorContext } from '../state/document/editorMachine';

/** What the workspace draws: an editor context and whether it stands in for a document still opening. */
export interface Shown {
  readonly context: EditorContext;
  /** A different document (`EditorContext.doc`) is being opened: `context` is the one on screen until its result lands. */
  readonly opening: boolean;
}

/**
 * The editor context the workspace draws, given the document (`EditorContext.doc`) the simulation's
 * result on screen is of. While a different document's first result is on its way (a preset picked, a
 * file or a link opened: up to a second at thousands of pushes), the workspace goes on drawing the
 * document that result is of, whole (its inputs, view, selection and playhead with its result), as the
 * editor left it (`EditorContext.left`), instead of the new document's inputs on the old result and its
 * fitted view; it switches at once when the new result lands. An edit of the same document (a drag
 * frame, typing, undo) is drawn at once, its result a frame behind.
 * A function of its arguments alone, so React may render with it as often as it likes (StrictMode's
 * second render, a concurrent render it throws away): session 16's first cut remembered contexts and
 * forgot older documents as it was called, during render.
 */
export function shownDocument(context: EditorContext, answered: number): Shown {
  if (answered === context.doc) return { context, opening: false };
  const held = context.left.find((c) => c.doc === answered);
  return held ? { context: held, opening: true } : { context, opening: false };
}
