/**
 * A take-over shares the previous run's push records (#25): the pushes neither run wrote to since the
 * checkpoint resumed from keep that run's final records, the very same objects, and only the calls on
 * the others are made again. Each test runs the Simulator's protocol on a journal by hand (a run,
 * a rollback to a checkpoint, a re-run window, a take-over at a later checkpoint) and holds the result
 * to a journal that made the same calls straight through.
 */
import { describe, expect, it } from 'vitest';
import type { JournalMark } from './journal';
import { setup, snapshot } from '../test/journalKit';

type Kit = ReturnType<typeof setup>;

/** The pushes both runs have before the checkpoint resumed from. */
function start({ clock, journal, add }: Kit): void {
  for (const id of ['x', 'y', 'z', 'u']) add(id);
  clock.now = 1;
  journal.step('z', 'APNS-1', 'accepted');
}

/** The previous run between the checkpoint resumed from and the one caught up with: `y` only here. */
function previousWindow({ clock, journal }: Kit): void {
  clock.now = 2;
  journal.step('x', 'APNS-1', 'accepted');
  journal.step('y', 'APNS-4', 'replaced by x');
}

/** The re-run between the same two checkpoints: `x` again, not `y`, and `u` only here. */
function newWindow({ clock, journal }: Kit): void {
  clock.now = 3;
  journal.step('x', 'APNS-2', 'held');
  journal.step('u', 'PATH-4', 'crossed');
}

/** What both runs do after the checkpoint caught up with, with a checkpoint (`mid`) in the middle. */
function tail({ clock, journal, add }: Kit, mid: () => void): void {
  clock.now = 10;
  journal.delivered('y');
  journal.step('z', 'PK-1', 'handed over');
  add('w');
  journal.step('w', 'APNS-1', 'accepted');
  mid();
  clock.now = 20;
  journal.step('y', 'PK-1', 'handed over');
  journal.fate('y', 'rang');
  journal.fate('w', 'delivered');
  journal.call('z', 'uuid-z');
  journal.audio('u', 'two-way');
}

/** A journal that made the re-run's calls straight through, with its snapshot at each mark of the tail. */
function straight(): { kit: Kit; states: string[]; marks: JournalMark[] } {
  const kit = setup();
  start(kit);
  kit.journal.checkpoint();
  newWindow(kit);
  const marks = [kit.journal.checkpoint()];
  const states = [snapshot(kit.journal)];
  tail(kit, () => {
    marks.push(kit.journal.checkpoint());
    states.push(snapshot(kit.journal));
  });
  states.push(snapshot(kit.journal));
  return { kit, states, marks };
}

/** The previous run, rolled back to its checkpoint `resumed`, re-run and taken over at `old`. */
function takenOver() {
  const kit = setup();
  const { journal } = kit;
  start(kit);
  const resumed = journal.checkpoint();
  // Records as they stood there: the previous run's undo log holds them.
  const held = new Map(['x', 'y', 'z', 'u'].map((id) => [id, journal.push(id)]));
  previousWindow(kit);
  const old = journal.checkpoint();
  let mid = old;
  tail(kit, () => (mid = journal.checkpoint()));
  const end = journal.checkpoint();
  const log = journal.calls();
  const finals = new Map(['x', 'y', 'z', 'u', 'w'].map((id) => [id, journal.push(id)]));
  const printed = new Map([...held, ...[...finals].map(([id, r]) => [`${id}'`, r] as const)]);
  const before = new Map([...printed].map(([id, r]) => [id, JSON.stringify(r)]));
  const rolledBack = journal.rollback(resumed);
  newWindow(kit);
  const marks: JournalMark[] = [];
  journal.replay(log, old.redo, [old.redo, mid.redo, end.redo], (k, m) => (marks[k] = m), {
    ...rolledBack,
    from: old.records,
    marks: [old.records, mid.records, end.records],
  });
  return { kit, finals, printed, before, marks };
}

describe('Journal: a take-over shares the records neither run changed', () => {
  it('gives what the calls made straight through give', () => {
    const { kit } = takenOver();
    expect(snapshot(kit.journal)).toBe(snapshot(straight().kit.journal));
  });

  it('keeps the previous run final records of the pushes neither run wrote to in the window, the same objects', () => {
    const { kit, finals } = takenOver();
    for (const id of ['z', 'w']) expect(kit.journal.push(id), id).toBe(finals.get(id));
  });

  it('makes again the calls on a push either run wrote to in the window, each as the re-run left it', () => {
    const { kit, finals } = takenOver();
    const y = kit.journal.push('y');
    expect(y).not.toBe(finals.get('y'));
    expect(y.steps.map((s) => s.rule)).toEqual(['PK-1']);
    expect(y.fate).toBe('rang');
    expect(kit.journal.push('x').steps.map((s) => s.why)).toEqual(['held']);
    // And a push only the re-run wrote to in the window keeps that write.
    expect(kit.journal.push('u').steps.map((s) => s.why)).toEqual(['crossed']);
    expect(kit.journal.push('u').audio).toBe('two-way');
  });

  it('never changes a record the previous run held (at the checkpoint resumed from, or at its end)', () => {
    const { kit, finals, printed, before } = takenOver();
    // And a next frame: back to the start, writing to every push again.
    kit.journal.rollback({ undo: 0, redo: 0, records: 0 });
    for (const id of finals.keys()) kit.add(id);
    for (const id of finals.keys()) kit.journal.step(id, 'KILL-1', 'killed');
    for (const [id, record] of printed) expect(JSON.stringify(record), id).toBe(before.get(id));
  });

  it('rolls back to each checkpoint it took over as the straight journal does to the same one', () => {
    const { kit, marks } = takenOver();
    const reference = straight();
    for (let k = marks.length - 1; k >= 0; k--) {
      const mark = marks[k]!;
      kit.journal.rollback(mark);
      expect(snapshot(kit.journal), `checkpoint ${k}`).toBe(reference.states[k]);
    }
  });
});
