import type { SimTime } from './time';

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly seq: number;
  readonly fn: (...args: unknown[]) => void;
  cancelled: boolean;
}

/**
 * A next-event virtual clock for xstate.
 *
 * xstate's `SimulatedClock.increment(n)` fires chained timers late on big jumps (a 1 s → 1 s chain
 * stops in the middle state), so this clock pops timers one at a time from a binary heap ordered by
 * due time, then by scheduling order, and sets `now` to each timer's due time before firing it.
 * Everything it does is a function of what was scheduled: no wall clock.
 */
/** The timer interface xstate's scheduler calls (`createActor(machine, { clock })`). */
export interface SchedulerClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

export class VirtualClock implements SchedulerClock {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();

  constructor(start: SimTime) {
    this.current = start;
  }

  /** The current simulated time. */
  now(): SimTime {
    return this.current as SimTime;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const timer: Timer = {
      id: this.nextId++,
      due: this.current + Math.max(0, timeout),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.live.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  /** Schedules `fn` at an absolute time (clamped to now). */
  at(time: number, fn: () => void): number {
    return this.setTimeout(fn, time - this.current);
  }

  clearTimeout(id: unknown): void {
    const timer = this.live.get(id as number);
    if (timer) {
      timer.cancelled = true;
      this.live.delete(timer.id);
    }
  }

  /** Due time of the next live timer, if any. */
  peek(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.due;
  }

  /**
   * Fires every timer due at or before `end`, in order, then moves `now` to `end`.
   * Timers scheduled while running are fired too when they fall inside the range.
   */
  runUntil(end: SimTime): void {
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (!top || top.due > end) break;
      this.pop();
      this.live.delete(top.id);
      this.current = top.due;
      top.fn();
    }
    if (end > this.current) this.current = end;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
