import { describe, expect, it } from 'vitest';
import { MARKER_MEANINGS, TONE_MEANINGS } from './LegendDialog';
import { MARKER_GLYPHS, TONES } from './timeline/tones';

describe('the legend', () => {
  it('explains every tone the timeline draws bars in, and no other', () => {
    const drawn = new Set([...Object.values(TONES), 'quiet']);
    expect(new Set(TONE_MEANINGS.map((t) => t.tone))).toEqual(drawn);
  });
  it('explains every marker glyph', () => {
    expect(Object.keys(MARKER_MEANINGS).sort()).toEqual(Object.keys(MARKER_GLYPHS).sort());
  });
});
