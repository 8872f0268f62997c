import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadScenario, type ScenarioFile } from '../../../machines';
import { editorMachine } from './editorMachine';
import { deleteEvents, rekindPush } from './edits';
import { PRESETS } from './presets';

const race = PRESETS.find((p) => p.id === 'backgrounding-race')!;

const withCalls: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'calls',
  duration: '60s',
  timeline: [
    { at: '1s', do: 'push', id: 'call-1' },
    { at: '2s', do: 'cancel', call: 'call-1', via: 'alert' },
    { at: '3s', do: 'answer', call: 'call-1' },
    { at: '4s', do: 'push', id: 'call-2', kind: 'voip' },
  ],
  expect: [
    { push: 'call-1', fate: 'rang' },
    { push: 'cancel-call-1', fate: 'delivered' },
    { audio: 'two-way', call: 'call-1' },
    { push: 'call-2', fate: 'rang' },
    { strikes: 0 },
  ],
};

function editor(file: ScenarioFile, presetId?: string) {
  const actor = createActor(editorMachine, { input: { file, ...(presetId ? { presetId } : {}) } }).start();
  return { actor, context: () => actor.getSnapshot().context };
}

describe('deleting and re-kinding a push keeps the document valid', () => {
  it('deletes a push with its cancellation and answer, and the expectations that name any of them', () => {
    const { file, note } = deleteEvents(withCalls, [0]);
    expect(file.timeline.map((e) => e.do)).toEqual(['push']);
    expect(file.expect).toEqual([{ push: 'call-2', fate: 'rang' }, { strikes: 0 }]);
    expect(note).toBe('removed 2 events that named call-1; removed 3 expectations that named call-1, cancel-call-1');
    expect(loadScenario(file).ok).toBe(true);
  });

  it('re-kinds a VoIP push to an alert: what may only name a VoIP push goes, and so do its expectations', () => {
    const { file, note } = rekindPush(withCalls, 0, 'alert');
    expect(file.timeline).toEqual([
      { at: '1s', do: 'push', id: 'call-1', kind: 'alert' },
      { at: '4s', do: 'push', id: 'call-2', kind: 'voip' },
    ]);
    expect(file.expect).toEqual([{ push: 'call-2', fate: 'rang' }, { strikes: 0 }]);
    expect(note).toMatch(/^removed 2 events that named call-1; removed 3 expectations/);
    expect(loadScenario(file).ok).toBe(true);
  });

  it('deletes call-2 of "The backgrounding race" in one undo step, and says what else went', () => {
    const { actor, context } = editor(race.file, race.id);
    actor.send({ type: 'select.events', indexes: [2] });
    actor.send({ type: 'doc.delete', indexes: [2] });
    expect(context().file.timeline.map((e) => (e.do === 'push' ? e.id : e.do))).toEqual(['app', 'call-1']);
    expect(context().file.expect).toEqual([{ push: 'call-1', fate: 'crashed' }, { strikes: 1 }]);
    expect(context().status?.text).toBe('removed 1 expectation that named call-2');
    expect(context().refused).toBeUndefined();
    expect(context().selection).toEqual([]);
    actor.send({ type: 'history.undo' });
    expect(context().file).toBe(race.file);
  });

  it('renames the expectations with a renamed push and says so; the selected push follows', () => {
    const { actor, context } = editor(race.file, race.id);
    actor.send({ type: 'select.push', push: 'call-2' });
    actor.send({ type: 'doc.renamePush', index: 2, id: 'second' });
    expect(context().file.expect).toContainEqual({ push: 'second', fate: 'rang' });
    expect(context().status?.text).toBe('renamed 1 expectation with it');
    expect(context().push).toBe('second');
  });
});

describe('an edit that would make the document invalid', () => {
  it('is refused with the reason at its field; the document and its history stay as they were', () => {
    const { actor, context } = editor(race.file, race.id);
    actor.send({ type: 'doc.setField', index: 1, key: 'at', value: '10', typing: 'at#1' });
    const before = context().file;
    actor.send({ type: 'doc.setField', index: 1, key: 'at', value: '10x', typing: 'at#1' });
    expect(context().file).toBe(before);
    expect(context().refused).toMatchObject({ path: 'timeline[1].at', value: '10x' });
    expect(context().refused?.reason).toMatch(/10x/);
    // Typing on to something valid applies it, in the same undo step.
    actor.send({ type: 'doc.setField', index: 1, key: 'at', value: '10s', typing: 'at#1' });
    expect(context().refused).toBeUndefined();
    expect(context().file.timeline[1]!.at).toBe('10s');
    actor.send({ type: 'history.undo' });
    expect(context().file).toBe(race.file);
  });

  it('refuses a push id another push has, and a drag past the end of the scenario', () => {
    const { actor, context } = editor(race.file, race.id);
    actor.send({ type: 'doc.renamePush', index: 2, id: 'call-1' });
    expect(context().file).toBe(race.file);
    expect(context().refused?.reason).toMatch(/already used/);
    actor.send({ type: 'drag.start' });
    actor.send({ type: 'drag.move', times: new Map([[2, 30_000]]) });
    actor.send({ type: 'drag.move', times: new Map([[2, 50_000]]) });
    expect(context().file.timeline[2]!.at).toBe('30s');
    expect(context().refused?.reason).toMatch(/after the end of the scenario/);
    actor.send({ type: 'drag.end' });
    actor.send({ type: 'history.undo' });
    expect(context().file).toBe(race.file);
  });
});
