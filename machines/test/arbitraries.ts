import fc from 'fast-check';
import { APP_ACTIONS, CANCEL_VIA, WAKE_BY } from '../scenario/schema';
import { scenario, type EventInput, type Setup } from './harness';

/** Random scenarios for property tests (properties.test.ts, incremental.test.ts). */
const at = fc.integer({ min: -60_000, max: 600_000 });
const pushId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');

export const eventArb: fc.Arbitrary<EventInput> = fc.oneof(
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
export const scenarioArb = scenariosOf(0, 25);

/** Busier ones: 20 to 60 timeline events. */
export const busyScenarioArb = scenariosOf(20, 60);

function scenariosOf(minLength: number, maxLength: number): fc.Arbitrary<ReturnType<typeof scenario>> {
  return fc.tuple(setupArb, fc.array(fc.tuple(at, eventArb), { minLength, maxLength })).map(([setup, raw]) => {
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
          // Ids are unique, as the loader demands: two cancellations of one call at one time differ.
          events.push([t, e.do === 'cancel' ? { ...e, id: `x-${e.call as string}-${t}-${++n}` } : e]);
      } else events.push([t, e]);
    }
    return scenario(setup, events);
  });
}
