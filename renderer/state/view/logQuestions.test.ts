import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLog } from '../../../machines';
import { applyAnswers, questionsFor, sendTimeProblem } from './logQuestions';

const CORPUS = join(import.meta.dirname, '../../../machines/log/corpus');
const imported = (name: string) => importLog(readFileSync(join(CORPUS, `${name}.log`), 'utf8'));

describe('questionsFor', () => {
  it("always asks the app's report behaviour, each app field the import set, and each push's send time", () => {
    const { scenario, inferred } = imported('synthetic-kill-0xbaadca11');
    const qs = questionsFor(scenario, inferred);
    expect(qs.map((q) => [q.key, q.value])).toEqual([
      ['app.report', 'sync'],
      ['app.delegateAtLaunch', 'false'],
      ['sent:call-1', expect.stringMatching(/s$/)],
    ]);
    // Each answer says why the import gave it: its inference, word for word as in the notes.
    expect(qs[1]?.because).toContain('app.delegateAtLaunch = false');
    expect(scenario.notes).toContain(qs[1]!.because);
    expect(qs[2]?.because).toContain('call-1: sent');
  });

  it("does not ask the send time of a push the import made up (the throttle's earlier failures)", () => {
    const { scenario, inferred } = imported('synthetic-throttle-only');
    const keys = questionsFor(scenario, inferred).map((q) => q.key);
    expect(keys).toContain('sent:call-1');
    expect(keys.some((k) => k.includes('earlier'))).toBe(false);
    expect(questionsFor(scenario, inferred)[0]).toMatchObject({ key: 'app.report', value: 'never' });
  });
});

describe('applyAnswers', () => {
  it("leaves the scenario as imported when the user keeps the import's answers", () => {
    const { scenario, inferred } = imported('seed-003-setconfiguration');
    const kept = Object.fromEntries(questionsFor(scenario, inferred).map((q) => [q.key, q.value]));
    expect(JSON.parse(JSON.stringify(applyAnswers(scenario, kept)))).toEqual(
      JSON.parse(JSON.stringify({ ...scenario, timeline: scenario.timeline.map((e) => ({ ...e })) })),
    );
    expect(applyAnswers(scenario, kept).app).toEqual({ setConfigurationBeforeReport: true });
  });

  it('writes an answer into the app, and a send time into its push', () => {
    const { scenario } = imported('seed-003-setconfiguration');
    const next = applyAnswers(scenario, { 'app.report': 'never', 'sent:call-1': '2s' });
    expect(next.app).toEqual({ setConfigurationBeforeReport: true, report: 'never' });
    expect(next.timeline.find((e) => e.do === 'push')?.at).toBe('2s');
    expect(applyAnswers(scenario, { 'app.setConfigurationBeforeReport': 'false' }).app).toEqual({
      setConfigurationBeforeReport: false,
    });
  });
});

describe('sendTimeProblem', () => {
  it('accepts durations and names what is not one', () => {
    expect(sendTimeProblem('12.5s')).toBeUndefined();
    expect(sendTimeProblem('soon')).toBe('"soon" is not a time; write it like "12.5s" or "1m"');
  });
});
