// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushResult } from '../../machines';
import { FatesPanel, KeptIds } from './FatesPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** `count` delivered pushes a second apart, as a run gives them (new objects on every run). */
const run = (count: number, fate: PushResult['fate'] = 'delivered'): PushResult[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    kind: 'voip' as const,
    sentAt: i * 1_000,
    deliveredAt: i * 1_000 + 100,
    delay: 100,
    fate,
    rules: ['APNS-1', 'PATH-4'],
    why: '',
    steps: [],
  }));

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe("the Fates table's rows while a drag re-runs the document", () => {
  it("no render reads a row's height, neither a row's first nor every run's (each read forced a layout of the page): its ResizeObserver reports it", () => {
    // happy-dom lays nothing out: the panel is given a view 600 px tall, as in a window.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    // A row is 27 px, as in the app; every read of a row's height is counted.
    let reads = 0;
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      if (!(this instanceof HTMLTableRowElement)) return 0;
      reads++;
      return 27;
    });
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    act(() => root.render(<FatesPanel pushes={run(200)} onSelect={() => undefined} />));
    const rows = host.querySelectorAll('tbody tr[data-index]').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100);
    // Ten drag frames: each run gives new push objects, one of them with a new fate.
    for (let frame = 0; frame < 10; frame++) {
      const pushes = run(200);
      pushes[3] = { ...pushes[3]!, fate: frame % 2 ? 'delivered' : 'expired' };
      act(() => root.render(<FatesPanel pushes={pushes} onSelect={() => undefined} />));
    }
    expect(host.querySelector('tr[aria-rowindex="5"]')?.getAttribute('aria-label')).toContain('fate delivered');
    expect(reads).toBe(0);
    act(() => root.unmount());
  });

  it("the virtualizer's key function is the same while the ids are in the same order, and follows a reorder", () => {
    const kept = new KeptIds();
    const first = kept.keyOf(run(5));
    expect(kept.keyOf(run(5, 'expired'))).toBe(first);
    const moved = run(5);
    [moved[1], moved[2]] = [moved[2]!, moved[1]!];
    const after = kept.keyOf(moved);
    expect(after).not.toBe(first);
    expect([0, 1, 2, 3].map(after)).toEqual(['p0', 'p2', 'p1', 'p3']);
    expect(kept.keyOf(run(6))(5)).toBe('p5');
  });
});
