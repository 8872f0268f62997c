// @vitest-environment happy-dom
import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioFile } from '../../../machines';
import { EVERY_MS, useAutosave } from './useAutosave';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const doc = (title: string): ScenarioFile => ({ format: 'ringside.scenario/v1', title, duration: '60s', timeline: [] });
const copies = () =>
  Object.keys(localStorage)
    .filter((k) => k.startsWith('ringside.autosave.'))
    .map((k) => (JSON.parse(localStorage.getItem(k)!) as { file: ScenarioFile }).file.title);

let root: Root;
const probe: { hook?: ReturnType<typeof useAutosave> } = {};
function Probe(props: { file: ScenarioFile; dirty: boolean }) {
  const hook = useAutosave(props.file, props.dirty);
  useEffect(() => {
    probe.hook = hook;
  });
  return null;
}
const render = (file: ScenarioFile, dirty: boolean) => act(() => root.render(<Probe file={file} dirty={dirty} />));

beforeEach(() => {
  localStorage.clear();
  root = createRoot(document.body.appendChild(document.createElement('div')));
});
afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

describe('autosave', () => {
  it('keeps steady editing, an edit every half second, at least every 2 s', () => {
    vi.useFakeTimers();
    render(doc('t0'), true);
    for (let i = 1; i <= 8; i++) {
      render(doc(`t${i}`), true);
      act(() => {
        vi.advanceTimersByTime(EVERY_MS / 4);
      });
    }
    // 4 s of edits with never 2 s of quiet: the old autosave had saved nothing.
    expect(copies()).toEqual(['t8']);
  });

  it('while a pointer is pressed (a drag re-runs the document every frame) the copy waits, and the lift saves the last frame', () => {
    vi.useFakeTimers();
    render(doc('before the drag'), true);
    act(() => void window.dispatchEvent(new Event('pointerdown')));
    for (let i = 1; i <= 8; i++) {
      render(doc(`frame ${i}`), true);
      act(() => {
        vi.advanceTimersByTime(EVERY_MS / 4);
      });
    }
    // 4 s of dragging: no copy written meanwhile.
    expect(copies()).toEqual([]);
    render(doc('dropped'), true);
    act(() => {
      window.dispatchEvent(new Event('pointerup'));
      vi.advanceTimersByTime(0);
    });
    expect(copies()).toEqual(['dropped']);
    // And the timer goes on as before.
    render(doc('edited after'), true);
    act(() => {
      vi.advanceTimersByTime(EVERY_MS);
    });
    expect(copies()).toEqual(['edited after']);
  });

  it('a press whose release the page never hears (the window lost focus) does not stop the copies', () => {
    vi.useFakeTimers();
    render(doc('before'), true);
    act(() => void window.dispatchEvent(new Event('pointerdown')));
    render(doc('pressed, then switched away'), true);
    act(() => {
      window.dispatchEvent(new Event('blur'));
      vi.advanceTimersByTime(0);
    });
    expect(copies()).toEqual(['pressed, then switched away']);
    render(doc('edited later'), true);
    act(() => {
      vi.advanceTimersByTime(EVERY_MS);
    });
    expect(copies()).toEqual(['edited later']);
  });

  it('keeps the last edit when the page is left or hidden, at once', () => {
    vi.useFakeTimers();
    render(doc('before'), true);
    render(doc('last edit'), true);
    act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(copies()).toEqual(['last edit']);
  });

  it('drops its copy once the document has no unsaved edits (saved or downloaded)', () => {
    vi.useFakeTimers();
    render(doc('edited'), true);
    act(() => {
      vi.advanceTimersByTime(EVERY_MS);
    });
    expect(copies()).toEqual(['edited']);
    render(doc('edited'), false);
    expect(copies()).toEqual([]);
  });

  it('offers a copy an earlier page left, and never a malformed one', async () => {
    localStorage.setItem(
      'ringside.autosave.v2:old',
      JSON.stringify({ file: doc('left behind'), savedAt: '2026-01-01T00:00:00Z' }),
    );
    localStorage.setItem(
      'ringside.autosave.v2:bad',
      JSON.stringify({ file: { title: 5 }, savedAt: '2026-02-01T00:00:00Z' }),
    );
    localStorage.setItem('ringside.autosave.v2:junk', '{not json');
    render(doc('new page'), false);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(probe.hook!.offer?.file.title).toBe('left behind');
    expect(Object.keys(localStorage).sort()).toEqual(['ringside.autosave.v2:old']);
    let restored: ScenarioFile | undefined;
    act(() => void (restored = probe.hook!.accept()));
    expect(restored?.title).toBe('left behind');
    // The restoring page holds it now, under its own key.
    expect(copies()).toEqual(['left behind']);
    expect(localStorage.getItem('ringside.autosave.v2:old')).toBeNull();
  });

  it('never offers nor discards the copy of a page that is still open (its Web Lock is held)', async () => {
    localStorage.setItem(
      'ringside.autosave.v2:other-tab',
      JSON.stringify({ file: doc('other tab'), savedAt: '2026-01-01T00:00:00Z' }),
    );
    const locks = {
      query: () => Promise.resolve({ held: [{ name: 'ringside.page:ringside.autosave.v2:other-tab' }] }),
    };
    vi.stubGlobal('navigator', { ...navigator, locks });
    render(doc('second tab'), false);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(probe.hook!.offer).toBeUndefined();
    act(() => probe.hook!.discard());
    expect(copies()).toEqual(['other tab']);
    vi.unstubAllGlobals();
  });
});
