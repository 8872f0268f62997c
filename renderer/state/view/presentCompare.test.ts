import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutputs, simulate, loadScenario, type ScenarioFile, COMMON_CHANGES } from '../../../machines';
import { concealedAt, presentFrames } from './present';
import { comparedSteps, spanOf } from './presentCompare';

function preset(name: string) {
  const file = JSON.parse(
    readFileSync(resolve(__dirname, `../../../scenarios/${name}.ringside.json`), 'utf8'),
  ) as ScenarioFile;
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error('invalid test scenario');
  return { scenario: loaded.scenario, output: simulate(loaded.scenario) };
}

describe('presenting a comparison', () => {
  const a = preset('report-after-fetch');
  const changed = COMMON_CHANGES.find((c) => c.id === 'report-sync')!.apply(a.scenario)!;
  const b = { scenario: changed, output: simulate(changed) };
  const steps = comparedSteps(a, b, diffOutputs(a.output, b.output));

  it('steps through the moments where the runs differ, with what each run did then', () => {
    expect(steps.map((s) => s.at)).toEqual([2100]);
    expect(steps[0]!.a?.happened.map((h) => h.text)).toContain('Crashed: call-1.');
    expect(steps[0]!.b?.rules.map((r) => r.rule)).toContain('CALL-1');
    expect(steps[0]!.decided).toEqual(['call-1']);
  });

  it('hides both fates while the room guesses and shows them together', () => {
    const frames = presentFrames(steps, true);
    expect(frames.map((f) => f.kind)).toEqual(['intro', 'ask', 'step', 'summary']);
    for (const side of [a, b]) {
      expect(concealedAt(frames[1]!, steps, side.output.result.pushes).has('call-1')).toBe(true);
      expect(concealedAt(frames[2]!, steps, side.output.result.pushes).has('call-1')).toBe(false);
    }
  });

  it('has no moment when the variant changes nothing, and spans both runs', () => {
    expect(comparedSteps(a, a, diffOutputs(a.output, a.output))).toEqual([]);
    const span = spanOf(a.output, b.output).trace;
    expect(span.start).toBe(Math.min(a.output.trace.start, b.output.trace.start));
    expect(span.end).toBe(Math.max(a.output.trace.end, b.output.trace.end));
  });
});
