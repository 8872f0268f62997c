import { describe, expect, it } from 'vitest';
import { formatTime, parseDuration, readDuration, toDurationString } from './time';

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

describe('parseDuration is exact', () => {
  // Floating point read "520.2s" as 520200.00000000006 ms, and the throttle's lift then never let the
  // oldest strike leave its window (THR-2): the lift re-armed itself at the same instant forever.
  it.each([
    ['10.3s', 10_300],
    ['520.2s', 520_200],
    ['0.1s', 100],
    ['1.001s', 1_001],
    ['2.5m', 150_000],
    ['0.3h', 1_080_000],
    ['1.1d', 95_040_000],
    ['-0.3s', -300],
    ['1h0.5s', 3_600_500],
    ['-0s', 0],
  ])('%j is exactly %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['0.5ms', '12.5', '1.0001s', '0.00001m'])('%j is finer than a millisecond: refused', (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(readDuration(text)).toEqual({ ok: false, why: 'fraction' });
  });

  it('refuses a bare number that is not whole milliseconds, or not finite', () => {
    expect(readDuration(12.5)).toEqual({ ok: false, why: 'fraction' });
    expect(readDuration(Infinity)).toEqual({ ok: false, why: 'range' });
    expect(readDuration(1e300)).toEqual({ ok: false, why: 'range' });
    expect(readDuration(-0)).toEqual({ ok: true, ms: 0 });
  });

  it('refuses a number with more digits than any time, without building it', () => {
    expect(readDuration(`${'9'.repeat(400)}s`)).toEqual({ ok: false, why: 'range' });
    expect(readDuration('9'.repeat(100_000))).toEqual({ ok: false, why: 'range' });
    expect(readDuration(`0.${'0'.repeat(50)}s`)).toEqual({ ok: true, ms: 0 });
  });
});
