import { describe, expect, it } from 'vitest';
import type { TimelineEventFile } from '../../../machines';
import { eventLabelForms, landmarks, relativeTo, snap, tickStep, ticks, toneWithAudio } from './labels';

describe('time axis', () => {
  it('adapts its units from milliseconds to days', () => {
    expect(tickStep(1_000, 1_000)).toBe(100);
    expect(tickStep(60_000, 1_000)).toBe(10_000);
    expect(tickStep(3_600_000, 1_000)).toBe(600_000);
    expect(tickStep(86_400_000 * 2, 1_000)).toBe(21_600_000);
    expect(tickStep(86_400_000 * 60, 1_000)).toBe(604_800_000);
  });
  it('puts ticks on round times inside the view', () => {
    expect(ticks(-30_000, 60_000, 900)).toEqual([
      -30_000, -20_000, -10_000, 0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000,
    ]);
  });
});

describe('snapping', () => {
  it('snaps to 100 ms, or not with Alt', () => {
    expect(snap(12_345, false)).toBe(12_300);
    expect(snap(12_351, false)).toBe(12_400);
    expect(snap(12_345.4, true)).toBe(12_345);
  });
});

describe('where a dragged input stands against the others', () => {
  const events: TimelineEventFile[] = [
    { at: '10s', do: 'app', action: 'background' },
    { at: 0, do: 'push', id: 'call-1', kind: 'voip' },
    { at: 20_000, do: 'network', to: 'wifi' },
  ];
  it('names the nearest other input, before or after, pushes by their id', () => {
    const others = landmarks(events, new Set([1]));
    expect(others.map((o) => o.name)).toEqual(['app background', 'network → wifi']);
    expect(relativeTo(10_300, others)).toBe('300 ms after app background');
    expect(relativeTo(18_500, others)).toBe('1.5 s before network → wifi');
    expect(relativeTo(10_000, others)).toBe('with app background');
    expect(relativeTo(-5_000, others)).toBe('15 s before app background');
    expect(relativeTo(25_000, others)).toBe('5 s after network → wifi');
    expect(relativeTo(4_000, landmarks(events, new Set([0, 2])))).toBe('4 s after push call-1');
  });
  it('takes the earlier one when both are as near', () => {
    expect(relativeTo(15_000, landmarks(events, new Set([1])))).toBe('5 s after app background');
  });
  it('says nothing when no other input is there', () => {
    expect(relativeTo(1_000, landmarks(events, new Set([0, 1, 2])))).toBeUndefined();
  });
});

describe('toneWithAudio', () => {
  it('a call that rang with no audio is not green; one-way is a warning; two-way or no call keeps the fate’s tone', () => {
    expect(toneWithAudio('rang', 'none')).toBe('bad');
    expect(toneWithAudio('rang', 'one-way')).toBe('warn');
    expect(toneWithAudio('rang', 'two-way')).toBe('good');
    expect(toneWithAudio('rang', undefined)).toBe('good');
    expect(toneWithAudio('crashed', 'none')).toBe('bad');
  });
});

describe('eventLabelForms', () => {
  it("a timeline input's label, then what was done without whom to, each shorter than the one before", () => {
    expect(eventLabelForms({ at: '1s', do: 'cancel', call: 'call-1', via: 'voip' })).toEqual([
      'cancel call-1 via voip',
      'cancel call-1',
      'cancel',
    ]);
    expect(eventLabelForms({ at: '1s', do: 'network', to: 'wifi' })).toEqual(['network → wifi', '→ wifi']);
    expect(eventLabelForms({ at: '1s', do: 'app', action: 'background' })).toEqual(['app background', 'background']);
    expect(eventLabelForms({ at: '1s', do: 'push', id: 'call-1', kind: 'voip' })).toEqual(['call-1 (voip)', 'call-1']);
    expect(eventLabelForms({ at: '1s', do: 'answer', call: 'call-1' })).toEqual(['answer call-1', 'answer']);
  });
});
