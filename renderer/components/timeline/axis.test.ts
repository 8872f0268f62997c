// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ticks } from '../../state/view/labels';
import { tickLabels } from './Axis';
import { GAP } from './geometry';

const FONT = 11;

describe('tickLabels: the time axis labels', () => {
  it('a last label flipped to end at its tick is left out where it would land on the one before', () => {
    // 90 s over 835 px: a tick every 10 s (~93 px). "1 min 30 s" sits at the plot's end, so it is flipped,
    // and ends over "1 min 20 s" (seen in a screenshot as "1 min 2 min 30 s").
    const labels = tickLabels(ticks(0, 90_000, 835), 0, 90_000, 835, FONT);
    const last = labels.at(-1)!;
    expect(last.t).toBe(90_000);
    expect(last.flipped).toBe(true);
    expect(last.shown).toBe(false);
    expect(labels.slice(0, -1).every((l) => l.shown && !l.flipped)).toBe(true);
  });

  it('no two labels drawn overlap, at any span and width; a flipped label with room is drawn', () => {
    let flippedShown = 0;
    for (const plot of [300, 517, 835, 1200])
      for (const end of [7_000, 45_000, 90_000, 95_000, 600_000, 3_600_000, 86_400_000]) {
        const shown = tickLabels(ticks(0, end, plot), 0, end, plot, FONT).filter((l) => l.shown);
        for (let i = 1; i < shown.length; i++)
          expect(shown[i]!.left, `${end} ms over ${plot} px`).toBeGreaterThanOrEqual(
            shown[i - 1]!.left + shown[i - 1]!.width + GAP,
          );
        flippedShown += shown.filter((l) => l.flipped).length;
      }
    expect(flippedShown).toBeGreaterThan(0);
  });
});
