/**
 * The journal's undo and redo logs call by call: a replay of every kind of call gives the journal the
 * run had, and a rollback undoes each kind to the value before it, not to empty (found by mutation
 * testing, issue #20). What the actors read back from the log is in journalFacts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { entries } from './callLog';
import { Journal } from './journal';
import { Time } from './time';
import { fullRun, setup, snapshot } from '../test/journalKit';

describe('Journal: replay', () => {
  it('replaying a run that made every kind of call gives the same journal, at the same times', () => {
    const { clock, journal, add } = setup();
    fullRun(journal, clock, add);
    const expected = snapshot(journal);
    const other = new Journal(() => Time.ms(9_999));
    other.replay(journal.calls(), 0, [], () => undefined);
    expect(snapshot(other)).toBe(expected);
    expect(entries(other.calls())).toEqual(entries(journal.calls()));
    // Once the replay is over, the journal reads its own clock again.
    expect(other.time()).toBe(9_999);
    expect(other.isOpen('app')).toBe(true);
    expect(other.isOpen('apsd')).toBe(false);
  });

  it('tells each position as the replay reaches it, the start and the end included, with its mark', () => {
    const { clock, journal, add } = setup();
    fullRun(journal, clock, add);
    const log = journal.calls();
    const marks: [number, number][] = [];
    const other = new Journal(() => Time.ms(0));
    // Position 3 is where the first step starts (an AddPush is its kind, its time and the record).
    other.replay(log, 0, [0, 3, log.length], (i, mark) => marks.push([i, mark.redo]));
    expect(marks).toEqual([
      [0, 0],
      [1, 3],
      [2, log.length],
    ]);
  });

  it('replays from a mark only what came after it', () => {
    const { clock, journal, add } = setup();
    add('p1');
    journal.step('p1', 'APNS-1', 'accepted');
    const mark = journal.checkpoint();
    clock.now = 7;
    journal.step('p1', 'PK-1', 'handed over');
    const log = journal.calls();
    journal.rollback(mark);
    const seen: number[] = [];
    journal.replay(log, mark.redo, [mark.redo], (_, m) => seen.push(m.redo));
    expect(seen).toEqual([mark.redo]);
    expect(journal.push('p1').steps.map((s) => [s.rule, s.at])).toEqual([
      ['APNS-1', 0],
      ['PK-1', 7],
    ]);
  });
});

describe('Journal: rollback restores what was there before', () => {
  it('every kind of change, one checkpoint at a time, back to the start', () => {
    const { clock, journal, add } = setup();
    const states: string[] = [];
    const marks: ReturnType<Journal['checkpoint']>[] = [];
    const at = () => {
      states.push(snapshot(journal));
      marks.push(journal.checkpoint());
    };
    at();
    add('p1');
    at();
    journal.delivered('p1');
    at();
    clock.now = 5;
    journal.delivered('p1');
    at();
    journal.call('p1', 'a');
    journal.call('p1', 'b');
    at();
    journal.audio('p1', 'one-way');
    at();
    journal.step('p1', 'DBG-1', 'spared');
    expect(journal.push('p1').spared).toBe(true);
    at();
    journal.step('p1', 'DBG-1', 'spared again');
    at();
    journal.cancelled('p1');
    at();
    clock.now = 9;
    journal.cancelled('p1');
    at();
    journal.openInterval('k', 'app', 'one', 'One');
    at();
    journal.openInterval('k', 'app', 'two', 'Two');
    at();
    journal.closeInterval('k');
    at();
    journal.openInterval('x', 'app', 'x', 'X');
    journal.openInterval('y', 'app', 'y', 'Y');
    at();
    journal.closeAll(Time.ms(20));
    at();
    add('p1');
    at();
    for (let k = marks.length - 1; k >= 0; k--) {
      journal.rollback(marks[k]!);
      expect(snapshot(journal), `checkpoint ${k}`).toBe(states[k]);
    }
    expect(journal.records().size).toBe(0);
    expect(journal.isOpen('k')).toBe(false);
  });

  it('an id added again is the old record again after a rollback, and the new one is not', () => {
    const { clock, journal, add } = setup();
    add('p1');
    journal.fate('p1', 'rang');
    const mark = journal.checkpoint();
    clock.now = 3;
    add('p1');
    expect(journal.push('p1').fate).toBeUndefined();
    expect(journal.order).toEqual(['p1', 'p1']);
    journal.rollback(mark);
    expect(journal.push('p1').fate).toBe('rang');
    expect(journal.push('p1').sentAt).toBe(0);
    expect(journal.order).toEqual(['p1']);
  });

  it('intervals closed by a rollback-ed closeAll are open again, and close where they would have', () => {
    const { clock, journal } = setup();
    journal.openInterval('a', 'app', 'a', 'A');
    clock.now = 4;
    journal.openInterval('b', 'app', 'b', 'B');
    const mark = journal.checkpoint();
    journal.closeAll(Time.ms(10));
    journal.rollback(mark);
    expect(journal.intervals).toEqual([]);
    expect(journal.isOpen('a') && journal.isOpen('b')).toBe(true);
    clock.now = 6;
    journal.closeInterval('b');
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to, i.open])).toEqual([['b', 4, 6, false]]);
  });

  it('a rollback leaves the redo log handed out before it as it was', () => {
    const { journal, add } = setup();
    add('p1');
    const mark = journal.checkpoint();
    journal.delivered('p1');
    const handed = journal.calls();
    const length = handed.length;
    journal.rollback(mark);
    journal.fate('p1', 'rang');
    expect(handed).toHaveLength(length);
    expect(journal.calls()).not.toBe(handed);
    expect(journal.calls()).toHaveLength(journal.checkpoint().redo);
  });
});

describe('Journal: backdated writes (asOf)', () => {
  it('writes at the time given, then reads the clock again, even when the write throws', () => {
    const { clock, journal, add } = setup();
    add('p1');
    clock.now = 100;
    journal.asOf(Time.ms(40), () => {
      journal.step('p1', 'DEV-1', 'an attempt');
      journal.asOf(Time.ms(45), () => journal.log('network', 'inner'));
      journal.log('network', 'outer');
    });
    expect(journal.push('p1').steps[0]!.at).toBe(40);
    expect(journal.events.map((e) => [e.what, e.at])).toEqual([
      ['inner', 45],
      ['outer', 40],
    ]);
    expect(journal.time()).toBe(100);
    expect(() =>
      journal.asOf(Time.ms(1), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(journal.time()).toBe(100);
  });
});

describe('Journal: records and intervals in detail', () => {
  it('a new push starts with no delivery, fate, call or audio, and keeps what it was sent with', () => {
    const { journal, add } = setup();
    const r = add('p1', { cancels: 'p0' });
    expect(r).toEqual({
      id: 'p1',
      kind: 'voip',
      sentAt: 0,
      topic: 'app.p1',
      expiration: 1,
      cancels: 'p0',
      deliveredAt: undefined,
      fate: undefined,
      steps: [],
      audio: undefined,
      call: undefined,
    });
    expect(journal.push('p1')).toBe(r);
  });

  it('a step names its assumption only when one decided it', () => {
    const { journal, add } = setup();
    add('p1');
    journal.step('p1', 'KILL-1', 'sourced');
    journal.step('p1', 'KILL-1', 'assumed', 'ended-process-strike');
    expect(journal.push('p1').steps).toStrictEqual([
      { rule: 'KILL-1', at: 0, why: 'sourced' },
      { rule: 'KILL-1', at: 0, why: 'assumed', assumption: 'ended-process-strike' },
    ]);
  });

  it('log and mark without extras carry only what they were given', () => {
    const { journal } = setup();
    journal.log('network', 'bare');
    journal.mark('network', 'k', 'bare');
    expect(journal.events).toStrictEqual([{ at: 0, lane: 'network', what: 'bare' }]);
    expect(journal.markers).toStrictEqual([{ lane: 'network', kind: 'k', at: 0, label: 'bare' }]);
  });

  it('the same kind with another label is a new span; the extras of an interval are kept', () => {
    const { clock, journal } = setup();
    journal.openInterval('call', 'callkit', 'call.ringing', 'Ringing p1', { push: 'p1', due: 60 });
    clock.now = 5;
    journal.openInterval('call', 'callkit', 'call.ringing', 'Ringing p2', { push: 'p2' });
    clock.now = 9;
    journal.closeInterval('call');
    expect(journal.intervals).toStrictEqual([
      {
        lane: 'callkit',
        kind: 'call.ringing',
        label: 'Ringing p1',
        from: 0,
        push: 'p1',
        due: 60,
        to: 5,
        open: false,
      },
      { lane: 'callkit', kind: 'call.ringing', label: 'Ringing p2', from: 5, push: 'p2', to: 9, open: false },
    ]);
  });

  it('another kind under the same label is a new span', () => {
    const { clock, journal } = setup();
    journal.openInterval('k', 'app', 'app.background', 'App');
    clock.now = 5;
    journal.openInterval('k', 'app', 'app.foreground', 'App');
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to])).toEqual([['app.background', 0, 5]]);
  });

  it('closeAll keeps the opening order also for an interval a rollback re-opened', () => {
    const { clock, journal } = setup();
    journal.openInterval('a', 'app', 'a', 'A');
    clock.now = 2;
    journal.openInterval('b', 'app', 'b', 'B');
    const mark = journal.checkpoint();
    journal.closeInterval('a');
    journal.rollback(mark);
    journal.closeAll(Time.ms(10));
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to, i.open])).toEqual([
      ['a', 0, 10, true],
      ['b', 2, 10, true],
    ]);
  });

  it('closeAll ends each interval at the end given, in the order they were opened, marked open', () => {
    const { clock, journal } = setup();
    journal.openInterval('z', 'app', 'z', 'Z');
    clock.now = 3;
    journal.openInterval('a', 'app', 'a', 'A');
    journal.openInterval('m', 'app', 'm', 'M');
    journal.openInterval('z', 'app', 'z2', 'Z2');
    journal.closeAll(Time.ms(30));
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to, i.open])).toEqual([
      ['z', 0, 3, false],
      ['a', 3, 30, true],
      ['m', 3, 30, true],
      ['z2', 3, 30, true],
    ]);
    expect(journal.isOpen('a')).toBe(false);
  });
});
