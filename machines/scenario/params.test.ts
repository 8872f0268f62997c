import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';

const withParams = (params: Record<string, unknown>, duration = '1h') =>
  loadScenario({
    format: 'ringside.scenario/v1',
    title: 'apsd times',
    duration,
    device: { locked: false },
    params,
    timeline: [{ at: '10s', do: 'nat-drop' }],
  });

describe('PARAM_MINIMUMS: times that would loop at one instant are refused (issue 19)', () => {
  it('a zero apsd attempt time is refused, naming the param and why', () => {
    const r = withParams({ apsdAttemptTimeout: 0, apsdBackoff: 0 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      {
        path: 'params.apsdAttemptTimeout',
        message:
          '0 must be at least 1 ms: a failed apsd attempt would start the next at the same instant, forever (DEV-1)',
      },
    ]);
  });
  // Over a scenario short enough for that many cycles (MAX_RETRY_CYCLES; limits.test.ts).
  it('1 ms is enough, and a zero backoff alone is fine: time moves on between attempts', () => {
    expect(withParams({ apsdAttemptTimeout: '1ms', apsdBackoff: 0 }, '40s').ok).toBe(true);
  });
});
