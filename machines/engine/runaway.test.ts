/**
 * A run that would never end stops with an engine-bug error through simulate() too, naming the
 * simulated time and the actor's timer, instead of freezing the UI or `ringside check`.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../test/harness';
import { deviceMachine } from '../actors/device/deviceMachine';
import { simulate } from './simulate';
import { RunawayError } from './clock';

/**
 * A deliberately broken apsd (tests only): its attempts and backoffs take no time and it never idles,
 * so behind a dropped NAT each failed attempt re-arms the next at the same instant (DEV-1). The loader
 * refuses such times (`PARAM_MINIMUMS`); the engine must still stop, not hang.
 */
const brokenDevice = deviceMachine.provide({
  delays: { attemptTimeout: 0, backoff: 0 },
  guards: { failsUntilChange: () => false },
});

describe('simulate(): the firing budget', () => {
  it('apsd retrying with no delay at all behind a dropped NAT is a runaway at that instant, named', () => {
    const s = scenario({ duration: '1h', device: { locked: false } }, [['10s', { do: 'nat-drop' }]]);
    expect(() => simulate(s)).not.toThrow();
    let error: unknown;
    try {
      simulate(s, { actors: { device: brokenDevice } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunawayError);
    expect((error as RunawayError).message).toMatch(/^engine bug: the simulation ran away at .*device's delayed event/);
  });
});
