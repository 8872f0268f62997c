/**
 * The virtual clock's details that every result leans on without a preset showing them: its heap
 * keeps the firing order for many timers, cancelled and late-set ones included; a negative delay never
 * sends time back; a checkpoint's key and meta are used once; the budgets count exactly (found by
 * mutation testing, issue #20).
 */
import { describe, expect, it } from 'vitest';
import { RunawayError, VirtualClock, type TimerKey } from './clock';
import { setup } from '../test/clockKit';
import { Time } from './time';

/** A small deterministic generator (no Math.random in the core's tests either). */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

describe('VirtualClock: the heap keeps the firing order', () => {
  it('300 timers set in a scrambled order, a third cancelled, fire by due time then by setting order', () => {
    const { clock, log, timer } = setup();
    const next = lcg(7);
    const expected: { name: string; due: number; seq: number }[] = [];
    const ids: number[] = [];
    for (let seq = 0; seq < 300; seq++) {
      const due = next(40);
      ids.push(timer(`t${seq}`, due));
      expected.push({ name: `t${seq}`, due, seq });
    }
    const cancelled = new Set<string>();
    for (let seq = 0; seq < 300; seq += 3) {
      clock.clearTimeout(ids[seq]);
      cancelled.add(`t${seq}`);
    }
    const order = expected
      .filter((t) => !cancelled.has(t.name))
      .sort((a, b) => a.due - b.due || a.seq - b.seq)
      .map((t) => `${t.name}@${t.due}`);
    expect(clock.pending().map((t) => `${t.meta}@${t.due}`)).toEqual(order);
    clock.runUntil(Time.ms(100));
    expect(log).toEqual(order);
  });

  it('timers set while firing land in their place among those already waiting', () => {
    const { clock, log, timer } = setup();
    const next = lcg(11);
    const fired: { name: string; due: number; seq: number }[] = [];
    let seq = 0;
    const spawn = (depth: number) => {
      const delay = next(20);
      const name = `t${seq}`;
      fired.push({ name, due: clock.now() + delay, seq: seq++ });
      timer(name, delay, () => {
        if (depth < 3) for (let k = 0; k < 2; k++) spawn(depth + 1);
      });
    };
    for (let k = 0; k < 10; k++) spawn(0);
    clock.runUntil(Time.ms(1_000));
    const order = [...fired].sort((a, b) => a.due - b.due || a.seq - b.seq).map((t) => `${t.name}@${t.due}`);
    expect(log).toHaveLength(10 * (1 + 2 + 4 + 8));
    expect(log).toEqual(order);
  });

  it('tiers order timers due at one time whatever their seq, and seq orders one tier', () => {
    const { clock, log, timer } = setup();
    const keys: TimerKey[] = [
      { due: 5, tier: 2, seq: 0 },
      { due: 5, tier: 0, seq: 9 },
      { due: 4, tier: 2, seq: 7 },
      { due: 5, tier: 2, seq: -1 },
      { due: 5, tier: 0, seq: 3 },
      { due: 6, tier: 0, seq: 0 },
    ];
    keys.forEach((key, i) => {
      clock.nextKey = key;
      timer(`k${i}`, 0);
    });
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['k2@4', 'k4@5', 'k1@5', 'k3@5', 'k0@5', 'k5@6']);
  });
});

describe('VirtualClock: setting and clearing timers', () => {
  it('a negative delay fires at the current time: time never goes back', () => {
    const { clock, log, timer } = setup();
    clock.runUntil(Time.ms(10));
    timer('late', -5);
    expect(clock.pending()[0]!.due).toBe(10);
    clock.runUntil(Time.ms(20));
    expect(log).toEqual(['late@10']);
  });

  it('a delay counts from the current time', () => {
    const { clock, log, timer } = setup();
    clock.runUntil(Time.ms(100));
    timer('t', 30);
    clock.runUntil(Time.ms(1_000));
    expect(log).toEqual(['t@130']);
  });

  it('nextKey and nextMeta describe one timer only; the next gets its own place and no meta', () => {
    const clock = new VirtualClock<string>(Time.ms(0));
    clock.nextKey = { due: 50, tier: 0, seq: 40 };
    clock.nextMeta = 'restored';
    clock.setTimeout(() => undefined, 1);
    clock.setTimeout(() => undefined, 1);
    expect(clock.pending()).toEqual([
      { due: 1, tier: 0, seq: 0, meta: undefined },
      { due: 50, tier: 0, seq: 40, meta: 'restored' },
    ]);
  });

  it('clearing an unknown, fired or already cleared timer changes nothing', () => {
    const { clock, log, timer } = setup();
    const fired = timer('fired', 1);
    clock.runUntil(Time.ms(1));
    const kept = timer('kept', 5);
    const gone = timer('gone', 5);
    clock.clearTimeout(gone);
    expect(() => {
      clock.clearTimeout(fired);
      clock.clearTimeout(gone);
      clock.clearTimeout(12_345);
      clock.clearTimeout(undefined);
    }).not.toThrow();
    expect(clock.pending().map((t) => t.meta)).toEqual(['kept']);
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['fired@1', 'kept@6']);
    expect(kept).not.toBe(gone);
  });

  it('restore sets the time and the scheduling counter a checkpoint kept', () => {
    const { clock, timer } = setup();
    timer('a', 1);
    timer('b', 1);
    expect(clock.counter()).toBe(2);
    clock.restore(500, 7);
    expect(clock.now()).toBe(500);
    timer('c', 10);
    expect(clock.counter()).toBe(8);
    expect(clock.pending().at(-1)).toEqual({ due: 510, tier: 0, seq: 7, meta: 'c' });
  });
});

describe('VirtualClock: the timeline', () => {
  it('read from a cursor: the events before it are not played again', () => {
    const { clock, log } = setup();
    const events = [
      { at: 1, name: 'a' },
      { at: 2, name: 'b' },
      { at: 3, name: 'c' },
    ];
    clock.setTimeline(events, (e) => log.push(`${e.name}@${clock.now()}`), 1);
    expect(clock.timelineCursor()).toBe(1);
    expect(clock.peek()).toEqual({ due: 2, tier: 1, seq: 1 });
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['b@2', 'c@3']);
    expect(clock.timelineCursor()).toBe(3);
    expect(clock.peek()).toBeUndefined();
  });

  it('an event earlier than a waiting timer goes first, a later one after', () => {
    const { clock, log, timer } = setup();
    timer('t', 5);
    clock.setTimeline(
      [
        { at: 3, name: 'early' },
        { at: 8, name: 'late' },
      ],
      (e) => log.push(`${e.name}@${clock.now()}`),
    );
    timer('running', 4);
    expect(clock.peek()).toEqual({ due: 3, tier: 1, seq: 0 });
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['early@3', 'running@4', 't@5', 'late@8']);
  });

  it('peek skips cancelled timers and names the event when only events are left', () => {
    const { clock, timer } = setup();
    const t = timer('t', 1);
    clock.setTimeline([{ at: 5 }], () => undefined);
    clock.clearTimeout(t);
    expect(clock.peek()).toEqual({ due: 5, tier: 1, seq: 0 });
    expect(setup().clock.peek()).toBeUndefined();
  });

  it('beforeEach is told the exact place of what fires next, event or timer', () => {
    const { clock, timer } = setup();
    timer('startup', 2);
    clock.setTimeline([{ at: 2 }, { at: 3 }], () => timer('running', 0));
    const seen: TimerKey[] = [];
    clock.runUntil(Time.ms(3), (next) => {
      seen.push({ due: next.due, tier: next.tier, seq: next.seq });
      return false;
    });
    expect(seen).toEqual([
      { due: 2, tier: 0, seq: 0 },
      { due: 2, tier: 1, seq: 0 },
      { due: 2, tier: 2, seq: 1 },
      { due: 3, tier: 1, seq: 1 },
      { due: 3, tier: 2, seq: 2 },
    ]);
  });
});

describe('VirtualClock: runUntil', () => {
  it('fires what is due exactly at `end`, and an earlier `end` never moves time back', () => {
    const { clock, log, timer } = setup();
    timer('edge', 10);
    timer('after', 11);
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['edge@10']);
    expect(clock.now()).toBe(10);
    clock.runUntil(Time.ms(4));
    expect(clock.now()).toBe(10);
    expect(log).toEqual(['edge@10']);
  });

  it('a stop asked by beforeEach leaves time where the last firing put it', () => {
    const { clock, log, timer } = setup();
    timer('a', 3);
    timer('b', 8);
    clock.runUntil(Time.ms(20), (next) => next.due === 8);
    expect(log).toEqual(['a@3']);
    expect(clock.now()).toBe(3);
    expect(clock.firings()).toBe(1);
  });
});

describe('VirtualClock: the budgets count exactly', () => {
  it('the per-instant budget allows exactly its size at one instant, and starts again when time moves', () => {
    const { clock, timer } = setup({ instant: 3, run: 1_000 });
    for (const at of [1, 2, 3]) for (let k = 0; k < 3; k++) timer(`t${at}`, at);
    clock.runUntil(Time.ms(3));
    expect(clock.firings()).toBe(9);
    for (let k = 0; k < 4; k++) timer('over', 2);
    let error: unknown;
    try {
      clock.runUntil(Time.ms(10));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunawayError);
    expect((error as RunawayError).name).toBe('RunawayError');
    expect((error as RunawayError).at).toBe(5);
    expect((error as RunawayError).reason).toBe('4 timers fired at this instant without the clock moving on');
    // No describe() given: the timer is named as such, never as nothing.
    expect((error as RunawayError).what).toBe('a timer');
  });

  it('timeline events do not count against the per-instant budget, only timers do', () => {
    const { clock, log, timer } = setup({ instant: 0, run: 1_000 });
    // One event: the per-instant budget is 0 + 20. The event and the 20 timers it sets fire at t = 1.
    clock.setTimeline([{ at: 1, name: 'e' }], (e) => {
      log.push(e.name);
      for (let k = 0; k < 20; k++) timer('t', 0);
    });
    expect(() => clock.runUntil(Time.ms(1))).not.toThrow();
    expect(log).toHaveLength(21);
  });

  it('the run budget allows exactly its size, then names the timeline event that went over', () => {
    const clock = new VirtualClock<string>(Time.ms(0), { instant: 100, run: 0 });
    const events = Array.from({ length: 101 }, (_, i) => ({ at: i }));
    clock.setTimeline(events, () => undefined);
    let error: unknown;
    try {
      clock.runUntil(Time.ms(1_000));
    } catch (e) {
      error = e;
    }
    // run budget: 0 + 100 per event × 101 events, far above 101 firings: no runaway.
    expect(error).toBeUndefined();
    expect(clock.firings()).toBe(101);

    const tight = new VirtualClock<string>(Time.ms(0), { instant: 100, run: -198 });
    tight.setTimeline(
      Array.from({ length: 2 }, (_, i) => ({ at: i })),
      () => undefined,
    );
    // run budget: -198 + 100 × 2 = 2: both events fire, and a timer set after them is the third.
    tight.nextMeta = 'one too many';
    tight.setTimeout(() => undefined, 5);
    tight.describe = (meta) => `the timer "${meta}"`;
    expect(() => tight.runUntil(Time.ms(10))).toThrow(
      'engine bug: the simulation ran away at 5 ms (t = 5 ms: 3 firings, more than any scenario of this size needs); the last to fire was the timer "one too many".',
    );

    const events3 = new VirtualClock<string>(Time.ms(0), { instant: 100, run: -298 });
    events3.setTimeline(
      Array.from({ length: 3 }, (_, i) => ({ at: i })),
      () => undefined,
    );
    expect(() => events3.runUntil(Time.ms(10))).toThrow(/3 firings, .*the last to fire was timeline event 3\.$/);
  });
});
