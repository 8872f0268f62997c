/**
 * apsd's retry cycle behind a path that cannot carry it (DEV-1, DEV-3) costs no clock firing per
 * simulated hour (`trying.retrying`), and gives exactly what running every attempt and backoff gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../engine/simulate';
import type { SimulationOutput } from '../../engine/result';
import { eventArb } from '../../test/arbitraries';
import { scenario, type EventInput } from '../../test/harness';
import { deviceMachine } from './deviceMachine';

/** The device as it was before `trying.retrying`: every attempt and backoff fires its timer. */
const eager = { device: deviceMachine.provide({ guards: { failsUntilChange: () => false } }) };

/** Everything a caller sees: the result, the trace, the state at every event time and around it. */
function everything(o: SimulationOutput): string {
  const { trace } = o;
  const span = trace.end - trace.start;
  const times = trace.eventTimes.flatMap((t) => [t - 1, t, t + 1]);
  for (let i = 0; i <= 200; i++) times.push(trace.start + Math.floor((span * i) / 200));
  return JSON.stringify({
    result: o.result,
    intervals: trace.intervals,
    markers: trace.markers,
    times: trace.eventTimes,
    states: times.map((t) => trace.stateAt(t)),
  });
}

const droppedNat = (duration: '1d' | '2d' | '30d', locked = false) =>
  scenario({ duration, device: { locked } }, [['1s', { do: 'nat-drop' }]]);

describe('DEV-1: idle retries', () => {
  it('cost the same clock firings over 1, 2 and 30 days of a dropped NAT: none per simulated hour', () => {
    const firings = (['1d', '2d', '30d'] as const).map((d) => {
      const sim = new Simulator();
      sim.run(droppedNat(d));
      return sim.firings;
    });
    expect(firings[1]).toBe(firings[0]);
    expect(firings[2]).toBe(firings[0]);
    // Running every attempt and backoff costs ~3 firings per 816 s cycle: ~9,500 in 30 days.
    const sim = new Simulator({ actors: eager });
    sim.run(droppedNat('30d'));
    expect(sim.firings).toBeGreaterThan(100 * firings[2]!);
  }, 120_000);

  it('draw every attempt and backoff of 30 days on the apsd lane, and show them in the state at any time', () => {
    const lazy = new Simulator().run(droppedNat('30d'));
    const full = new Simulator({ actors: eager }).run(droppedNat('30d'));
    const apsd = lazy.trace.intervals.filter((i) => i.kind.startsWith('apsd.'));
    expect(apsd.length).toBeGreaterThan(6_000);
    expect(everything(lazy)).toBe(everything(full));
  }, 120_000);

  it('give what running every timer gives, whatever reaches the device in between (random scenarios)', () => {
    const setup = fc.record({
      attempt: fc.constantFrom(1_000, 60_000),
      backoff: fc.constantFrom(0, 3_000, 756_000),
      after: fc.constantFrom(1, 2, 5),
      handshake: fc.constantFrom(0, 2_000, 70_000),
      keepalive: fc.constantFrom(0, 5_000, 300_000),
      giveUp: fc.constantFrom(1_000, 160_000, 3_600_000),
      locked: fc.boolean(),
      network: fc.constantFrom('wifi' as const, 'cellular' as const, 'cellular-poor' as const),
    });
    const at = fc.oneof(
      fc.integer({ min: 0, max: 3_600_000 }),
      fc.integer({ min: 0, max: 120 }).map((k) => k * 1_000),
    );
    fc.assert(
      fc.property(setup, fc.array(fc.tuple(at, eventArb), { maxLength: 12 }), (p, raw) => {
        let n = 0;
        const events: [number, EventInput][] = [[0, { do: 'nat-drop' }]];
        for (const [t, e] of raw) {
          if (e.do === 'push') events.push([t, { ...e, id: `p${++n}` }]);
          else if (!('call' in e)) events.push([t, e]);
        }
        const s = scenario(
          {
            duration: '1h',
            device: { locked: p.locked, network: p.network },
            params: {
              apsdAttemptTimeout: p.attempt,
              apsdBackoff: p.backoff,
              apsdBackoffAfter: p.after,
              apsdReconnect: p.handshake,
              apsdReconnectCellular: p.handshake,
              apsdKeepalive: p.keepalive,
              apsdGiveUp: p.giveUp,
            },
          },
          events,
        );
        expect(everything(new Simulator().run(s))).toBe(everything(new Simulator({ actors: eager }).run(s)));
      }),
      { numRuns: 12, seed: 19 },
    );
  }, 300_000);
});
