/**
 * The journal's redo log in pieces (callLog.ts): a log that rollbacks and a take-over cut and joined is
 * replayed, told and read exactly as a flat copy would be, and a replayed close reuses the interval
 * its call made only when that same interval is open (#25: a take-over shares the tail by reference).
 */
import { describe, expect, it } from 'vitest';
import { entries } from './callLog';
import { Journal } from './journal';
import { Time } from './time';
import { fullRun, setup, snapshot } from '../test/journalKit';

describe('Journal: replay across a log in pieces', () => {
  it('replays a log that two rollbacks and a take-over left in pieces, telling each position', () => {
    // A log in pieces: written, rolled back, written on, and with another run's stretch taken over.
    const { clock, journal, add } = setup();
    add('p1');
    const mark = journal.checkpoint();
    clock.now = 5;
    journal.step('p1', 'APNS-1', 'accepted');
    journal.rollback(mark);
    clock.now = 6;
    journal.step('p1', 'APNS-2', 'held');
    const donor = setup();
    fullRun(donor.journal, donor.clock, donor.add);
    const donorLog = donor.journal.calls();
    journal.replay(donorLog, 0, [], () => undefined);
    const log = journal.calls();
    expect(log.pieces.length).toBeGreaterThan(2);
    // Every position a call starts at, read from a flat copy: each is told with its mark.
    const flat = entries(log);
    const starts: number[] = [];
    for (let i = 0; i < flat.length;) {
      starts.push(i);
      const call = flat[i] as number;
      i += 2 + [1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 2, 4][call]!;
    }
    const other = new Journal(() => Time.ms(0));
    const told: number[] = [];
    other.replay(log, 0, [...starts, flat.length], (_, m) => told.push(m.redo));
    expect(told).toEqual([...starts, flat.length]);
    expect(snapshot(other)).toBe(snapshot(journal));
    expect(entries(other.calls())).toEqual(flat);
    // `factsAt` over any stretch reads what it reads from the flat copy.
    const whole = { pieces: [{ array: flat, from: 0, to: flat.length, at: 0 }], length: flat.length };
    const read = (l: typeof log, to: number, from: number) => {
      const { facts, cancelled } = Journal.factsAt(l, to, from);
      return JSON.stringify([[...facts], [...cancelled]]);
    };
    for (const from of starts)
      for (const to of [...starts, flat.length].filter((t) => t >= from))
        expect(read(log, to, from)).toBe(read(whole, to, from));
  });
});

describe('Journal: a replayed close', () => {
  it('takes the interval the call made when the same one is open, and makes its own when another is', () => {
    const { clock, journal } = setup();
    clock.now = 5;
    journal.openInterval('app', 'app', 'app.running', 'Running');
    const opened = journal.checkpoint();
    clock.now = 9;
    journal.closeInterval('app', 'LAUNCH-1');
    const made = journal.intervals[0]!;
    const log = journal.calls();
    journal.rollback(opened);
    journal.replay(log, opened.redo, [], () => undefined);
    expect(journal.intervals[0]).toBe(made);

    // Another interval open under the key: the close ends that one, at the call's time.
    const other = setup();
    other.clock.now = 7;
    other.journal.openInterval('app', 'app', 'app.background', 'Background');
    other.journal.replay(log, opened.redo, [], () => undefined);
    expect(other.journal.intervals[0]).not.toBe(made);
    expect(other.journal.intervals[0]).toEqual({
      lane: 'app',
      kind: 'app.background',
      label: 'Background',
      from: 7,
      to: 9,
      open: false,
      endedBy: 'LAUNCH-1',
    });
  });
});
