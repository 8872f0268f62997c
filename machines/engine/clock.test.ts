/**
 * The virtual clock on its own: the firing order every result depends on (due time, then tier:
 * start-up timers, the timeline, timers set while running; then scheduling order), and the firing
 * budget that turns a runaway into an error instead of a frozen UI.
 */
import { describe, expect, it } from 'vitest';
import { INSTANT_BUDGET, INSTANT_PER_EVENT, RUN_PER_EVENT, RunawayError } from './clock';
import { setup } from '../test/clockKit';
import { Time } from './time';

describe('VirtualClock: the firing order', () => {
  it('fires by due time, whatever the order they were set in, and sets now to each', () => {
    const { clock, log, timer } = setup();
    timer('c', 30);
    timer('a', 10);
    timer('b', 20);
    clock.runUntil(Time.ms(100));
    expect(log).toEqual(['a@10', 'b@20', 'c@30']);
    expect(clock.now()).toBe(100);
  });

  it('at one time: start-up timers, then the timeline in its order, then timers set while running', () => {
    const { clock, log, timer, timeline } = setup();
    timer('startup', 10);
    // The timeline's first event sets a timer due at 10, when the second event and the start-up timer fire too.
    timeline(
      [
        { at: 5, name: 'e0' },
        { at: 10, name: 'e1' },
        { at: 10, name: 'e2' },
      ],
      (e) => {
        if (e.name === 'e0') timer('running', 5);
      },
    );
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['e0@5', 'startup@10', 'e1@10', 'e2@10', 'running@10']);
  });

  it('a timer set while running goes after a timeline event due at the same time, even one set later', () => {
    const { clock, log, timer, timeline } = setup();
    timeline([{ at: 7, name: 'event' }]);
    timer('running', 7);
    clock.runUntil(Time.ms(7));
    expect(log).toEqual(['event@7', 'running@7']);
  });

  it('a start-up timer goes before a timeline event due at the same time', () => {
    const { clock, log, timer, timeline } = setup();
    timer('startup', 7);
    timeline([{ at: 7, name: 'event' }]);
    clock.runUntil(Time.ms(7));
    expect(log).toEqual(['startup@7', 'event@7']);
  });

  it('the tier decides before the scheduling order (a restored checkpoint keeps each timer its place)', () => {
    const { clock, log, timer } = setup();
    clock.nextKey = { due: 10, tier: 2, seq: 0 };
    timer('running, seq 0', 10);
    clock.nextKey = { due: 10, tier: 0, seq: 5 };
    timer('startup, seq 5', 10);
    expect(clock.pending().map((t) => t.meta)).toEqual(['startup, seq 5', 'running, seq 0']);
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['startup, seq 5@10', 'running, seq 0@10']);
  });

  it('same time and tier: in the order they were set', () => {
    const { clock, log, timer } = setup();
    for (const name of ['a', 'b', 'c', 'd', 'e']) timer(name, 10);
    clock.runUntil(Time.ms(10));
    expect(log).toEqual(['a@10', 'b@10', 'c@10', 'd@10', 'e@10']);
  });

  it('peek names what fires next: a start-up timer, then the timeline event, then a running timer', () => {
    const { clock, timer, timeline } = setup();
    clock.nextKey = { due: 10, tier: 0, seq: 3 };
    timer('startup', 10);
    timeline([{ at: 10, name: 'event' }]);
    timer('running', 10);
    expect(clock.peek()).toMatchObject({ due: 10, tier: 0, seq: 3 });
    clock.runUntil(Time.ms(10), (next) => next.tier === 1);
    expect(clock.peek()).toEqual({ due: 10, tier: 1, seq: 0 });
    clock.runUntil(Time.ms(10), (next) => next.tier === 2);
    expect(clock.peek()).toMatchObject({ due: 10, tier: 2, seq: 0 });
  });

  it('stops before `end`: later timers wait, a cancelled one never fires, and beforeEach can stop it', () => {
    const { clock, log, timer, timeline } = setup();
    timeline([{ at: 40, name: 'late' }]);
    timer('a', 10);
    const cancelled = timer('cancelled', 15);
    timer('b', 20);
    clock.clearTimeout(cancelled);
    clock.runUntil(Time.ms(30), (next) => next.due === 20);
    expect(log).toEqual(['a@10']);
    expect(clock.now()).toBe(10);
    clock.runUntil(Time.ms(30));
    expect(log).toEqual(['a@10', 'b@20']);
    expect(clock.now()).toBe(30);
    expect(clock.firings()).toBe(2);
  });
});

describe('VirtualClock: the firing budget', () => {
  it('a timer that re-arms itself with no delay stops with an engine-bug error naming the time and the timer', () => {
    const { clock, timer } = setup();
    const rearm = () => timer('throttle.lift', 0, rearm);
    timer('throttle.lift', 1_500, rearm);
    clock.describe = (meta) => `callServices's ${meta}`;
    let error: unknown;
    try {
      clock.runUntil(Time.ms(10_000));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunawayError);
    const runaway = error as RunawayError;
    expect(runaway.at).toBe(1_500);
    expect(runaway.what).toBe("callServices's throttle.lift");
    expect(runaway.message).toMatch(/^engine bug: .*1\.5 s \(t = 1500 ms: .*callServices's throttle\.lift/);
    // It stopped at the budget, not later.
    expect(clock.firings()).toBe(INSTANT_BUDGET + 1);
  });

  it('a loop that creeps forward in time stops at the run budget, which grows with the timeline', () => {
    const { clock, timer, timeline } = setup({ instant: INSTANT_BUDGET, run: 5_000 });
    timeline([{ at: 0, name: 'e0' }]);
    const creep = () => timer('creep', 1e-9, creep);
    timer('creep', 1_000, creep);
    expect(() => clock.runUntil(Time.ms(2_000))).toThrow(/^engine bug: .*firings, more than any scenario/);
    expect(clock.firings()).toBe(5_000 + RUN_PER_EVENT * 1 + 1);
    expect(clock.now()).toBeLessThan(1_001);
  });

  it('many timers due at one instant, as many events set them, are no runaway', () => {
    const { clock, log, timer, timeline } = setup();
    const n = 2_000;
    const events = Array.from({ length: n }, (_, i) => ({ at: 0, name: `p${i}` }));
    // Each event sets its report check for 7 s later: 2,000 timers at one instant, none of them a timeline event.
    timeline(events, () => timer('check', 7_000));
    expect(INSTANT_BUDGET).toBeLessThan(n);
    expect(INSTANT_BUDGET + INSTANT_PER_EVENT * n).toBeGreaterThan(n);
    clock.runUntil(Time.ms(10_000));
    expect(log.filter((l) => l === 'check@7000')).toHaveLength(n);
  });
});
