import { describe, expect, it } from 'vitest';
import { formatTime, toDurationString } from './time';

describe('formatTime', () => {
  it.each([
    [0, '0 s'],
    [250, '250 ms'],
    [27_000, '27 s'],
    [1_500, '1.5 s'],
    [160_000, '2 min 40 s'],
    [600_100, '10 min 0.1 s'],
    [3_600_000, '1 h'],
    [3_600_100, '1 h 0.1 s'],
    [3_900_000, '1 h 5 min'],
    [86_400_000, '1 d'],
    [-30_000, '−30 s'],
  ])('%d ms is "%s"', (ms, text) => expect(formatTime(ms)).toBe(text));
});

describe('toDurationString', () => {
  it.each([
    [0, '0s'],
    [1_500, '1s500ms'],
    [86_700_000, '1d5m'],
    [-30_000, '-30s'],
  ])('%d ms is %s', (ms, text) => expect(toDurationString(ms)).toBe(text));
});
