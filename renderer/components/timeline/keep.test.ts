import { describe, expect, it } from 'vitest';
import { byLane, chunks, Kept, keepLists, PerKey, Runs, sameLanes, sameMap, sameSet } from './keep';
import { LANES, type LaneId } from '../../../machines';

const item = (lane: LaneId, n: number) => ({ lane, n });

describe('byLane', () => {
  it('gives a lane the list it had when its items are the same objects, a new one where they changed', () => {
    const a = item('provider', 1);
    const b = item('apns', 2);
    const c = item('apns', 3);
    const first = byLane([a, b, c], (x) => x.lane, undefined);
    const c2 = item('apns', 3);
    const second = byLane([a, b, c2], (x) => x.lane, first);
    expect(second).not.toBe(first);
    expect(second.get('provider')).toBe(first.get('provider'));
    expect(second.get('apns')).not.toBe(first.get('apns'));
    expect(second.get('apns')).toEqual([b, c2]);
  });

  it('is the map it had when no lane changed, and leaves out what skip names', () => {
    const a = item('provider', 1);
    const b = item('apns', 2);
    const first = byLane(
      [a, b],
      (x) => x.lane,
      undefined,
      (x) => x.n === 2,
    );
    expect([...first.keys()]).toEqual(['provider']);
    expect(
      byLane(
        [a, b],
        (x) => x.lane,
        first,
        (x) => x.n === 2,
      ),
    ).toBe(first);
  });

  it('is a new map when a lane empties', () => {
    const a = item('provider', 1);
    const b = item('apns', 2);
    const first = byLane([a, b], (x) => x.lane, undefined);
    const second = byLane([a], (x) => x.lane, first);
    expect(second).not.toBe(first);
    expect(second.has('apns')).toBe(false);
  });
});

describe('PerKey', () => {
  it('computes again only when a key’s inputs change', () => {
    const memo = new PerKey<string, number>();
    let runs = 0;
    const input = [1];
    expect(memo.get('k', [input], () => ++runs)).toBe(1);
    expect(memo.get('k', [input], () => ++runs)).toBe(1);
    expect(memo.get('other', [input], () => ++runs)).toBe(2);
    expect(memo.get('k', [[1]], () => ++runs)).toBe(3);
  });
});

describe('Kept', () => {
  it('gives the object it kept while the new one is equal', () => {
    const kept = new Kept(sameSet<string>);
    const first = kept.keep(new Set(['a', 'b']));
    expect(kept.keep(new Set(['b', 'a']))).toBe(first);
    expect(kept.keep(new Set(['a']))).not.toBe(first);
  });
});

describe('equalities', () => {
  it('sameLanes compares every lane, sameMap every value by identity', () => {
    const h = Object.fromEntries(LANES.map((l) => [l, 10])) as Record<LaneId, number>;
    expect(sameLanes(h, { ...h })).toBe(true);
    expect(sameLanes(h, { ...h, [LANES.at(-1)!]: 11 })).toBe(false);
    expect(sameMap(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(true);
    expect(sameMap(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(sameMap(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(false);
  });

  it('keepLists keeps each list whose items are equal, and the whole map when all are', () => {
    const first = new Map([
      ['x', [{ cx: 1 }]],
      ['y', [{ cx: 2 }]],
    ]);
    const same = (a: { cx: number }, b: { cx: number }) => a.cx === b.cx;
    const next = new Map([
      ['x', [{ cx: 1 }]],
      ['y', [{ cx: 3 }]],
    ]);
    const kept = keepLists(first, next, same);
    expect(kept.get('x')).toBe(first.get('x'));
    expect(kept.get('y')).toBe(next.get('y'));
    expect(
      keepLists(
        kept,
        new Map([
          ['x', [{ cx: 1 }]],
          ['y', [{ cx: 3 }]],
        ]),
        same,
      ),
    ).toBe(kept);
  });
});

describe('chunks', () => {
  it('keeps every run whose items are the same, and gives a new run only where an item changed', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ i }));
    const runs = new Runs<{ i: number }>(4);
    const first = runs.cut(items);
    expect(first.map((r) => r.length)).toEqual([4, 4, 2]);
    const moved = [...items];
    moved[5] = { i: 5 };
    const second = runs.cut(moved);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]).toBe(first[2]);
    expect(second.flat()).toEqual(moved);
  });

  it('cuts a shorter list without the runs past its end', () => {
    const items = Array.from({ length: 9 }, (_, i) => i);
    const before = chunks(items, 4);
    expect(chunks(items.slice(0, 5), 4, before)).toEqual([[0, 1, 2, 3], [4]]);
    expect(chunks(items.slice(0, 5), 4, before)[0]).toBe(before[0]);
  });
});
