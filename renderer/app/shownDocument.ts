// Which document the workspace shows while another one is being opened. No React.
import type { ScenarioFile } from '../../machines';
import type { EditorContext } from '../state/document/editorMachine';

/** What the workspace draws: an editor context and whether it stands in for a document still opening. */
export interface Shown {
  readonly context: EditorContext;
  /** A different document (`EditorContext.doc`) is being opened: `context` is the one on screen until its result lands. */
  readonly opening: boolean;
}

/**
 * The editor context the workspace draws, given the document the simulation's result on screen is of.
 * While a different document's first result is on its way (a preset picked, a file or a link opened:
 * up to a second at thousands of pushes), the workspace goes on drawing the document that result is of,
 * whole (its inputs, view, selection and playhead with its result), instead of the new document's inputs
 * on the old result and its fitted view; it switches at once when the new result lands. An edit of the
 * same document (a drag frame, typing, undo) is drawn at once, as before, its result a frame behind.
 */
export class ShownDocument {
  /** The document each file the editor has held belongs to. */
  private readonly docOf = new WeakMap<ScenarioFile, number>();
  /** The editor's latest context in each document that may still be drawn. */
  private readonly latest = new Map<number, EditorContext>();

  /** Whether two files the editor held are of one document (a file it never held is taken to be). */
  sameDocument(a: ScenarioFile, b: ScenarioFile): boolean {
    const [docA, docB] = [this.docOf.get(a), this.docOf.get(b)];
    return docA === undefined || docB === undefined || docA === docB;
  }

  /** `context`: the editor's; `answered`: the file the simulation's result on screen is of. */
  pick(context: EditorContext, answered: ScenarioFile): Shown {
    this.docOf.set(context.file, context.doc);
    this.latest.set(context.doc, context);
    const doc = this.docOf.get(answered) ?? context.doc;
    // Results land in the order their documents were opened: one older than `answered`'s never will again.
    for (const older of this.latest.keys()) if (older < doc) this.latest.delete(older);
    const held = this.latest.get(doc);
    return doc === context.doc || !held ? { context, opening: false } : { context: held, opening: true };
  }
}
