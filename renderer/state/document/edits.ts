import type { LaneId } from '../../../machines';
import { cancelPushId, expectationSubject, type ScenarioFile, type TimelineEventFile } from '../../../machines';

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
