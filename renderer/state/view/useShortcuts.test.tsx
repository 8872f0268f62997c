// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BINDINGS, useShortcuts, type KeySpec, type Shortcuts } from './useShortcuts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Shortcuts that write down what they were asked to do. */
function recorder(calls: string[]): Shortcuts {
  const note =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push(`${name}(${args.join(',')})`);
  return {
    undo: note('undo'),
    redo: note('redo'),
    remove: note('remove'),
    deselect: note('deselect'),
    duplicate: note('duplicate'),
    step: note('step'),
    home: note('home'),
    end: note('end'),
    zoom: note('zoom'),
    pan: note('pan'),
    fit: note('fit'),
    nudge: note('nudge'),
    help: note('help'),
    save: note('save'),
    open: note('open'),
  };
}

function press(spec: KeySpec, target: EventTarget = window): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', {
      key: spec.mod && spec.shift ? spec.key.toUpperCase() : spec.key,
      ctrlKey: spec.mod ?? false,
      shiftKey: spec.shift ?? false,
      altKey: spec.alt ?? false,
      bubbles: true,
    }),
  );
}

describe('useShortcuts: the keys the shortcuts list shows are the keys that work', () => {
  let root: Root;
  let calls: string[];
  function Probe(props: { desktop: boolean }) {
    useShortcuts(recorder(calls), props.desktop);
    return null;
  }
  beforeEach(() => {
    calls = [];
    act(() => {
      root = createRoot(document.createElement('div'));
      root.render(<Probe desktop={false} />);
    });
  });
  afterEach(() => act(() => root.unmount()));

  it('does, for every listed key, what the list says', () => {
    for (const binding of BINDINGS) {
      const expected: string[] = [];
      binding.run(recorder(expected));
      for (const spec of binding.keys) {
        calls.length = 0;
        press(spec);
        expect(calls, `${binding.shown} (${JSON.stringify(spec)})`).toEqual(expected);
      }
    }
  });

  it('Escape clears the selection', () => {
    press({ key: 'Escape' });
    expect(calls).toEqual(['deselect()']);
  });

  it('leaves a text field its own keys, but for undo and redo', () => {
    const field = document.createElement('input');
    document.body.append(field);
    press({ key: 'Delete' }, field);
    press({ key: 'w' }, field);
    press({ key: 'ArrowLeft' }, field);
    expect(calls).toEqual([]);
    press({ key: 'z', mod: true }, field);
    press({ key: 'z', mod: true, shift: true }, field);
    expect(calls).toEqual(['undo()', 'redo()']);
    field.remove();
  });

  it('leaves an open dialog its keys', () => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(dialog);
    press({ key: 'Delete' }, button);
    press({ key: '?' }, button);
    expect(calls).toEqual([]);
    dialog.remove();
  });

  it('leaves Ctrl/⌘+S and Ctrl/⌘+O to the File menu in the desktop app', () => {
    press({ key: 's', mod: true });
    press({ key: 'o', mod: true });
    expect(calls).toEqual(['save()', 'open()']);
    calls.length = 0;
    act(() => root.render(<Probe desktop />));
    const s = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    window.dispatchEvent(s);
    press({ key: 'o', mod: true });
    expect(calls).toEqual([]);
    // Not even kept from the menu: the page does not take the key.
    expect(s.defaultPrevented).toBe(false);
    press({ key: 'z', mod: true });
    expect(calls).toEqual(['undo()']);
  });

  it('ignores other keys held with Ctrl/⌘', () => {
    press({ key: 'w', mod: true });
    press({ key: 'ArrowLeft', mod: true });
    expect(calls).toEqual([]);
  });
});
