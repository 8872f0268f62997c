// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { usePlayback } from './usePlayback';

// React only runs effects inside act() when it is told it is under test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A few animation frames of wall clock. */
const frames = () => act(() => new Promise<void>((done) => setTimeout(done, 80)));

describe('usePlayback while another document opens', () => {
  it('Play pressed meanwhile moves no playhead until the new document is drawn, then plays it from its playhead', async () => {
    const set: number[] = [];
    let playback: ReturnType<typeof usePlayback> | undefined;
    const setPlayhead = (t: number) => set.push(t);
    function Probe({ playhead, end, hold }: { playhead: number; end: number; hold: boolean }) {
      playback = usePlayback(playhead, end, setPlayhead, hold);
      return null;
    }
    let root: Root;
    act(() => {
      root = createRoot(document.createElement('div'));
    });
    // The new document's playhead (0) against the old document's end (60 s): nothing is to move.
    act(() => root.render(<Probe playhead={0} end={60_000} hold />));
    act(() => playback!.toggle());
    await frames();
    expect(playback!.playing, 'the press is kept').toBe(true);
    expect(set).toEqual([]);
    // The new document's result lands: its own end, and play goes on from its playhead.
    act(() => root.render(<Probe playhead={0} end={600_000} hold={false} />));
    await frames();
    expect(set.length).toBeGreaterThan(0);
    expect(Math.max(...set)).toBeGreaterThan(0);
    act(() => root.unmount());
  });
});
