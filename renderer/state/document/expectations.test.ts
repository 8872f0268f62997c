import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadScenario, simulate, type ScenarioFile } from '../../../machines';
import { editorMachine } from './editorMachine';
import { addExpectation, removeExpectation } from './edits';

const base: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Expectations',
  duration: '30s',
  timeline: [{ at: '1s', do: 'push', id: 'call-1', kind: 'voip' }],
  expect: [{ push: 'call-1', fate: 'stale' }, { strikes: 2 }],
};

describe('expectations as document edits', () => {
  it('adds an expectation at the end, or in place of one about the same subject', () => {
    const more = addExpectation(base, { throttled: false });
    expect(more.expect).toEqual([{ push: 'call-1', fate: 'stale' }, { strikes: 2 }, { throttled: false }]);
    const replaced = addExpectation(more, { push: 'call-1', fate: 'rang' });
    expect(replaced.expect).toEqual([{ push: 'call-1', fate: 'rang' }, { strikes: 2 }, { throttled: false }]);
    expect(addExpectation(replaced, { strikes: 0 }).expect?.[1]).toEqual({ strikes: 0 });
    // A call's audio is another subject than its fate.
    expect(addExpectation(base, { audio: 'two-way', call: 'call-1' }).expect).toHaveLength(3);
  });

  it('removes the entry that says it, and leaves the file alone when none does', () => {
    expect(removeExpectation(base, { push: 'call-1', fate: 'stale' }).expect).toEqual([{ strikes: 2 }]);
    expect(removeExpectation(base, { strikes: 2 }).expect).toEqual([{ push: 'call-1', fate: 'stale' }]);
    // Another value for the same subject is not this expectation.
    expect(removeExpectation(base, { push: 'call-1', fate: 'rang' })).toBe(base);
    expect(removeExpectation(base, { strikes: 3 })).toBe(base);
  });

  it('each add and each remove is one undo step of the editor', () => {
    const actor = createActor(editorMachine, { input: { file: base } });
    actor.start();
    const expects = () => actor.getSnapshot().context.file.expect;
    actor.send({ type: 'expect.add', expect: { push: 'call-1', fate: 'rang' } });
    actor.send({ type: 'expect.remove', expect: { strikes: 2 } });
    expect(expects()).toEqual([{ push: 'call-1', fate: 'rang' }]);
    actor.send({ type: 'history.undo' });
    expect(expects()).toEqual([{ push: 'call-1', fate: 'rang' }, { strikes: 2 }]);
    actor.send({ type: 'history.undo' });
    expect(expects()).toEqual(base.expect);
    expect(actor.getSnapshot().context.past).toHaveLength(0);
    actor.send({ type: 'history.redo' });
    expect(expects()).toEqual([{ push: 'call-1', fate: 'rang' }, { strikes: 2 }]);
  });

  it('an expectation added from what happened passes in the simulation that ringside check runs', () => {
    const loaded = loadScenario(base);
    if (!loaded.ok) throw new Error('invalid');
    const fate = simulate(loaded.scenario).result.pushes[0]!.fate;
    const file = addExpectation(base, { push: 'call-1', fate });
    const again = loadScenario(file);
    if (!again.ok) throw new Error('invalid');
    expect(simulate(again.scenario).result.expectations[0]).toMatchObject({ ok: true, actual: fate });
  });
});
