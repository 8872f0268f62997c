// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from './useThrottled';

// React only runs effects and timers inside act() when it is told it is under test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** What the panels would show: every value the hook returned, in render order. */
function mount() {
  const shown: number[] = [];
  function Probe({ value, holding }: { value: number; holding: boolean }) {
    shown.push(useThrottled(value, holding, 150));
    return null;
  }
  let root: Root;
  act(() => {
    root = createRoot(document.createElement('div'));
  });
  const render = (value: number, holding: boolean) => act(() => root.render(<Probe value={value} holding={holding} />));
  const last = () => shown.at(-1);
  return { render, last, shown, unmount: () => act(() => root.unmount()) };
}

describe('useThrottled: the panels while an input is dragged', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows the value at once when nothing is dragged', () => {
    const p = mount();
    p.render(1, false);
    p.render(2, false);
    expect(p.last()).toBe(2);
    p.render(3, false);
    expect(p.last()).toBe(3);
  });

  it('while dragging, changes at most once per 150 ms, to the latest value', () => {
    const p = mount();
    p.render(1, true);
    expect(p.last()).toBe(1);
    p.render(2, true);
    p.render(3, true);
    act(() => {
      vi.advanceTimersByTime(149);
    });
    expect(p.last()).toBe(1);
    p.render(4, true);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    // 2 and 3 were never shown: only the value standing when the 150 ms ran out.
    expect(p.last()).toBe(4);
    expect(new Set(p.shown)).toEqual(new Set([1, 4]));
  });

  it('the last move comes through while the pointer rests, still down', () => {
    const p = mount();
    p.render(1, true);
    p.render(2, true);
    act(() => {
      vi.advanceTimersByTime(150);
    });
    expect(p.last()).toBe(2);
    // A move right after an update waits for the next window, then shows, with nothing else happening.
    p.render(3, true);
    expect(p.last()).toBe(2);
    act(() => {
      vi.advanceTimersByTime(150);
    });
    expect(p.last()).toBe(3);
    // Resting: no further updates, no timer left spinning.
    const renders = p.shown.length;
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(p.shown.length).toBe(renders);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('follows at once when the pointer lifts, and a pending update does not come after it', () => {
    const p = mount();
    p.render(1, true);
    p.render(2, true);
    p.render(3, false);
    expect(p.last()).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
    p.render(4, false);
    act(() => {
      vi.advanceTimersByTime(500);
    });
    expect(p.last()).toBe(4);
  });

  it('a new drag starts from the value it starts with, not one held from the last drag', () => {
    const p = mount();
    p.render(1, true);
    p.render(2, true);
    p.render(2, false);
    p.render(5, false);
    p.render(5, true);
    expect(p.last()).toBe(5);
    p.render(6, true);
    expect(p.last()).toBe(5);
  });

  it('unmounting while an update is pending leaves no timer', () => {
    const p = mount();
    p.render(1, true);
    p.render(2, true);
    expect(vi.getTimerCount()).toBe(1);
    p.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
