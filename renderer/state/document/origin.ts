import type { ScenarioFile } from '../../../machines';
import type { EditorContext, Origin } from './editorMachine';
import { PRESETS } from './presets';

/** Whether two JSON values are the same (objects by keys, whatever their order; an undefined key is no key). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const keys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const ka = keys(a);
  const rb = b as Record<string, unknown>;
  return ka.length === keys(b).length && ka.every(([k, v]) => sameJson(v, rb[k]));
}

const modifiedCache = new WeakMap<ScenarioFile, { origin: Origin; modified: boolean }>();

/** Where the document came from: the preset it was loaded from, and whether it has been changed since. */
export interface DocumentOrigin {
  readonly presetId: string;
  /** The preset's title. */
  readonly title: string;
  /** The document is no longer the preset as it was (an undo back to it makes it pristine again). */
  readonly modified: boolean;
}

/** The document's origin (selector on the editor's context); none for a file, a link or a new document. */
export function documentOrigin(context: Pick<EditorContext, 'file' | 'origin'>): DocumentOrigin | undefined {
  const { origin, file } = context;
  if (!origin) return undefined;
  let cached = modifiedCache.get(file);
  if (cached?.origin !== origin) {
    cached = { origin, modified: !sameJson(file, origin.file) };
    modifiedCache.set(file, cached);
  }
  const title = PRESETS.find((p) => p.id === origin.presetId)?.title ?? origin.file.title;
  return { presetId: origin.presetId, title, modified: cached.modified };
}

/**
 * The texts written for the preset a modified document came from: its notes, captions and present-mode
 * questions. A text of the document still among them was written for the original story, not for the
 * edited one, until it is edited.
 */
export interface OriginalTexts {
  /** The preset's title. */
  readonly title: string;
  readonly texts: ReadonlySet<string>;
}

const textsCache = new WeakMap<Origin, OriginalTexts>();

/** The original's texts while the document is modified from a preset (selector), else none. */
export function writtenForOriginal(context: Pick<EditorContext, 'file' | 'origin'>): OriginalTexts | undefined {
  const origin = documentOrigin(context);
  if (!origin?.modified || !context.origin) return undefined;
  let texts = textsCache.get(context.origin);
  if (!texts) {
    const { file } = context.origin;
    const all = [
      file.notes,
      ...file.timeline.flatMap((e) => [e.caption, e.do === 'push' ? e.question : undefined]),
    ].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    texts = { title: origin.title, texts: new Set(all) };
    textsCache.set(context.origin, texts);
  }
  return texts;
}

/** Whether the document still shows a text written for the original it was modified from (selector). */
export function staleTexts(context: Pick<EditorContext, 'file' | 'origin'>): boolean {
  const original = writtenForOriginal(context);
  if (!original) return false;
  const { file } = context;
  const shown = [file.notes, ...file.timeline.flatMap((e) => [e.caption, e.do === 'push' ? e.question : undefined])];
  return shown.some((t) => t !== undefined && original.texts.has(t));
}
