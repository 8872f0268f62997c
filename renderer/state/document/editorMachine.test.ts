import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { ScenarioFile } from '../../../machines';
import { editorMachine } from './editorMachine';

const file = (title: string): ScenarioFile => ({
  format: 'ringside.scenario/v1',
  title,
  duration: '30s',
  timeline: [],
});

function editor() {
  const actor = createActor(editorMachine, { input: { file: file('A') } });
  actor.start();
  const title = () => actor.getSnapshot().context.file.title;
  const type = (text: string, typing?: string) => {
    let t = title();
    for (const ch of text) {
      t += ch;
      actor.send({ type: 'doc.edit', file: file(t), typing });
    }
  };
  const undo = () => actor.send({ type: 'history.undo' });
  return { actor, title, type, undo };
}

describe('editor history', () => {
  it('makes what is typed into one field in one visit one undo step', () => {
    const { title, type, undo } = editor();
    type('bc', 'title#1');
    type('de', 'title#2');
    expect(title()).toBe('Abcde');
    undo();
    expect(title()).toBe('Abc');
    undo();
    expect(title()).toBe('A');
  });

  it('keeps every edit without a typing key a step of its own', () => {
    const { title, type, undo } = editor();
    type('bc');
    undo();
    expect(title()).toBe('Ab');
  });

  it('starts a new step after an undo, a selection or a drag, even with the same key', () => {
    const { actor, title, type, undo } = editor();
    type('b', 'title#1');
    type('c', 'title#1');
    undo();
    expect(title()).toBe('A');
    type('x', 'title#1');
    actor.send({ type: 'select.events', indexes: [] });
    type('y', 'title#1');
    actor.send({ type: 'drag.start' });
    actor.send({ type: 'drag.end' });
    type('z', 'title#1');
    undo();
    expect(title()).toBe('Axy');
    undo();
    expect(title()).toBe('Ax');
    undo();
    expect(title()).toBe('A');
  });
});
