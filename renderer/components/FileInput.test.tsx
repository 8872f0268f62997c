// @vitest-environment happy-dom
import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileInput } from './FileInput';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
beforeEach(() => {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

/** Picks `file` in `input` as the browser does: the input's files change, then `change` fires. */
function pick(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

it('hands each pick over once and empties itself, so picking the same file again is reported again', () => {
  const picked: string[] = [];
  const ref = createRef<HTMLInputElement>();
  act(() =>
    root.render(
      <FileInput ref={ref} label="Open a scenario file" accept=".json" onFile={(f) => picked.push(f.name)} />,
    ),
  );
  const input = host.querySelector('input')!;
  expect(ref.current).toBe(input);
  expect(input.type).toBe('file');
  expect(input.accept).toBe('.json');
  expect(input.getAttribute('aria-label')).toBe('Open a scenario file');
  let cleared = '';
  // The value is emptied from inside the change handler (happy-dom keeps no real file path: watch the setter).
  Object.defineProperty(input, 'value', { set: (v: string) => void (cleared = `set to '${v}'`), configurable: true });
  const file = new File(['{}'], 'a.ringside.json');
  pick(input, file);
  expect(cleared).toBe("set to ''");
  pick(input, file);
  expect(picked).toEqual(['a.ringside.json', 'a.ringside.json']);
});

it('a pick with no file (the chooser cancelled) hands nothing over; an input another control opens is out of the Tab order', () => {
  const picked: File[] = [];
  act(() => root.render(<FileInput label="Scenario file to compare with" untabbable onFile={(f) => picked.push(f)} />));
  const input = host.querySelector('input')!;
  expect(input.tabIndex).toBe(-1);
  Object.defineProperty(input, 'files', { value: [], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
  expect(picked).toEqual([]);
});
