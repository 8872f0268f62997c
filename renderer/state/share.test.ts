import { describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../machines';
import { decodeScenario, decodeView, encodeScenario, encodeView } from './share';

const file: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Shared ✓ with ünïcode',
  duration: '60s',
  timeline: [{ at: '0s', do: 'push', id: 'call-1', kind: 'voip' }],
};

describe('share links', () => {
  it('round-trips a scenario through the URL fragment', () => {
    const decoded = decodeScenario(`#s=${encodeScenario(file)}`);
    expect(decoded).toEqual({ ok: true, file });
  });
  it('ignores fragments without a scenario and reports damaged ones', () => {
    expect(decodeScenario('#view=1')).toBeUndefined();
    expect(decodeScenario('#s=AAAA')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the link is damaged: its scenario cannot be read' }],
    });
  });
  it('reports an invalid scenario with its paths', () => {
    const bad = decodeScenario(`#s=${encodeScenario({ ...file, duration: 'soon' })}`);
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.errors[0]?.path).toBe('duration');
  });
});

describe('view in share links', () => {
  it('round-trips the view, the playhead and the selected push next to the scenario', () => {
    const fragment = `#s=${encodeScenario(file)}&${encodeView({ start: -30_000, end: 60_000, playhead: 27_000, push: 'call-1' })}`;
    expect(decodeView(fragment)).toEqual({ start: -30_000, end: 60_000, playhead: 27_000, push: 'call-1' });
    expect(decodeScenario(fragment)).toEqual({ ok: true, file });
  });
  it('ignores a malformed view', () => {
    expect(decodeView('#s=abc&v=10,5,0')).toBeUndefined();
    expect(decodeView('#s=abc')).toBeUndefined();
  });
});
