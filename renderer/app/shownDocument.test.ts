import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { editorMachine } from '../state/document/editorMachine';
import { PRESETS } from '../state/document/presets';
import { ShownDocument } from './shownDocument';

const [a, b, c] = PRESETS.map((p) => p.file);

/** The editor's machine on preset `a`, and what the workspace shows for a result of `answered`. */
function editor() {
  const actor = createActor(editorMachine, { input: { file: a! } }).start();
  const shown = new ShownDocument();
  const show = (answered = actor.getSnapshot().context.file) => shown.pick(actor.getSnapshot().context, answered);
  return { actor, show, shown, context: () => actor.getSnapshot().context };
}

describe('ShownDocument', () => {
  it('draws the old document whole (its file, view, selection, playhead) until the new one has a result', () => {
    const { actor, show, context } = editor();
    actor.send({ type: 'view.set', view: { start: 1_000, end: 9_000 } });
    actor.send({ type: 'select.events', indexes: [0] });
    actor.send({ type: 'playhead.set', t: 4_000 });
    const old = context();
    expect(show()).toEqual({ context: old, opening: false });
    actor.send({ type: 'doc.load', file: b!, presetId: 'b' });
    // The result on screen is still a's: a is drawn, with what it was drawn with.
    expect(show(a)).toEqual({ context: old, opening: true });
    // Whatever happens to the new document meanwhile.
    actor.send({ type: 'playhead.set', t: 100 });
    expect(show(a)).toEqual({ context: old, opening: true });
    // b's result lands: b is drawn, at once.
    expect(show(b)).toEqual({ context: context(), opening: false });
    expect(show(b).context.file).toBe(b);
  });

  it('draws an edit of the same document at once, while its result is pending (a drag, typing, undo)', () => {
    const { actor, show, context } = editor();
    show();
    actor.send({ type: 'drag.start' });
    actor.send({ type: 'drag.move', times: new Map([[0, 1_234]]) });
    expect(context().file).not.toBe(a);
    expect(show(a)).toEqual({ context: context(), opening: false });
    actor.send({ type: 'drag.end' });
    actor.send({ type: 'history.undo' });
    actor.send({ type: 'history.redo' });
    expect(show(a)).toEqual({ context: context(), opening: false });
  });

  it('a document opened and left before its result landed is drawn with its own result', () => {
    const { actor, show, context } = editor();
    const old = (show(), context());
    actor.send({ type: 'doc.load', file: b! });
    const second = (show(a), context());
    actor.send({ type: 'doc.load', file: c! });
    expect(show(a)).toEqual({ context: old, opening: true });
    // b's result lands while c is being opened: b's inputs go with it, not a's.
    expect(show(b)).toEqual({ context: second, opening: true });
    expect(show(c)).toEqual({ context: context(), opening: false });
  });

  it('the same preset opened again is a new document too', () => {
    const { actor, show, context } = editor();
    const old = (show(), context());
    actor.send({ type: 'doc.edit', file: { ...a!, title: 'edited' } });
    const edited = (show(a), context());
    expect(show(edited.file).context).toBe(edited);
    actor.send({ type: 'doc.load', file: a! });
    expect(show(edited.file)).toEqual({ context: edited, opening: true });
    expect(old.doc).toBe(0);
    expect(show(a)).toEqual({ context: context(), opening: false });
  });

  it('tells files of one document from files of another (the panels a step behind follow a new document at once)', () => {
    const { actor, show, shown, context } = editor();
    show();
    actor.send({ type: 'doc.edit', file: { ...a!, title: 'edited' } });
    const edited = (show(a), context().file);
    expect(shown.sameDocument(a!, edited)).toBe(true);
    actor.send({ type: 'doc.load', file: b! });
    show(edited);
    expect(shown.sameDocument(edited, b!)).toBe(false);
    expect(shown.sameDocument(c!, b!), 'a file it never held').toBe(true);
  });
});
