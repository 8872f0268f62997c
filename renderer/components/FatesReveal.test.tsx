// @vitest-environment happy-dom
import { act, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushResult } from '../../machines';
import { FatesPanel } from './FatesPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The callbacks waiting for the next paint (`afterPaint`), run by `paint`. */
const { waiting } = vi.hoisted(() => ({ waiting: [] as { fn: () => void; cancelled: boolean }[] }));
vi.mock('../state/bridges/afterPaint', () => ({
  afterPaint: (fn: () => void) => {
    const job = { fn, cancelled: false };
    waiting.push(job);
    return () => void (job.cancelled = true);
  },
}));

/** A paint: what waits for it runs, unless cancelled first. */
const paint = () => {
  for (const job of waiting.splice(0)) if (!job.cancelled) job.fn();
};

/**
 * Paints when its render is committed, before the render's passive effects: on a busy machine the
 * frame after a commit can come before React runs them (the effects are a task of their own).
 */
function PaintOnCommit() {
  useLayoutEffect(paint);
  return null;
}

/** 200 pushes a second apart, p0 sorted `at`th (dragged later), as a run gives them. */
const run = (at: number): PushResult[] => {
  const pushes = Array.from({ length: 200 }, (_, i) => ({
    id: `p${i}`,
    kind: 'voip' as const,
    sentAt: i * 1_000,
    deliveredAt: i * 1_000 + 100,
    delay: 100,
    fate: 'delivered' as const,
    rules: ['APNS-1'],
    why: '',
    steps: [],
  }));
  const [p0] = pushes.splice(0, 1);
  pushes.splice(at, 0, { ...p0!, sentAt: at * 1_000 + 500 });
  return pushes;
};

afterEach(() => {
  document.body.innerHTML = '';
  waiting.length = 0;
  vi.restoreAllMocks();
});

describe("the Fates table's reveal of the selected push", () => {
  it('scrolls to the row of the result on screen when a newer result is committed before the reveal runs', () => {
    // A short panel (happy-dom lays nothing out): a few rows in view, the overscan around them rendered.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(100);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(200 * 27);
    const scrolls = vi.spyOn(HTMLElement.prototype, 'scrollTo').mockImplementation(() => undefined);
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    const show = (pushes: PushResult[]) =>
      act(() =>
        root.render(
          <>
            <FatesPanel pushes={pushes} selected="p0" onSelect={() => undefined} />
            <PaintOnCommit />
          </>,
        ),
      );
    const rendered = () => [...host.querySelectorAll('tbody tr[data-index]')].map((r) => r.getAttribute('aria-label'));
    // The last drag frame's result has p0 10th, a rendered row: its reveal waits for the paint.
    show(run(10));
    expect(rendered()).toContain('push p0, voip, fate delivered');
    // The drop's result lands first, p0 15th: the panel's rows are that result's, p0's is not rendered.
    show(run(15));
    expect(rendered()).not.toContain('push p0, voip, fate delivered');
    expect(rendered()[10]).toBe('push p11, voip, fate delivered');
    // The reveal went to p0's row (15th), not to the 10th row (now p11's), and took it for p0's.
    const tops = scrolls.mock.calls.map(([to]) => (to as ScrollToOptions).top);
    expect(tops).toContainEqual(expect.closeTo(15 * 27 + 27 / 2 - 100 / 2, 0));
    act(() => root.unmount());
  });

  it("follows the dragged push's row once the pointer lifts, not on every drag frame", () => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    const scrolls = vi.spyOn(HTMLElement.prototype, 'scrollTo').mockImplementation(() => undefined);
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    // Each result is committed, then painted (what waits for the paint runs), then the next comes.
    const show = (pushes: PushResult[]) => {
      act(() => root.render(<FatesPanel pushes={pushes} selected="p0" onSelect={() => undefined} />));
      act(paint);
    };
    show(run(0));
    scrolls.mockClear();
    // The pointer holds p0 and drags it later and later: it sorts 50th, 100th, 150th.
    act(() => void window.dispatchEvent(new PointerEvent('pointerdown')));
    for (const at of [50, 100, 150]) show(run(at));
    expect(scrolls).not.toHaveBeenCalled();
    act(() => void window.dispatchEvent(new PointerEvent('pointerup')));
    act(paint);
    expect(scrolls).toHaveBeenCalled();
    act(() => root.unmount());
  });
});
