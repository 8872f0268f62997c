import { describe, expect, it } from 'vitest';
import { choiceFromResponse, CloseGuard, decide, SAVE_BUTTONS, savePrompt, type DocumentState } from './closeGuard';

const clean: DocumentState = { dirty: false, path: '/docs/a.ringside.json', title: 'a.ringside.json' };
const dirty: DocumentState = { ...clean, dirty: true };

function guardWith(state: DocumentState): CloseGuard {
  const guard = new CloseGuard();
  guard.update(state);
  return guard;
}

describe('the decision', () => {
  it('closes a clean document whatever the box said', () => {
    expect(decide(false, undefined)).toBe('close');
    expect(decide(false, 'cancel')).toBe('close');
  });
  it('does what the box said for a dirty one', () => {
    expect(decide(true, 'save')).toBe('save-then-close');
    expect(decide(true, 'dont-save')).toBe('close');
    expect(decide(true, 'cancel')).toBe('stay');
    expect(decide(true, undefined)).toBe('stay');
  });
  it('maps the buttons, treating anything unexpected as Cancel', () => {
    expect(SAVE_BUTTONS).toEqual(['Save', "Don't Save", 'Cancel']);
    expect([0, 1, 2, 3, -1].map(choiceFromResponse)).toEqual(['save', 'dont-save', 'cancel', 'cancel', 'cancel']);
    const prompt = savePrompt(dirty);
    expect(prompt.buttons[prompt.defaultId]).toBe('Save');
    expect(prompt.buttons[prompt.cancelId]).toBe('Cancel');
    expect(prompt.message).toContain('a.ringside.json');
  });
});

describe('CloseGuard', () => {
  it('lets a clean window close without asking', () => {
    expect(new CloseGuard().requestClose()).toBe('close');
    expect(guardWith(clean).requestClose()).toBe('close');
  });
  it("asks for a dirty one; Don't Save closes", () => {
    const guard = guardWith(dirty);
    expect(guard.requestClose()).toBe('ask');
    expect(guard.requestClose()).toBe('wait'); // the box is already up
    expect(guard.answer('dont-save')).toBe('close');
    expect(guard.requestClose()).toBe('close'); // the close main then makes goes through
  });
  it('Cancel stays, and the next close asks again', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    expect(guard.answer('cancel')).toBe('stay');
    expect(guard.requestClose()).toBe('ask');
  });
  it('Save closes only after the save is written and the renderer reports the document clean', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    expect(guard.answer('save')).toBe('save-then-close');
    expect(guard.saveFinished('saved')).toBe('wait');
    expect(guard.update({ ...clean })).toBe('close');
    expect(guard.requestClose()).toBe('close');
  });
  it('stays when the save was cancelled (the Save As box) or failed', () => {
    for (const outcome of ['cancelled', 'failed'] as const) {
      const guard = guardWith({ dirty: true, title: 'Untitled' });
      guard.requestClose();
      guard.answer('save');
      expect(guard.saveFinished(outcome)).toBe('stay');
      expect(guard.update({ dirty: true, title: 'Untitled' })).toBe('stay');
      expect(guard.requestClose()).toBe('ask');
    }
  });
  it('stays when the document is still dirty after the save (edited meanwhile)', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    guard.answer('save');
    guard.saveFinished('saved');
    expect(guard.update(dirty)).toBe('stay');
    expect(guard.requestClose()).toBe('ask');
  });
  it('closes at once when the renderer was already clean when the save finished', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    guard.answer('save');
    guard.update(clean);
    expect(guard.saveFinished('saved')).toBe('close');
  });
  it('ignores saves and reports outside a close (an ordinary Save never closes the window)', () => {
    const guard = guardWith(dirty);
    expect(guard.saveFinished('saved')).toBe('stay');
    expect(guard.update(clean)).toBe('stay');
    expect(guard.answer('dont-save')).toBe('stay'); // no box was up
    expect(guard.requestClose()).toBe('close');
  });
  it('asks again if a save it asked for never reported back', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    guard.answer('save');
    expect(guard.requestClose()).toBe('ask');
    expect(guard.answer('dont-save')).toBe('close');
  });
  it('remembers that the close is a quit until the user stays', () => {
    const guard = guardWith(dirty);
    guard.beginQuit();
    expect(guard.requestClose()).toBe('ask');
    expect(guard.quitting).toBe(true);
    expect(guard.answer('cancel')).toBe('stay');
    expect(guard.quitting).toBe(false);

    guard.beginQuit();
    guard.requestClose();
    guard.answer('save');
    expect(guard.saveFinished('failed')).toBe('stay');
    expect(guard.quitting).toBe(false);

    guard.beginQuit();
    guard.requestClose();
    expect(guard.answer('dont-save')).toBe('close');
    expect(guard.quitting).toBe(true); // main quits rather than just closing the window
    expect(guard.requestClose()).toBe('close');
  });
  it('starts clean for a new window', () => {
    const guard = guardWith(dirty);
    guard.requestClose();
    guard.reset();
    expect(guard.state).toEqual({ dirty: false, title: 'Ringside' });
    expect(guard.requestClose()).toBe('close');
  });
});
