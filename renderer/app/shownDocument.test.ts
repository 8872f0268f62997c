import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { editorMachine } from '../state/document/editorMachine';
import { PRESETS } from '../state/document/presets';
import { shownDocument } from './shownDocument';

const [a, b, c] = PRESETS.map((p) => p.file);

/** The editor's machine on preset `a`, and what the workspace shows for a result of document `answered`. */
function editor() {
  const actor = createActor(editorMachine, { input: { file: a! } }).start();
  const context = () => actor.getSnapshot().context;
  const show = (answered = context().doc) => shownDocument(context(), answered);
  return { actor, show, context };
}

describe('shownDocument', () => {
  it('draws the old document whole (its file, view, selection, playhead) until the new one has a result', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'view.set', view: { start: 1_000, end: 9_000 } });
    actor.send({ type: 'select.events', indexes: [0] });
    actor.send({ type: 'playhead.set', t: 4_000 });
    const old = context();
    expect(show()).toEqual({ context: old, opening: false });
    actor.send({ type: 'doc.load', file: b!, presetId: 'b' });
    // The result on screen is still a's: a is drawn, with what it was drawn with.
    expect(show(0)).toEqual({ context: { ...old, left: [] }, opening: true });
    // Whatever happens to the new document meanwhile.
    actor.send({ type: 'playhead.set', t: 100 });
    expect(show(0).context.playhead).toBe(4_000);
    // b's result lands: b is drawn, at once.
    expect(show(1)).toEqual({ context: context(), opening: false });
    expect(show(1).context.file).toBe(b);
  });

  it('draws an edit of the same document at once, while its result is pending (a drag, typing, undo)', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'drag.start' });
    actor.send({ type: 'drag.move', times: new Map([[0, 1_234]]) });
    expect(context().file).not.toBe(a);
    expect(show(0)).toEqual({ context: context(), opening: false });
    actor.send({ type: 'drag.end' });
    actor.send({ type: 'history.undo' });
    actor.send({ type: 'history.redo' });
    expect(show(0)).toEqual({ context: context(), opening: false });
  });

  it('a document opened and left before its result landed is drawn with its own result', () => {
    const { actor, show, context } = editor();
    const old = context();
    actor.send({ type: 'doc.load', file: b! });
    actor.send({ type: 'select.events', indexes: [1] });
    const second = context();
    actor.send({ type: 'doc.load', file: c! });
    expect(show(0).context.file).toBe(old.file);
    expect(show(0).opening).toBe(true);
    // b's result lands while c is being opened: b's inputs go with it, not a's, as b was left.
    expect(show(1)).toEqual({ context: { ...second, left: [] }, opening: true });
    expect(show(2)).toEqual({ context: context(), opening: false });
  });

  it('the same preset opened again is a new document too', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'doc.edit', file: { ...a!, title: 'edited' } });
    const edited = context();
    actor.send({ type: 'doc.load', file: a! });
    expect(show(0)).toEqual({ context: { ...edited, left: [] }, opening: true });
    expect(show(1)).toEqual({ context: context(), opening: false });
  });

  it('is a function of its arguments: a render React throws away, or renders twice, changes nothing', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'doc.load', file: b! });
    actor.send({ type: 'doc.load', file: c! });
    const onScreen = show(0);
    // A render with b's result on screen that is never committed (concurrent rendering), then StrictMode's
    // two renders of the one that is: a is still drawn, the same both times.
    expect(show(1).context.file).toBe(b);
    expect(show(0)).toEqual(onScreen);
    expect(show(0).context).toBe(onScreen.context);
    expect(onScreen.context.file).toBe(a);
    expect(context().left.map((l) => l.doc)).toEqual([0, 1]);
  });

  it('the editor lets go of the documents no result will show again once a newer one lands', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'doc.load', file: b! });
    actor.send({ type: 'doc.load', file: c! });
    actor.send({ type: 'doc.landed', doc: 1 });
    expect(context().left.map((l) => l.doc)).toEqual([1]);
    expect(show(1).context.file).toBe(b);
    // Another result of the same document: nothing to let go of, the same context (nothing to render again).
    const before = context();
    actor.send({ type: 'doc.landed', doc: 1 });
    expect(context()).toBe(before);
    actor.send({ type: 'doc.landed', doc: 2 });
    expect(context().left).toEqual([]);
    expect(show(2)).toEqual({ context: context(), opening: false });
  });
});
