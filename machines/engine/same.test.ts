import { describe, expect, it } from 'vitest';
import { mentions, same } from './same';

describe('same: equal in every way that can show', () => {
  it('compares members, not identity', () => {
    expect(same({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(same({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(same([1, 2], [1, 2, 3])).toBe(false);
  });

  it('counts key order and absent vs undefined keys as differences (both show in results)', () => {
    expect(same({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(same({ a: 1, b: undefined }, { a: 1 })).toBe(false);
  });

  it('compares Maps and Sets in their order (actors iterate them)', () => {
    expect(
      same(
        new Map([
          ['p1', 1],
          ['p2', 2],
        ]),
        new Map([
          ['p1', 1],
          ['p2', 2],
        ]),
      ),
    ).toBe(true);
    expect(
      same(
        new Map([
          ['p1', 1],
          ['p2', 2],
        ]),
        new Map([
          ['p2', 2],
          ['p1', 1],
        ]),
      ),
    ).toBe(false);
    expect(same(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(false);
    expect(same(new Map([['p1', { at: 1 }]]), new Map([['p1', { at: 2 }]]))).toBe(false);
  });

  it('tells a Map from an object and an array from an object', () => {
    expect(same(new Map(), {})).toBe(false);
    expect(same([], {})).toBe(false);
  });
});

describe('mentions: whether a value names one of some push ids', () => {
  const ids = new Set(['p7']);
  it('finds an id as a value or a key, in arrays, Maps, Sets and objects', () => {
    expect(mentions({ queue: [{ push: 'p7' }] }, ids)).toBe(true);
    expect(mentions(new Map([['p7', 1]]), ids)).toBe(true);
    expect(mentions({ decisions: new Map([['p1', { uuid: 'p7' }]]) }, ids)).toBe(true);
    expect(mentions(new Set(['p7']), ids)).toBe(true);
    expect(mentions({ p7: true }, ids)).toBe(true);
  });
  it('does not find it where it is not', () => {
    expect(mentions({ queue: [{ push: 'p70' }], n: 7 }, ids)).toBe(false);
    expect(mentions(undefined, ids)).toBe(false);
  });
});
