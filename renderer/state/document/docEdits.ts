/**
 * The editor's document edits as events, and the pure function that applies each. Every edit goes
 * through the editor machine's one `commit`, which keeps the document valid (`checkEdit`). To add an
 * edit: a member of `DocEdit`, a case in `applyEdit`, its type in the machine's
 * `editing.on` (`edit`).
 */
import {
  loadScenario,
  movedEventsError,
  type LaneId,
  type ScenarioFile,
  type TimelineEventFile,
  toDurationString,
} from '../../../machines';
import {
  defaultEvent,
  deleteEvents,
  duplicateEvents,
  newEvent,
  nudgeEvents,
  rekindPush,
  setEventField,
  setSectionField,
  setText,
  addExpectation,
  removeExpectation,
  type Edited,
  type ExpectationFile,
} from './edits';

/** `typing`: edits with the same key one after another are one undo step (see `useTypingKey`). */
type Typed = { typing?: string };

export type DocEdit =
  /** The whole document replaced (a restored autosave): one undo step. */
  | ({ type: 'doc.edit'; file: ScenarioFile } & Typed)
  | ({ type: 'doc.setText'; key: 'title' | 'notes'; value: string } & Typed)
  | ({ type: 'doc.setField'; index: number; key: string; value: unknown } & Typed)
  | ({ type: 'doc.setSection'; section: 'app' | 'device' | 'params'; key: string; value: unknown } & Typed)
  | ({ type: 'doc.renamePush'; index: number; id: string } & Typed)
  | { type: 'doc.rekind'; index: number; kind: string }
  | { type: 'doc.delete'; indexes: readonly number[] }
  | { type: 'doc.duplicate'; indexes: readonly number[] }
  | { type: 'doc.nudge'; indexes: readonly number[]; ms: number }
  /** An event of `event` type at `at` (ms), or the lane's own kind of event: it is then selected. */
  | { type: 'doc.addEvent'; at: number; event: TimelineEventFile['do'] | { lane: LaneId } }
  /** Expect this too (replacing an expectation about the same subject): one undo step. */
  | { type: 'expect.add'; expect: ExpectationFile }
  /** Expect this no longer (the entry of the `expect` block that says it): one undo step. */
  | { type: 'expect.remove'; expect: ExpectationFile };

/** What an edit makes: the file, a note for the status line, the field it edits, the selection after. */
export interface Applied extends Edited {
  /** The edited field's path (`timeline[3].at`): where a refusal is shown. */
  readonly path?: string;
  /** What was typed or picked, shown in the field while the edit is refused. */
  readonly value?: unknown;
  readonly select?: readonly number[];
  /** A push renamed: the selection of that push follows. */
  readonly renamed?: readonly [from: string, to: string];
}

/** Applies a document edit to `file` (pure). */
export function applyEdit(file: ScenarioFile, edit: DocEdit): Applied {
  switch (edit.type) {
    case 'doc.edit':
      return { file: edit.file };
    case 'doc.setText':
      return { file: setText(file, edit.key, edit.value), path: edit.key, value: edit.value };
    case 'doc.setField': {
      const event = file.timeline[edit.index];
      const path = `timeline[${edit.index}].${edit.key}`;
      const applied = { ...setEventField(file, edit.index, edit.key, edit.value), path, value: edit.value };
      return event?.do === 'push' && edit.key === 'id'
        ? { ...applied, renamed: [event.id, String(edit.value)] }
        : applied;
    }
    case 'doc.renamePush':
      return applyEdit(file, { type: 'doc.setField', index: edit.index, key: 'id', value: edit.id });
    case 'doc.rekind':
      return { ...rekindPush(file, edit.index, edit.kind), path: `timeline[${edit.index}].kind`, value: edit.kind };
    case 'doc.setSection':
      return {
        file: setSectionField(file, edit.section, edit.key, edit.value),
        path: `${edit.section}.${edit.key}`,
        value: edit.value,
      };
    case 'doc.delete':
      return { ...deleteEvents(file, edit.indexes), select: [] };
    case 'doc.duplicate':
      return { file: duplicateEvents(file, edit.indexes) };
    case 'doc.nudge':
      return { file: nudgeEvents(file, edit.indexes, edit.ms) };
    case 'doc.addEvent': {
      const at = toDurationString(edit.at);
      const event =
        typeof edit.event === 'string'
          ? newEvent(edit.event, at, file.timeline)
          : defaultEvent(edit.event.lane, at, file.timeline);
      return { file: { ...file, timeline: [...file.timeline, event] }, select: [file.timeline.length] };
    }
    case 'expect.add':
      return { file: addExpectation(file, edit.expect) };
    case 'expect.remove':
      return { file: removeExpectation(file, edit.expect) };
  }
}

/** Files the loader took: a drag from one of them checks only the times it moved (`moveRefusal`). */
const loads = new WeakSet<ScenarioFile>();

/** Why a file may not be the document (the loader's first error, at `path` if one is there), or none. */
export function refusal(file: ScenarioFile, path?: string): string | undefined {
  const loaded = loadScenario(file);
  if (loaded.ok) {
    loads.add(file);
    return undefined;
  }
  const at = loaded.errors.find((e) => e.path === path) ?? loaded.errors[0]!;
  return at.path === path || !at.path ? at.message : `${at.path}: ${at.message}`;
}

/**
 * `refusal(moved)` for `moved`, which is `base` with the events `indexes` moved in time (a drag frame),
 * without loading the whole document on the page on every frame (the worker loads it next): from a base
 * that loads, only what the move can break is checked, by the core's `movedEventsError`.
 */
export function moveRefusal(base: ScenarioFile, moved: ScenarioFile, indexes: Iterable<number>): string | undefined {
  if (!loads.has(base) && refusal(base) !== undefined) return refusal(moved);
  const error = movedEventsError(moved, indexes);
  if (!error) {
    loads.add(moved);
    return undefined;
  }
  return error.path ? `${error.path}: ${error.message}` : error.message;
}
