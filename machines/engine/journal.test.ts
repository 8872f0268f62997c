/**
 * The journal on its own: a push's first fate is its fate (the first decisive rule wins), a
 * rollback undoes exactly what came after its checkpoint, a replay of another run's calls gives the
 * same journal, and lane intervals open, merge and close as the trace shows them.
 */
import { describe, expect, it } from 'vitest';
import { Journal } from './journal';
import { Time } from './time';
import { snapshot } from '../test/journalKit';

function setup() {
  const clock = { now: 0 };
  const journal = new Journal(() => Time.ms(clock.now));
  const add = (id: string) =>
    journal.addPush({ id, kind: 'voip', sentAt: clock.now, topic: 'app.voip', expiration: 0, cancels: undefined });
  return { clock, journal, add };
}

describe('Journal: fates', () => {
  it('the first fate wins: a later one is refused and the first stays', () => {
    const { journal, add } = setup();
    add('p1');
    expect(journal.hasFate('p1')).toBe(false);
    expect(journal.fate('p1', 'throttled')).toBe(true);
    expect(journal.fate('p1', 'rang')).toBe(false);
    expect(journal.push('p1').fate).toBe('throttled');
    expect(journal.hasFate('p1')).toBe(true);
  });

  it('a replay of a run where a second fate was refused keeps the first too', () => {
    const { journal, add } = setup();
    add('p1');
    journal.fate('p1', 'crashed');
    journal.fate('p1', 'rang');
    const other = new Journal(() => Time.ms(0));
    other.replay(journal.calls(), 0, [], () => undefined);
    expect(other.push('p1').fate).toBe('crashed');
  });

  it('a rollback to before the fate clears it, and the push can then get another', () => {
    const { journal, add } = setup();
    add('p1');
    const mark = journal.checkpoint();
    journal.fate('p1', 'crashed');
    journal.rollback(mark);
    expect(journal.hasFate('p1')).toBe(false);
    expect(journal.fate('p1', 'rang')).toBe(true);
    expect(journal.push('p1').fate).toBe('rang');
  });

  it('an unknown push is an engine bug, named', () => {
    const { journal } = setup();
    expect(() => journal.fate('nope', 'rang')).toThrow('engine bug: unknown push nope');
  });
});

describe('Journal: what each call records', () => {
  it('steps, delivery, call, audio, strikes, log events and markers, each at the time of the call', () => {
    const { clock, journal, add } = setup();
    add('p1');
    clock.now = 250;
    journal.step('p1', 'PK-1', 'handed to the app');
    journal.delivered('p1');
    journal.call('p1', 'uuid-1');
    journal.audio('p1', 'one-way');
    journal.strike({ at: 250, push: 'p1', cause: 'crashed' });
    journal.log('callservicesd', 'a strike', { rule: 'THROTTLE-1', push: 'p1' });
    journal.mark('app', 'crash', 'p1 crashed', { push: 'p1' });
    journal.cancelled('p1');
    const r = journal.push('p1');
    expect(r.steps).toEqual([{ rule: 'PK-1', at: 250, why: 'handed to the app' }]);
    expect([r.deliveredAt, r.call, r.audio]).toEqual([250, 'uuid-1', 'one-way']);
    expect(journal.order).toEqual(['p1']);
    expect(journal.strikes).toEqual([{ at: 250, push: 'p1', cause: 'crashed' }]);
    expect(journal.events).toEqual([
      { at: 250, lane: 'callservicesd', what: 'a strike', rule: 'THROTTLE-1', push: 'p1' },
    ]);
    expect(journal.markers).toEqual([{ lane: 'app', kind: 'crash', at: 250, label: 'p1 crashed', push: 'p1' }]);
    expect(journal.cancelledAt.get('p1')).toBe(250);
    expect(journal.time()).toBe(250);
  });

  it('closeAll keeps the opening order and never ends an interval before it began', () => {
    const { clock, journal } = setup();
    clock.now = 100;
    journal.openInterval('b', 'network', 'b', 'B');
    journal.openInterval('a', 'network', 'a', 'A');
    journal.closeAll(Time.ms(50));
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to])).toEqual([
      ['b', 100, 100],
      ['a', 100, 100],
    ]);
  });
});

describe('Journal: rollback and replay', () => {
  it('undoes every kind of change after the checkpoint and nothing before it', () => {
    const { clock, journal, add } = setup();
    add('p1');
    journal.step('p1', 'APNS-1', 'sent');
    journal.openInterval('net', 'network', 'network.wifi', 'Wi-Fi');
    const mark = journal.checkpoint();
    const before = snapshot(journal);
    clock.now = 500;
    add('p2');
    journal.step('p1', 'PK-1', 'later');
    journal.fate('p2', 'rang');
    journal.delivered('p1');
    journal.call('p1', 'uuid-1');
    journal.audio('p1', 'two-way');
    journal.cancelled('p1');
    journal.strike({ at: 500, push: 'p2', cause: 'killed' });
    journal.log('network', 'something');
    journal.mark('network', 'k', 'label');
    journal.openInterval('net', 'network', 'network.offline', 'Offline');
    journal.closeAll(Time.ms(900));
    expect(snapshot(journal)).not.toBe(before);
    journal.rollback(mark);
    expect(snapshot(journal)).toBe(before);
    expect(journal.isOpen('net')).toBe(true);
  });

  it('replaying a run from a mark gives the journal that run had, with its times', () => {
    const { clock, journal, add } = setup();
    add('p1');
    const mark = journal.checkpoint();
    clock.now = 100;
    journal.delivered('p1');
    journal.fate('p1', 'rang');
    journal.openInterval('ring', 'callkit', 'ringing', 'Ringing');
    clock.now = 400;
    journal.closeInterval('ring', 'CALL-1');
    journal.cancelled('p1');
    const log = journal.calls();
    const expected = snapshot(journal);
    const facts = Journal.factsAt(log, log.length);

    journal.rollback(mark);
    const marks: number[] = [];
    journal.replay(log, mark.redo, [mark.redo, log.length], (i, m) => marks.push(i, m.redo));
    expect(snapshot(journal)).toBe(expected);
    expect(marks).toEqual([0, mark.redo, 1, log.length]);
    expect(facts.facts.get('p1')).toEqual(journal.facts('p1'));
    expect(facts.cancelled.get('p1')).toBe(400);
  });
});

describe('Journal: lane intervals', () => {
  it('re-opening the same kind is one span; another kind closes it first; closeAll marks the rest open', () => {
    const { clock, journal } = setup();
    journal.openInterval('apsd', 'network', 'apsd.connected', 'apsd connected');
    clock.now = 10;
    journal.openInterval('apsd', 'network', 'apsd.connected', 'apsd connected');
    clock.now = 20;
    journal.openInterval('apsd', 'network', 'apsd.dead', 'dead');
    clock.now = 30;
    journal.openInterval('net', 'network', 'network.wifi', 'Wi-Fi');
    journal.closeAll(Time.ms(50));
    expect(journal.intervals.map((i) => [i.kind, i.from, i.to, i.open])).toEqual([
      ['apsd.connected', 0, 20, false],
      ['apsd.dead', 20, 50, true],
      ['network.wifi', 30, 50, true],
    ]);
  });

  it('closeInterval names the rule that cut it short; closing nothing open changes nothing', () => {
    const { clock, journal } = setup();
    journal.closeInterval('none');
    journal.openInterval('ring', 'callkit', 'ringing', 'Ringing');
    clock.now = 5;
    journal.closeInterval('ring', 'CALL-2');
    expect(journal.intervals).toEqual([
      { lane: 'callkit', kind: 'ringing', label: 'Ringing', from: 0, to: 5, open: false, endedBy: 'CALL-2' },
    ]);
    expect(journal.isOpen('ring')).toBe(false);
  });
});
