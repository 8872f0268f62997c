import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ACTIONS, CANCEL_VIA, WAKE_BY } from '../scenario/schema';
import { FATES, type Fate } from '../scenario/types';
import { simulate } from '../simulate';
import { scenario, type EventInput, type Setup } from './harness';

const at = fc.integer({ min: -60_000, max: 600_000 });
const pushId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');

const eventArb: fc.Arbitrary<EventInput> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant('push' as const),
      kind: fc.constantFrom('voip', 'voip', 'alert', 'background'),
      expiration: fc.constantFrom(0, 0, 60_000, 3_600_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('network' as const),
      to: fc.constantFrom('wifi', 'cellular', 'cellular-poor', 'offline'),
    }),
  },
  fc.record({
    do: fc.constantFrom(
      'lock' as const,
      'unlock' as const,
      'nat-drop' as const,
      'nat-restore' as const,
      'mediaserverd-crash' as const,
      'other-call' as const,
    ),
  }),
  fc.record({ do: fc.constant('power' as const), policy: fc.constantFrom(0, 3) }),
  fc.record({
    do: fc.constant('wake' as const),
    by: fc.constantFrom(...WAKE_BY),
  }),
  fc.record({
    do: fc.constant('app' as const),
    action: fc.constantFrom(...APP_ACTIONS),
  }),
  fc.record({ do: fc.constantFrom('answer' as const, 'decline' as const, 'hangup' as const), call: pushId }),
  fc.record({
    do: fc.constant('cancel' as const),
    call: pushId,
    via: fc.constantFrom(...CANCEL_VIA),
  }),
);

const setupArb: fc.Arbitrary<Setup> = fc.record({
  duration: fc.constant('15m'),
  device: fc.record({
    ios: fc.constantFrom('12.4', '13.0', '18.5', '26.4'),
    network: fc.constantFrom('wifi', 'cellular', 'offline', 'cellular-poor'),
    locked: fc.boolean(),
    app: fc.constantFrom('not-running', 'foreground', 'background', 'suspended'),
  }),
  app: fc.record({
    delegateAtLaunch: fc.boolean(),
    launch: fc.constantFrom('1s', '5s', '25s'),
    report: fc.constantFrom('sync', 'sync', 'never', '3s'),
    blockMainThread: fc.constantFrom('0s', '0s', '8s'),
    foreground: fc.constantFrom('report', 'skip', 'report-then-end'),
    onCall: fc.constantFrom('report-new', 'reuse-uuid', 'skip'),
    checksMustReport: fc.boolean(),
    setConfigurationBeforeReport: fc.boolean(),
    activatesAudioSession: fc.boolean(),
    learnsCancellation: fc.constantFrom('never', '2s', '8s'),
    debuggerAttached: fc.boolean(),
  }),
});

/** Random scenarios whose cancels/answers name pushes that exist, with unique push ids. */
const scenarioArb = fc.tuple(setupArb, fc.array(fc.tuple(at, eventArb), { maxLength: 25 })).map(([setup, raw]) => {
  const ids = new Set<string>();
  let n = 0;
  const events: [number, EventInput][] = [];
  for (const [t, e] of raw) {
    if (e.do === 'push') {
      const id = `p${++n}`;
      ids.add(id);
      events.push([t, { ...e, id }]);
    } else if ('call' in e) {
      if (ids.has(e.call as string))
        events.push([t, e.do === 'cancel' ? { ...e, id: `x-${e.call as string}-${t}` } : e]);
    } else events.push([t, e]);
  }
  return scenario(setup, events);
});

const RUNS = 150;

describe('engine properties over random scenarios', () => {
  it('is deterministic: the same scenario twice gives byte-identical JSON', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(simulate(s).result)).toBe(JSON.stringify(simulate(s).result));
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('keeps its invariants', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { result, trace } = simulate(s);
        const fateOf = new Map<string, Fate>(result.pushes.map((p) => [p.id, p.fate]));
        const sent =
          s.timeline.filter((e) => e.do === 'push').length +
          s.timeline.filter((e) => e.do === 'cancel' && e.via !== 'none').length;
        // every push has exactly one fate, from the list
        expect(result.pushes).toHaveLength(sent);
        for (const p of result.pushes) expect(FATES).toContain(p.fate);
        // strikes only from crashed or killed pushes, at most one per push
        const struck = result.strikes.map((x) => x.push);
        expect(new Set(struck).size).toBe(struck.length);
        for (const st of result.strikes) expect(['crashed', 'killed']).toContain(fateOf.get(st.push));
        for (const p of result.pushes) {
          // never delivered before it was sent; rule steps never go back in time
          if (p.deliveredAt !== undefined) expect(p.deliveredAt).toBeGreaterThanOrEqual(p.sentAt);
          for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.at).toBeGreaterThanOrEqual(p.steps[i - 1]!.at);
          if (p.kind !== 'voip' || p.deliveredAt === undefined) continue;
          // nothing reaches the app while throttled
          for (const w of result.throttled) {
            if (p.deliveredAt > w.from && p.deliveredAt < w.until) expect(p.fate).toBe('throttled');
          }
          // no VoIP push reaches the phone while apsd is disconnected
          expect(trace.stateAt(p.deliveredAt).device.apsd).toBe('connected');
        }
        // the event log never goes back in time
        for (let i = 1; i < result.events.length; i++)
          expect(result.events[i]!.at).toBeGreaterThanOrEqual(result.events[i - 1]!.at);
        for (const iv of trace.intervals) expect(iv.to).toBeGreaterThanOrEqual(iv.from);
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
