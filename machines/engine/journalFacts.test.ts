/**
 * What the actors can read back from the journal (`PushFacts`): `facts()` on the live journal and
 * `factsAt` on a stretch of its log agree, `watch()` notes facts as they stood before a resumed run
 * changed them, and the steps that are facts (DBG-1, EXEMPT-3) are noted once: what `caughtUp`
 * compares before a drag frame takes over the previous run (issue #25).
 */
import { describe, expect, it } from 'vitest';
import { entries } from './callLog';
import { FACT_STEPS, Journal } from './journal';
import { fullRun, setup } from '../test/journalKit';

describe('Journal: what the actors can read back', () => {
  it('facts() and factsAt() agree at every point of a run, from any start', () => {
    const { clock, journal, add } = setup();
    fullRun(journal, clock, add);
    const log = journal.calls();
    const full = Journal.factsAt(log, log.length);
    expect(full.facts.get('p1')).toEqual({
      kind: 'voip',
      sentAt: 0,
      topic: 'app.p1',
      expiration: 1,
      cancels: undefined,
      deliveredAt: 20,
      spared: true,
      inAppExplained: false,
    });
    expect(full.facts.get('p2')).toEqual({
      kind: 'alert',
      sentAt: 20,
      topic: 'app.p2',
      expiration: 21,
      cancels: 'p1',
      deliveredAt: 50,
      spared: false,
      inAppExplained: true,
    });
    expect(full.facts.get('p1')).toEqual(journal.facts('p1'));
    expect(full.facts.get('p2')).toEqual(journal.facts('p2'));
    expect([...full.cancelled]).toEqual([['p1', 50]]);
    expect(journal.facts('nope')).toBeUndefined();

    // Read in two stretches, carrying the maps: the same as one pass. The cut is where p2 was added.
    const half = entries(log).indexOf(journal.push('p2')) - 2;
    expect(half).toBeGreaterThan(0);
    const first = Journal.factsAt(log, half);
    expect([...first.facts.keys()]).toEqual(['p1']);
    expect(first.facts.get('p1')!.deliveredAt).toBeUndefined();
    expect(first.facts.get('p1')!.spared).toBe(false);
    const both = Journal.factsAt(log, log.length, half, first.facts, first.cancelled);
    expect(both.facts).toEqual(full.facts);
    expect(both.cancelled).toEqual(full.cancelled);
    // Read from the cut alone, it knows only p2: the delivery of p1 and its DBG-1, unknown to it, are skipped.
    const tail = Journal.factsAt(log, log.length, half);
    expect([...tail.facts.keys()]).toEqual(['p2']);
    expect(tail.facts.get('p2')!.deliveredAt).toBe(50);
    expect([...tail.cancelled]).toEqual([['p1', 50]]);
  });

  it('watch() notes facts and cancellations as they stood before the first change since, and only those', () => {
    // What `caughtUp` compares: a resumed run's changes since its checkpoint, not every push.
    const { clock, journal, add } = setup();
    add('p1');
    add('p2');
    journal.cancelled('p2');
    const atResume = { p1: journal.facts('p1'), p2cancel: journal.cancelledAt.get('p2') };
    journal.watch();
    clock.now = 5;
    journal.delivered('p1');
    clock.now = 6;
    journal.delivered('p1');
    journal.cancelled('p2');
    clock.now = 7;
    journal.cancelled('p2');
    journal.cancelled('p9');
    add('p3');
    const seen = journal.watching()!;
    expect([...seen.facts]).toEqual([
      ['p1', atResume.p1],
      ['p3', undefined],
    ]);
    expect(seen.facts.get('p1')!.deliveredAt).toBeUndefined();
    expect([...seen.cancelled]).toEqual([
      ['p2', atResume.p2cancel],
      ['p9', undefined],
    ]);
    journal.watch(false);
    journal.delivered('p2');
    expect(journal.watching()).toBeUndefined();
  });

  // DBG-1 words a later KILL-1 (reportCheck); EXEMPT-3 tells the in-app UI once (callKit): a resumed
  // run must compare each (caughtUp). A fact step added to FACT_STEPS is tested here with no new test.
  it.each(Object.entries(FACT_STEPS))(
    'a step is no fact, except %s (PushFacts.%s): watch() notes the push before it, once',
    (rule, flag) => {
      const { journal, add } = setup();
      add('p1');
      journal.watch();
      journal.step('p1', 'CALL-1', 'not a fact');
      expect(journal.watching()!.facts.size).toBe(0);
      const before = journal.facts('p1')!;
      journal.step('p1', rule, 'noted');
      journal.step('p1', rule, 'noted again');
      expect(before[flag]).toBe(false);
      expect([...journal.watching()!.facts]).toEqual([['p1', before]]);
      expect(journal.facts('p1')).toEqual({ ...before, [flag]: true });
      const log = journal.calls();
      expect(Journal.factsAt(log, log.length).facts.get('p1')).toEqual(journal.facts('p1'));
    },
  );

  it('factsAt() read from a point on takes the facts as they stood there from `atFrom`', () => {
    const { clock, journal, add } = setup();
    add('p1');
    const from = journal.checkpoint().redo;
    const there = journal.facts('p1')!;
    clock.now = 8;
    journal.delivered('p1');
    const log = journal.calls();
    // Without it, the delivery of a push sent before `from` is skipped; with it, it is read.
    expect(Journal.factsAt(log, log.length, from).facts.has('p1')).toBe(false);
    const read = Journal.factsAt(log, log.length, from, new Map(), new Map(), (id) =>
      id === 'p1' ? there : undefined,
    );
    expect(read.facts.get('p1')).toEqual({ ...there, deliveredAt: 8 });
  });

  it('before the first delivery there is no delivery time, and nothing past `to` is read', () => {
    const { clock, journal, add } = setup();
    add('p1');
    const before = journal.checkpoint().redo;
    clock.now = 8;
    journal.delivered('p1');
    journal.cancelled('p1');
    const log = journal.calls();
    expect(Journal.factsAt(log, before).facts.get('p1')!.deliveredAt).toBeUndefined();
    expect(Journal.factsAt(log, before).cancelled.size).toBe(0);
    expect(Journal.factsAt(log, log.length).facts.get('p1')!.deliveredAt).toBe(8);
  });
});
