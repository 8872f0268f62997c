import type { LaneId } from '../../../machines';
import {
  cancelPushId,
  expectationSubject,
  sentPushId,
  type ScenarioFile,
  type TimelineEventFile,
  parseDuration,
  toDurationString,
} from '../../../machines';
import { noteMoved } from './movedSince';

type Expectation = NonNullable<ScenarioFile['expect']>[number];

/** The push an expectation names, if it names one. */
const expectedPush = (x: Expectation): string | undefined => ('push' in x ? x.push : 'call' in x ? x.call : undefined);

/** A fresh push id that the timeline does not use yet. */
export function freshId(timeline: readonly TimelineEventFile[], base: string): string {
  const used = new Set(timeline.map(madeId));
  for (let n = 1; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The event types people can add, with the lane they belong to. */
export const ADDABLE: readonly { type: TimelineEventFile['do']; label: string; lane: LaneId }[] = [
  { type: 'push', label: 'VoIP push', lane: 'provider' },
  { type: 'cancel', label: 'Cancellation', lane: 'provider' },
  { type: 'network', label: 'Network change', lane: 'network' },
  { type: 'lock', label: 'Lock', lane: 'network' },
  { type: 'unlock', label: 'Unlock', lane: 'network' },
  { type: 'power', label: 'powerd policy 3', lane: 'network' },
  { type: 'wake', label: 'Wake (screen)', lane: 'network' },
  { type: 'nat-drop', label: 'NAT drop', lane: 'network' },
  { type: 'nat-restore', label: 'NAT restore', lane: 'network' },
  { type: 'app', label: 'App to background', lane: 'app' },
  { type: 'answer', label: 'Answer', lane: 'callkit' },
  { type: 'decline', label: 'Decline', lane: 'callkit' },
  { type: 'hangup', label: 'Hang up', lane: 'callkit' },
  { type: 'mediaserverd-crash', label: 'mediaserverd crash', lane: 'callkit' },
  { type: 'other-call', label: 'Another call comes in', lane: 'callkit' },
];

export function newEvent(
  type: TimelineEventFile['do'],
  at: string,
  timeline: readonly TimelineEventFile[],
): TimelineEventFile {
  const lastVoip = [...timeline].reverse().find((e) => e.do === 'push' && (e.kind ?? 'voip') === 'voip');
  const call = lastVoip?.do === 'push' ? lastVoip.id : undefined;
  switch (type) {
    case 'push':
      return { at, do: 'push', id: freshId(timeline, 'call'), kind: 'voip' };
    case 'cancel':
      return call
        ? { at, do: 'cancel', call, via: 'alert', id: freshId(timeline, cancelPushId({ call })) }
        : { at, do: 'push', id: freshId(timeline, 'call'), kind: 'voip' };
    case 'network':
      return { at, do: 'network', to: 'offline' };
    case 'power':
      return { at, do: 'power', policy: 3 };
    case 'wake':
      return { at, do: 'wake', by: 'screen' };
    case 'app':
      return { at, do: 'app', action: 'background' };
    case 'answer':
    case 'decline':
    case 'hangup':
      return call ? { at, do: type, call } : { at, do: 'push', id: freshId(timeline, 'call'), kind: 'voip' };
    default:
      return { at, do: type };
  }
}

export function defaultEvent(lane: LaneId, at: string, timeline: readonly TimelineEventFile[]): TimelineEventFile {
  const type = ADDABLE.find((a) => a.lane === lane)?.type ?? (lane === 'apns' ? 'push' : 'app');
  return newEvent(
    lane === 'callkit' && !timeline.some((e) => e.do === 'push') ? 'mediaserverd-crash' : type,
    at,
    timeline,
  );
}

/**
 * The push id an event makes or would make: a push's id, a cancellation's own id, also one `via:
 * none` (switched to another way, it sends a push under that id).
 */
function madeId(e: TimelineEventFile): string | undefined {
  return e.do === 'push' ? e.id : e.do === 'cancel' ? cancelPushId(e) : undefined;
}

/**
 * The file with push `index` renamed to `id`, and what names that push renamed with it: its
 * cancellations, answers, declines and hang-ups, a cancellation push's implied id, and the
 * expectations. Only while the name is that push's alone, before and after: a name typed through
 * another push's ('p1' on the way from 'p10' to 'p1x') must not take that push's events along.
 */
export function renamePush(file: ScenarioFile, index: number, id: string): ScenarioFile {
  const event = file.timeline[index];
  if (event?.do !== 'push') return file;
  const old = event.id;
  const othersMake = (name: string) => file.timeline.some((e, i) => i !== index && madeId(e) === name);
  const follow = old !== id && !othersMake(old) && !othersMake(id);
  const renamed = new Map<string, string>();
  if (follow) renamed.set(old, id);
  const timeline = file.timeline.map((e, i): TimelineEventFile => {
    if (i === index) return { ...e, id } as TimelineEventFile;
    if (!follow) return e;
    if (e.do === 'cancel' && e.call === old) {
      if (e.id === undefined) renamed.set(cancelPushId({ call: old }), cancelPushId({ call: id }));
      return { ...e, call: id };
    }
    if ((e.do === 'answer' || e.do === 'decline' || e.do === 'hangup') && e.call === old) return { ...e, call: id };
    return e;
  });
  const expect = file.expect?.map((x) =>
    'push' in x && renamed.has(x.push)
      ? { ...x, push: renamed.get(x.push)! }
      : 'call' in x && renamed.has(x.call)
        ? { ...x, call: renamed.get(x.call)! }
        : x,
  );
  return { ...file, timeline, ...(expect ? { expect } : {}) };
}

/**
 * An edit's new file, and what it changed besides what was asked (for the status line): "removed 1
 * expectation that named call-2".
 */
export interface Edited {
  readonly file: ScenarioFile;
  readonly note?: string;
}

const CALLS = new Set(['cancel', 'answer', 'decline', 'hangup']);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const isVoip = (e: TimelineEventFile | undefined) => e?.do === 'push' && (e.kind ?? 'voip') === 'voip';

/**
 * The file without events `gone` and without the expectations that name a push they send or one of
 * `unnamed` (an expectation must name a push of the timeline, SCENARIO-FORMAT.md).
 */
function withoutEvents(
  file: ScenarioFile,
  gone: ReadonlySet<number>,
  dependents: number,
  why: string,
  unnamed: ReadonlySet<string> = new Set(),
): Edited {
  const goneIds = new Set(unnamed);
  for (const i of gone) {
    const id = sentPushId(file.timeline[i]!);
    if (id !== undefined) goneIds.add(id);
  }
  const named = (x: Expectation) => goneIds.has(expectedPush(x) ?? '');
  const dropped = (file.expect ?? []).filter(named);
  const next: ScenarioFile = {
    ...file,
    timeline: file.timeline.filter((_, i) => !gone.has(i)),
    ...(file.expect ? { expect: file.expect.filter((x) => !named(x)) } : {}),
  };
  const names = [...new Set(dropped.map(expectedPush))].join(', ');
  const notes = [
    dependents > 0 ? `removed ${plural(dependents, 'event')} that named ${why}` : '',
    dropped.length > 0 ? `removed ${plural(dropped.length, 'expectation')} that named ${names}` : '',
  ].filter(Boolean);
  return notes.length ? { file: next, note: notes.join('; ') } : { file: next };
}

/**
 * Deletes events `indexes` and what would name a push that is gone: the cancellations, answers,
 * declines and hang-ups of a deleted VoIP push (they must name one, SCENARIO-FORMAT.md) and the
 * expectations that name a deleted push.
 */
export function deleteEvents(file: ScenarioFile, indexes: readonly number[]): Edited {
  const gone = new Set(indexes.filter((i) => i >= 0 && i < file.timeline.length));
  const goneVoip = new Set(
    [...gone].map((i) => file.timeline[i]).flatMap((e) => (isVoip(e) && e?.do === 'push' ? [e.id] : [])),
  );
  let dependents = 0;
  file.timeline.forEach((e, i) => {
    if (!gone.has(i) && CALLS.has(e.do) && 'call' in e && goneVoip.has(e.call)) {
      gone.add(i);
      dependents++;
    }
  });
  return withoutEvents(file, gone, dependents, [...goneVoip].join(', '));
}

/**
 * Push `index` made of another kind. Only a VoIP push can be cancelled, answered, declined or hung up
 * (SCENARIO-FORMAT.md), so made another kind those events go; its expectations were about a push of
 * the old kind (a fate, an audio path), so they go too.
 */
export function rekindPush(file: ScenarioFile, index: number, kind: string): Edited {
  const event = file.timeline[index];
  if (event?.do !== 'push' || (event.kind ?? 'voip') === kind) return { file };
  const dependents = new Set<number>();
  if (kind !== 'voip' && isVoip(event)) {
    file.timeline.forEach((e, i) => {
      if (CALLS.has(e.do) && 'call' in e && e.call === event.id) dependents.add(i);
    });
  }
  const timeline = file.timeline.map((e, i) => (i === index ? ({ ...e, kind } as TimelineEventFile) : e));
  return withoutEvents({ ...file, timeline }, dependents, dependents.size, event.id, new Set([event.id]));
}

/**
 * Renames push `index` (see `renamePush`), saying how many expectations followed it.
 */
function renamePushNoted(file: ScenarioFile, index: number, id: string): Edited {
  const next = renamePush(file, index, id);
  const followed = (next.expect ?? []).filter((x, i) => expectedPush(x) !== expectedPush(file.expect![i]!)).length;
  return followed ? { file: next, note: `renamed ${plural(followed, 'expectation')} with it` } : { file: next };
}

/**
 * Sets field `key` of event `index`; an emptied field is left out, so the format's default applies
 * (`at` is always written). A push's id and kind go through `renamePush` and `rekindPush`.
 */
export function setEventField(file: ScenarioFile, index: number, key: string, value: unknown): Edited {
  const event = file.timeline[index];
  if (!event) return { file };
  if (event.do === 'push' && key === 'id') return renamePushNoted(file, index, String(value));
  if (event.do === 'push' && key === 'kind' && typeof value === 'string' && value !== '')
    return rekindPush(file, index, value);
  const timeline = file.timeline.map((e, i) => {
    if (i !== index) return e;
    const next: Record<string, unknown> = { ...e, [key]: value };
    if (value === '' && key !== 'at') delete next[key];
    return next as TimelineEventFile;
  });
  return { file: { ...file, timeline } };
}

/** Sets `key` of the device, the app or the numbers; an emptied value is left out (the default applies). */
export function setSectionField(
  file: ScenarioFile,
  section: 'app' | 'device' | 'params',
  key: string,
  value: unknown,
): ScenarioFile {
  const next = { ...((file[section] ?? {}) as Record<string, unknown>) };
  if (value === '' || value === undefined) delete next[key];
  else next[key] = value;
  return { ...file, [section]: next };
}

/** Sets the title or the notes (emptied notes are left out). */
export function setText(file: ScenarioFile, key: 'title' | 'notes', value: string): ScenarioFile {
  if (key === 'title') return { ...file, title: value };
  const { notes: _old, ...rest } = file;
  return value ? { ...rest, notes: value } : rest;
}

/** Copies of events `indexes` at the end of the timeline, each push under an id of its own. */
export function duplicateEvents(file: ScenarioFile, indexes: readonly number[]): ScenarioFile {
  const copies: TimelineEventFile[] = [];
  for (const i of indexes) {
    const e = file.timeline[i];
    if (!e) continue;
    const all = [...file.timeline, ...copies];
    copies.push(
      e.do === 'push'
        ? { ...e, id: freshId(all, e.id) }
        : e.do === 'cancel'
          ? { ...e, id: freshId(all, cancelPushId({ call: e.call })) }
          : { ...e },
    );
  }
  return copies.length ? { ...file, timeline: [...file.timeline, ...copies] } : file;
}

/** Events moved to the times given (ms), by index. */
export function moveEvents(file: ScenarioFile, times: ReadonlyMap<number, number>): ScenarioFile {
  const timeline = file.timeline.map((e, i) => {
    const t = times.get(i);
    return t === undefined ? e : { ...e, at: toDurationString(t) };
  });
  noteMoved(timeline, file.timeline, times.keys());
  return { ...file, timeline };
}

/** Events `indexes` moved by `ms`. */
export function nudgeEvents(file: ScenarioFile, indexes: readonly number[], ms: number): ScenarioFile {
  const times = new Map(
    indexes.flatMap((i) => {
      const e = file.timeline[i];
      return e ? [[i, (parseDuration(e.at) ?? 0) + ms] as const] : [];
    }),
  );
  return moveEvents(file, times);
}

/** One entry of a file's `expect` block, as the file holds it. */
export type ExpectationFile = NonNullable<ScenarioFile['expect']>[number];

/**
 * The file expecting `e` too. An expectation about the same subject (the same push's fate, the same
 * call's audio, the strike count, the throttle) is replaced in its place, not joined by a contradiction.
 */
export function addExpectation(file: ScenarioFile, e: ExpectationFile): ScenarioFile {
  const expect = file.expect ?? [];
  const subject = expectationSubject(e);
  const at = expect.findIndex((x) => expectationSubject(x) === subject);
  return {
    ...file,
    expect: at === -1 ? [...expect, e] : expect.map((x, i) => (i === at ? e : x)),
  };
}

/**
 * The file without expectation `e` (found by `indexOfExpectation`, so a panel a step behind the document
 * removes the entry it shows), unchanged when the document no longer holds it.
 */
export function removeExpectation(file: ScenarioFile, e: ExpectationFile): ScenarioFile {
  const expect = file.expect ?? [];
  const index = indexOfExpectation(file, e);
  if (index === -1) return file;
  return { ...file, expect: expect.filter((_, i) => i !== index) };
}

/**
 * Where `e` (an expectation as the result reports it) is in the file's `expect` block: the first entry
 * about the same subject with the same expected value; -1 when the document no longer holds it.
 */
function indexOfExpectation(file: ScenarioFile, e: ExpectationFile): number {
  const same = (x: ExpectationFile) =>
    expectationSubject(x) === expectationSubject(e) &&
    Object.entries(e).every(([k, v]) => k === 'observed' || (x as Record<string, unknown>)[k] === v);
  return (file.expect ?? []).findIndex(same);
}

/** A new, empty scenario (File → New → Empty scenario): nothing on the timeline, the defaults for the rest. */
export function emptyScenario(): ScenarioFile {
  return {
    format: 'ringside.scenario/v1',
    title: 'Untitled scenario',
    notes: '',
    duration: '60s',
    timeline: [],
    expect: [],
  };
}
