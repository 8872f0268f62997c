/**
 * A run that would never end stops with an engine-bug error through simulate() too, naming the
 * simulated time and the actor's timer, instead of freezing the UI or `ringside check`.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../test/harness';
import { simulate } from './simulate';
import { RunawayError } from './clock';

describe('simulate(): the firing budget', () => {
  it('apsd retrying with no delay at all behind a dropped NAT is a runaway at that instant, named', () => {
    // Zero attempt and retry times: each failed attempt re-arms the next at the same instant (DEV-1).
    const s = scenario(
      { duration: '1h', device: { locked: false }, params: { apsdAttemptTimeout: 0, apsdBackoff: 0 } },
      [['10s', { do: 'nat-drop' }]],
    );
    let error: unknown;
    try {
      simulate(s);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunawayError);
    expect((error as RunawayError).message).toMatch(/^engine bug: the simulation ran away at .*device's delayed event/);
  });
});
