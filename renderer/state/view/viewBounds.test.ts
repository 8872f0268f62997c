import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { editorMachine } from '../document/editorMachine';
import { clampView, MAX_SPAN, MIN_SPAN } from './viewBounds';

const file = { format: 'ringside.scenario/v1' as const, title: 't', duration: '60s', timeline: [] };

describe('the view is clamped', () => {
  it('holding "−" stops widening at 60 days, and holding "+" at 10 ms', () => {
    const actor = createActor(editorMachine, { input: { file } }).start();
    let view = { start: 0, end: 60_000 };
    for (let press = 0; press < 200; press++) {
      const mid = (view.start + view.end) / 2;
      const half = (view.end - view.start) / 0.7 / 2;
      actor.send({ type: 'view.set', view: { start: mid - half, end: mid + half } });
      view = actor.getSnapshot().context.view!;
    }
    expect(view.end - view.start).toBe(MAX_SPAN);
    for (let press = 0; press < 400; press++) {
      const mid = (view.start + view.end) / 2;
      const half = ((view.end - view.start) * 0.7) / 2;
      actor.send({ type: 'view.set', view: { start: mid - half, end: mid + half } });
      view = actor.getSnapshot().context.view!;
    }
    expect(view.end - view.start).toBeCloseTo(MIN_SPAN, 6);
  });

  it("clamps a shared link's view, and fits one that is not finite", () => {
    const actor = createActor(editorMachine, { input: { file, view: { start: 0, end: 1e20 } } }).start();
    const view = actor.getSnapshot().context.view!;
    expect(view.end - view.start).toBe(MAX_SPAN);
    expect(clampView({ start: -Infinity, end: 0 })).toBeUndefined();
    expect(clampView({ start: 1e15, end: 1e15 + 1_000 })).toEqual({ start: MAX_SPAN - 500, end: MAX_SPAN + 500 });
  });

  it('leaves a view within bounds as it is', () => {
    const view = { start: -0.1, end: 59_999.3 };
    expect(clampView(view)).toBe(view);
  });
});
