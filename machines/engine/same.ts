import type { TimelineEvent } from '../scenario/types';

/** Comparisons the `Simulator` uses to find what an edit changed and when two runs stand alike. */

/** The time of the first difference between two sorted timelines, if they differ. */
export function firstDifference(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!sameEvent(a[i]!, b[i]!)) return Math.min(a[i]!.at, b[i]!.at);
  }
  if (a.length !== b.length) return (a.length > n ? a[n] : b[n])!.at;
  return undefined;
}

/** The index from which two sorted timelines are the same to their end (Infinity if their lengths differ). */
export function sameFrom(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): number {
  if (a.length !== b.length) return Infinity;
  let i = a.length;
  while (i > 0 && sameEvent(a[i - 1]!, b[i - 1]!)) i--;
  return i;
}

export function sameEvent(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const va = (a as unknown as Record<string, unknown>)[k];
    const vb = (b as unknown as Record<string, unknown>)[k];
    if (va !== vb && JSON.stringify(va) !== JSON.stringify(vb)) return false;
  }
  return true;
}

/**
 * Equal in every way that can show: the same primitives, and arrays, Maps, Sets and plain objects of
 * the same prototype with the same keys in the same order (order shows in results and in what actors
 * iterate) and equal members.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], bb[i])) return false;
    return true;
  }
  if (a instanceof Map || a instanceof Set) {
    const bb = b as Map<unknown, unknown> | Set<unknown>;
    if (a.size !== bb.size) return false;
    const ia = a.entries();
    const ib = bb.entries();
    for (let x = ia.next(), y = ib.next(); !x.done; x = ia.next(), y = ib.next()) {
      const [ka, va] = x.value as [unknown, unknown];
      const [kb, vb] = y.value as [unknown, unknown];
      if (!same(ka, kb) || !same(va, vb)) return false;
    }
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Whether `value` holds one of `ids`, as a string anywhere in it (keys of Maps and objects too). */
export function mentions(value: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof value === 'string') return ids.has(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Set) {
    for (const v of value) if (mentions(v, ids)) return true;
    return false;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) if (mentions(k, ids) || mentions(v, ids)) return true;
    return false;
  }
  for (const k in value) {
    if (ids.has(k) || mentions((value as Record<string, unknown>)[k], ids)) return true;
  }
  return false;
}
