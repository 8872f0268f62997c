import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, loadScenario, type ScenarioFile } from '../../../machines';
import { clipOutput, concealedAt, frameTime, presentFrames, presentSteps, presentView, settledAt } from './present';

function load(file: ScenarioFile) {
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error('invalid test scenario');
  return { scenario: loaded.scenario, output: simulate(loaded.scenario) };
}

const preset = (name: string) =>
  load(
    JSON.parse(readFileSync(resolve(__dirname, `../../../scenarios/${name}.ringside.json`), 'utf8')) as ScenarioFile,
  );

describe('present mode steps', () => {
  const { scenario, output } = preset('flight-mode-cancelled');
  const steps = presentSteps(output, scenario);

  it('are the moments of the result, in time order, with every log line and rule step exactly once', () => {
    expect(steps.map((s) => s.at)).toEqual([...new Set(steps.map((s) => s.at))].sort((a, b) => a - b));
    const markers = output.trace.markers.filter((m) => m.kind !== 'push.sent');
    expect(steps.flatMap((s) => s.happened)).toHaveLength(output.result.events.length + markers.length);
    const ruleSteps = output.result.pushes.reduce((n, p) => n + p.steps.length, 0);
    expect(steps.flatMap((s) => s.rules)).toHaveLength(ruleSteps);
    // call-1's story: held by APNs at 0 s, delivered when apsd reconnects, ended when the app learns.
    expect(steps.find((s) => s.at === 0)?.rules.map((r) => r.rule)).toEqual(['APNS-2']);
    expect(steps.find((s) => s.sent.includes('call-1'))?.at).toBe(0);
  });

  it('settles each push once, at the end of its story', () => {
    const decided = steps.flatMap((s) => s.decided);
    expect(decided.sort()).toEqual(output.result.pushes.map((p) => p.id).sort());
    const call = output.result.pushes.find((p) => p.id === 'call-1')!;
    expect(steps.find((s) => s.decided.includes('call-1'))?.at).toBe(settledAt(call));
    expect(settledAt(call)).toBe(call.steps.at(-1)!.at);
  });

  it('uses the authored captions of the timeline', () => {
    const captioned = load({
      format: 'ringside.scenario/v1',
      title: 't',
      duration: '30s',
      timeline: [
        { at: '2s', do: 'push', id: 'c', caption: 'The caller rings.' },
        { at: '4s', do: 'lock', caption: 'Into the pocket.' },
      ],
    });
    const s = presentSteps(captioned.output, captioned.scenario);
    expect(s.find((x) => x.at === 2000)?.captions).toEqual(['The caller rings.']);
    expect(s.find((x) => x.at === 4000)?.captions).toEqual(['Into the pocket.']);
  });
});

describe('predict, then reveal', () => {
  const { scenario, output } = preset('report-after-fetch');
  const steps = presentSteps(output, scenario);
  const pushes = output.result.pushes;

  it('shows the crash among what happened, with the rule that caused it', () => {
    const crash = steps.find((s) => s.happened.some((h) => /crashed/.test(h.text)))!;
    expect(crash.rules.map((r) => r.rule)).toContain('PK-1');
    expect(crash.decided).toEqual(['call-1']);
  });

  it('asks before every step that settles a push, and only in predict mode', () => {
    const plain = presentFrames(steps, false);
    expect(plain.filter((f) => f.kind === 'ask')).toHaveLength(0);
    expect(plain).toHaveLength(steps.length + 2);
    const predict = presentFrames(steps, true);
    predict.forEach((f, i) => {
      if (f.kind !== 'ask') return;
      expect(predict[i + 1]).toEqual({ kind: 'step', step: f.step });
      expect(f.pushes).toEqual(steps[f.step]!.decided);
    });
    expect(predict.filter((f) => f.kind === 'ask').flatMap((f) => (f.kind === 'ask' ? f.pushes : []))).toEqual(
      steps.flatMap((s) => s.decided),
    );
  });

  it('hides a fate while the room guesses and shows it on the step that settles it', () => {
    const frames = presentFrames(steps, true);
    const ask = frames.findIndex((f) => f.kind === 'ask');
    const asked = frames[ask]!;
    if (asked.kind !== 'ask') throw new Error('no ask frame');
    const id = asked.pushes[0]!;
    expect(concealedAt(frames[0]!, steps, pushes).has(id)).toBe(true);
    expect(concealedAt(asked, steps, pushes).has(id)).toBe(true);
    expect(concealedAt(frames[ask + 1]!, steps, pushes).has(id)).toBe(false);
    expect(concealedAt({ kind: 'summary' }, steps, pushes).size).toBe(0);
  });

  it('shows the timeline up to the moment, without the moment itself while asking', () => {
    const frames = presentFrames(steps, true);
    const asked = frames.find((f) => f.kind === 'ask')!;
    const { t, inclusive } = frameTime(asked, steps, output);
    expect(inclusive).toBe(false);
    const before = clipOutput(output, t, inclusive);
    expect(before.trace.markers.every((m) => m.at < t)).toBe(true);
    // Nothing ends at the moment itself yet: what ends there is still running (no outcome shown).
    const ending = before.trace.intervals.filter((iv) => iv.to === t);
    expect(ending.length).toBeGreaterThan(0);
    expect(ending.every((iv) => iv.open)).toBe(true);
    expect(before.result.events.every((e) => e.at < t)).toBe(true);
    const after = clipOutput(output, t, true);
    expect(after.trace.markers.length + after.result.events.length).toBeGreaterThan(
      before.trace.markers.length + before.result.events.length,
    );
  });
});

describe('clipOutput', () => {
  const { output } = preset('flight-mode-cancelled');

  it('keeps nothing from the future: intervals cut, pushes on their way end at t', () => {
    const t = 10_000;
    const clipped = clipOutput(output, t, true);
    expect(clipped.trace.end).toBe(t);
    expect(clipped.trace.intervals.every((iv) => iv.from <= t && iv.to <= t)).toBe(true);
    expect(clipped.trace.intervals.some((iv) => iv.open && iv.to === t)).toBe(true);
    const call = clipped.result.pushes.find((p) => p.id === 'call-1')!;
    expect(call.deliveredAt).toBeUndefined();
    expect(output.result.pushes.find((p) => p.id === 'call-1')!.deliveredAt).toBeGreaterThan(t);
  });

  it('is the whole output at the end', () => {
    const clipped = clipOutput(output, output.trace.end, true);
    expect(clipped.result.pushes).toEqual(output.result.pushes);
    expect(clipped.trace.markers).toEqual(output.trace.markers);
  });
});

describe('presentView', () => {
  it('shows a short scenario whole and follows the moment through a long one', () => {
    const short = preset('flight-mode-cancelled');
    const shortSteps = presentSteps(short.output, short.scenario);
    const whole = presentView({ kind: 'step', step: 1 }, shortSteps, short.output);
    expect(whole.start).toBeLessThanOrEqual(short.output.trace.start);
    expect(whole.end).toBeGreaterThanOrEqual(short.output.trace.end);

    const long = preset('throttle-24h-window');
    const longSteps = presentSteps(long.output, long.scenario);
    const i = Math.floor(longSteps.length / 2);
    const v = presentView({ kind: 'step', step: i }, longSteps, long.output);
    expect(v.start).toBeLessThanOrEqual(longSteps[i]!.at);
    expect(v.end).toBeGreaterThanOrEqual(longSteps[i]!.at);
    expect(v.end - v.start).toBeLessThan(long.output.trace.end - long.output.trace.start);
  });
});
