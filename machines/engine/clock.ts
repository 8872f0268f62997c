import { formatTime, type SimTime } from './time';

/** The timer interface xstate's scheduler calls (`createActor(machine, { clock })`). */
export interface SchedulerClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Where a timer stands in the firing order: by due time, then by tier, then by scheduling order.
 * Timers set while the actors start come first (tier 0), then the scenario's timeline in its order
 * (tier 1, `seq` = the event's place), then timers set while running (tier 2): the same order as if
 * every timer had one counter, but independent of the timeline's length, so a re-simulation of an
 * edited timeline can go on from a checkpoint and still fire everything in the order a fresh run would.
 */
export interface TimerKey {
  readonly due: number;
  readonly tier: 0 | 1 | 2;
  readonly seq: number;
}

interface Timer<M> extends TimerKey {
  readonly id: number;
  readonly fn: () => void;
  /** What the timer is, as told by whoever set it (`nextMeta`): lets a checkpoint set it again. */
  readonly meta: M | undefined;
  cancelled: boolean;
}

/**
 * How many timers may fire at one instant before the run counts as a runaway: this many, plus
 * `INSTANT_PER_EVENT` for each event of the timeline (2,000 pushes at 0 s all have their report
 * check due at one later instant). The presets fire at most 2 timers at one instant and a run fires
 * 2 to 5 per event in all; a timer that re-arms itself with no delay (a wrong comparison) fires
 * without end and would freeze the UI.
 */
export const INSTANT_BUDGET = 1_000;
/** See `INSTANT_BUDGET`. */
export const INSTANT_PER_EVENT = 20;
/**
 * How many firings a whole run may make before it counts as a runaway: this many, plus
 * `RUN_PER_EVENT` for each timeline event. Catches a loop that creeps forward in time (a timer
 * re-armed a fraction of a millisecond ahead), which the per-instant budget cannot see. apsd's retry
 * loop behind a dropped NAT fires twice per attempt and backoff (~6,400 times in 30 days).
 */
export const RUN_BUDGET = 1_000_000;
/** See `RUN_BUDGET`. */
export const RUN_PER_EVENT = 100;

/**
 * A run that never ends: a bug in the engine, never the user's doing. Names the simulated time and
 * what fired last, so that the report points at the actor and the timer.
 */
export class RunawayError extends Error {
  constructor(
    /** The simulated time (ms) the run stood at. */
    readonly at: number,
    /** What fired last (`describe` of the timer, or the timeline event). */
    readonly what: string,
    /** Why it counts as a runaway. */
    readonly reason: string,
  ) {
    super(
      `engine bug: the simulation ran away at ${formatTime(at)} (t = ${at} ms: ${reason}); the last to fire was ${what}.`,
    );
    this.name = 'RunawayError';
  }
}

/** A timer still to fire, as a checkpoint keeps it. */
export interface PendingTimer<M> extends TimerKey {
  readonly meta: M | undefined;
}

/**
 * A next-event virtual clock for xstate.
 *
 * xstate's `SimulatedClock.increment(n)` fires chained timers late on big jumps (a 1 s → 1 s chain
 * stops in the middle state), so this clock fires timers one at a time, ordered by `TimerKey`, and
 * sets `now` to each timer's due time before firing it. The scenario's timeline is not in the heap:
 * it is a sorted list read with a cursor, so that a checkpoint copies only the few timers the actors
 * have pending. Everything it does is a function of what was scheduled: no wall clock.
 */
export class VirtualClock<M = unknown> implements SchedulerClock {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private tier: 0 | 2 = 0;
  private readonly heap: Timer<M>[] = [];
  private readonly live = new Map<number, Timer<M>>();
  private timeline: readonly { readonly at: number }[] = [];
  /** Plays the timeline's event at an index. */
  private fireAt: (index: number) => void = () => undefined;
  private cursor = 0;
  /** Firings so far (timers and timeline events), and at the current instant (`runUntil`'s budget). */
  private fired = 0;
  private instantAt = NaN;
  private instantTimers = 0;
  private instantBudget: number;
  private runBudget: number;
  /** Names a timer for a runaway's error message (the actor and the event it delivers). */
  describe: (meta: M | undefined) => string = () => 'a timer';
  /** Set just before a `setTimeout` call to describe the timer (see `Timer.meta`). */
  nextMeta: M | undefined;
  /** Set just before a `setTimeout` call to give the timer this exact place (restoring a checkpoint). */
  nextKey: TimerKey | undefined;

  /** `budget`: the bases of the firing budgets (`INSTANT_BUDGET`, `RUN_BUDGET`); tests use small ones. */
  constructor(
    start: SimTime,
    private readonly budget: { readonly instant: number; readonly run: number } = {
      instant: INSTANT_BUDGET,
      run: RUN_BUDGET,
    },
  ) {
    this.current = start;
    this.instantBudget = budget.instant;
    this.runBudget = budget.run;
  }

  /** The current simulated time. */
  now(): SimTime {
    return this.current as SimTime;
  }

  setTimeout(fn: () => void, timeout: number): number {
    const key = this.nextKey ?? { due: this.current + Math.max(0, timeout), tier: this.tier, seq: this.seq++ };
    const timer: Timer<M> = {
      id: this.nextId++,
      due: key.due,
      tier: key.tier,
      seq: key.seq,
      fn,
      meta: this.nextMeta,
      cancelled: false,
    };
    this.nextKey = undefined;
    this.nextMeta = undefined;
    this.live.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  clearTimeout(id: unknown): void {
    const timer = this.live.get(id as number);
    if (timer) {
      timer.cancelled = true;
      this.live.delete(timer.id);
    }
  }

  /**
   * The scenario's timeline, sorted by time (stable: same-time events keep their order), read from
   * `cursor` on; `fire` plays each event at its time (one function, not a closure per event: a drag
   * frame sets the timeline again). Timers set from now on come after it in the firing order at
   * equal times.
   */
  setTimeline<E extends { readonly at: number }>(events: readonly E[], fire: (event: E) => void, cursor = 0): void {
    this.timeline = events;
    this.fireAt = (index) => fire(events[index]!);
    this.cursor = cursor;
    this.tier = 2;
    this.instantBudget = this.budget.instant + INSTANT_PER_EVENT * events.length;
    this.runBudget = this.budget.run + RUN_PER_EVENT * events.length;
  }

  /** How many timers and timeline events have fired on this clock. */
  firings(): number {
    return this.fired;
  }

  /** How many timeline events have fired. */
  timelineCursor(): number {
    return this.cursor;
  }

  /** The scheduling counter, to restore with `restore`. */
  counter(): number {
    return this.seq;
  }

  /** Where this clock stands: its time and counter (a checkpoint keeps them). */
  restore(now: number, counter: number): void {
    this.current = now;
    this.seq = counter;
  }

  /** Timers not yet fired nor cancelled, in firing order. */
  pending(): PendingTimer<M>[] {
    const out: PendingTimer<M>[] = [];
    for (const t of this.live.values()) out.push({ due: t.due, tier: t.tier, seq: t.seq, meta: t.meta });
    return out.sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** The place in the firing order of the next timer or timeline event, if any. */
  peek(): TimerKey | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    const event = this.timeline[this.cursor];
    const eventKey = event ? { due: event.at, tier: 1 as const, seq: this.cursor } : undefined;
    if (!top) return eventKey;
    return eventKey && before(eventKey, top) ? eventKey : top;
  }

  /**
   * Fires every timer and timeline event due at or before `end`, in order, then moves `now` to
   * `end`. Timers scheduled while running are fired too when they fall inside the range.
   * `beforeEach`, if given, is called before each firing with what is about to fire (checkpoints);
   * when it returns true, the run stops there, before that firing, and `now` stays where it was.
   */
  runUntil(end: SimTime, beforeEach?: (next: TimerKey) => boolean): void {
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      const event = this.timeline[this.cursor];
      // A timeline event (tier 1) goes before a timer due at the same time unless it was set at start.
      const eventFirst =
        event !== undefined && (!top || event.at < top.due || (event.at === top.due && top.tier === 2));
      const due = eventFirst ? event.at : top?.due;
      if (due === undefined || due > end) break;
      if (beforeEach?.(eventFirst ? { due, tier: 1, seq: this.cursor } : top!)) return;
      this.current = due;
      this.count(due, eventFirst ? undefined : top!);
      if (eventFirst) {
        this.fireAt(this.cursor++);
      } else {
        this.pop();
        this.live.delete(top!.id);
        top!.fn();
      }
    }
    if (end > this.current) this.current = end;
  }

  /** Counts a firing against the budgets (`INSTANT_BUDGET`, `RUN_BUDGET`); throws `RunawayError` past them. */
  private count(due: number, timer: Timer<M> | undefined): void {
    if (due !== this.instantAt) {
      this.instantAt = due;
      this.instantTimers = 0;
    }
    this.fired++;
    if (timer && ++this.instantTimers > this.instantBudget) {
      throw new RunawayError(
        due,
        this.describe(timer.meta),
        `${this.instantTimers} timers fired at this instant without the clock moving on`,
      );
    }
    if (this.fired > this.runBudget) {
      throw new RunawayError(
        due,
        timer ? this.describe(timer.meta) : `timeline event ${this.cursor + 1}`,
        `${this.fired} firings, more than any scenario of this size needs`,
      );
    }
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(timer: Timer<M>): void {
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

function before(a: TimerKey, b: TimerKey): boolean {
  return a.due < b.due || (a.due === b.due && (a.tier < b.tier || (a.tier === b.tier && a.seq < b.seq)));
}
