import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { editorMachine } from './editorMachine';
import { documentOrigin, sameJson, staleTexts, writtenForOriginal } from './origin';
import { PRESETS } from './presets';

const race = PRESETS.find((p) => p.id === 'backgrounding-race')!;

function editor() {
  const actor = createActor(editorMachine, { input: { file: race.file, presetId: race.id } }).start();
  return { actor, context: () => actor.getSnapshot().context };
}

describe('a document that started from a preset', () => {
  it('is "modified from" the preset once edited, and pristine again when undone back to it', () => {
    const { actor, context } = editor();
    expect(documentOrigin(context())).toEqual({ presetId: race.id, title: race.title, modified: false });
    actor.send({ type: 'doc.setField', index: 2, key: 'at', value: '21s' });
    expect(documentOrigin(context())).toMatchObject({ title: 'The backgrounding race', modified: true });
    // Typed back to what it was: the same document, whatever the steps.
    actor.send({ type: 'doc.setField', index: 2, key: 'at', value: '20s' });
    expect(documentOrigin(context())?.modified).toBe(false);
    actor.send({ type: 'doc.setText', key: 'title', value: 'My race' });
    expect(documentOrigin(context())).toMatchObject({ title: 'The backgrounding race', modified: true });
  });

  it('has no origin once a file replaces it', () => {
    const { actor, context } = editor();
    actor.send({ type: 'doc.load', file: { ...race.file, title: 'From disk' } });
    expect(documentOrigin(context())).toBeUndefined();
  });

  it('flags the texts written for the original while modified, until each is edited', () => {
    const { actor, context } = editor();
    expect(writtenForOriginal(context())).toBeUndefined();
    actor.send({ type: 'doc.delete', indexes: [2] });
    expect(staleTexts(context())).toBe(true);
    const original = writtenForOriginal(context())!;
    expect(original.title).toBe('The backgrounding race');
    expect(original.texts.has(context().file.notes!)).toBe(true);
    actor.send({ type: 'doc.setText', key: 'notes', value: 'One call now: it crashes.' });
    expect(writtenForOriginal(context())!.texts.has(context().file.notes!)).toBe(false);
    // The race has no captions or questions: nothing written for the original is left.
    expect(staleTexts(context())).toBe(false);
  });
});

describe('sameJson', () => {
  it('compares objects by keys whatever their order; an undefined key is no key', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });
});
