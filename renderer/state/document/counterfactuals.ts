/**
 * The Why panel's counterfactuals as things to do: Apply edits the document (one undo step, through
 * the editor's `doc.edit`), Compare opens the variant on the aligned second timeline (a compare key
 * that `buildVariant` builds). The core says what each change is; nothing here decides a fate.
 */
import { COMMON_CHANGES, toDurationString, type ScenarioFile } from '../../../machines';

/** The document with common change `id` made (`Change.toFile`), or undefined for an unknown change. */
export function applyChange(file: ScenarioFile, id: string): ScenarioFile | undefined {
  return COMMON_CHANGES.find((c) => c.id === id)?.toFile(file);
}

/** The compare key of common change `id` (the compare menu's "What if" items). */
export const changeKey = (id: string): string => `change:${id}`;

/** The document with push `push` sent at `t` (ms), all else as written; undefined when there is no such push. */
export function sendAt(file: ScenarioFile, push: string, t: number): ScenarioFile | undefined {
  const index = file.timeline.findIndex((e) => e.do === 'push' && e.id === push);
  if (index === -1) return undefined;
  const timeline = file.timeline.map((e, i) => (i === index ? { ...e, at: toDurationString(t) } : e));
  return { ...file, timeline };
}

/** The compare key of "push `push` sent at `t`": `send:<push>@<ms>` (a push id may hold `@`; the last one splits). */
export const sendKey = (push: string, t: number): string => `send:${push}@${Math.round(t)}`;

/** `sendKey` read back, or undefined when `arg` (the key after `send:`) is not one. */
export function readSendKey(arg: string): { push: string; t: number } | undefined {
  const at = arg.lastIndexOf('@');
  const t = Number(arg.slice(at + 1));
  return at > 0 && Number.isInteger(t) ? { push: arg.slice(0, at), t } : undefined;
}
