import { describe, expect, it } from 'vitest';
import type { ScenarioFile, TimelineEventFile } from '../../../machines';
import { decodeList, encodeList, sameData, type Held } from '../bridges/listDelta';
import { moveEvents, setEventField } from './edits';
import { movedSince } from './movedSince';

const timeline: TimelineEventFile[] = Array.from({ length: 10_000 }, (_, i) => ({
  at: i * 1_000,
  do: 'push',
  id: `p${i}`,
}));
const file: ScenarioFile = { format: 'ringside.scenario/v1', title: 'Many', duration: '3h', timeline };

/** `sameData`, counting its calls. */
function counted(): { same: (a: unknown, b: unknown) => boolean; calls: () => number } {
  let n = 0;
  return { same: (a, b) => (n++, sameData(a, b)), calls: () => n };
}

describe('movedSince: a drag frame sent as the events it moved', () => {
  it('compares only the moved events, and sends what a whole comparison sends', () => {
    const sender: Held<TimelineEventFile> = { list: undefined };
    const receiver: Held<TimelineEventFile> = { list: undefined };
    decodeList(receiver, encodeList(sender, file.timeline, sameData, movedSince));
    let doc = file;
    // Frames folded while a run was in flight: the bridge sends the third against the first.
    for (const t of [5_100, 5_200, 5_300]) doc = moveEvents(doc, new Map([[5, t]]));
    doc = moveEvents(doc, new Map([[9_000, 1]]));
    const { same, calls } = counted();
    const sent = encodeList(sender, doc.timeline, same, movedSince);
    expect(calls()).toBeLessThanOrEqual(2);
    expect(sent).toEqual(encodeList({ list: file.timeline }, doc.timeline, sameData));
    expect(decodeList(receiver, sent)).toEqual(doc.timeline);
  });

  it('does not know after any other edit, nor past a few moves back (a long drag keeps no old frames)', () => {
    const moved = moveEvents(file, new Map([[1, 1]]));
    expect(movedSince(file.timeline, moved.timeline)).toEqual([1]);
    expect(movedSince(file.timeline, setEventField(moved, 2, 'id', 'q').file.timeline)).toBeUndefined();
    let doc = file;
    for (let k = 0; k < 20; k++) doc = moveEvents(doc, new Map([[k, k]]));
    expect(movedSince(file.timeline, doc.timeline)).toBeUndefined();
    const { same, calls } = counted();
    const sent = encodeList({ list: file.timeline }, doc.timeline, same, movedSince);
    expect(calls()).toBe(10_000);
    expect(sent).toEqual(encodeList({ list: file.timeline }, doc.timeline, sameData));
  });
});
