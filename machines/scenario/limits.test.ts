/** Hostile input to the loader: each case once froze, blanked or crashed the app (issue 19). */
import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario, parseScenarioText, type LoadResult } from './index';
import { MAX_EVENTS, MAX_PUSHES, MAX_RETRY_CYCLES, MAX_TIME_MS, nestingExceeds, shown } from './limits';

const minimal = { format: 'ringside.scenario/v1', title: 't', duration: '60s', timeline: [] as unknown[] };
const text = (doc: unknown) => JSON.stringify(doc);

function errorsOf(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : formatErrors(result.errors);
}

describe('times are whole milliseconds', () => {
  it('reads "10.3s" and "520.2s" exactly, so the engine only ever sees integers', () => {
    const r = loadScenario({
      ...minimal,
      duration: '600s',
      timeline: [
        { at: '10.3s', do: 'push', id: 'a' },
        { at: '520.2s', do: 'push', id: 'b', expiration: '0.1s' },
      ],
    });
    expect(r.ok && r.scenario.timeline.map((e) => e.at)).toEqual([10_300, 520_200]);
    expect(r.ok && r.scenario.timeline[1]?.do === 'push' && r.scenario.timeline[1].expiration).toBe(100);
  });

  it.each([
    ['0.5ms', 'timeline[0].at: "0.5ms" is finer than a millisecond'],
    [12.5, 'timeline[0].at: 12.5 is finer than a millisecond'],
  ])('refuses %j with a clear error', (at, message) => {
    const errors = errorsOf(loadScenario({ ...minimal, timeline: [{ at, do: 'lock' }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('refuses a sub-millisecond param, delay or report', () => {
    const errors = errorsOf(
      loadScenario({ ...minimal, app: { launch: '1.0005s', report: 0.5 }, params: { latencyWifi: '0.1ms' } }),
    );
    expect(errors.join('\n')).toMatch(/app\.launch: "1\.0005s" is finer/);
    expect(errors.join('\n')).toMatch(/app\.report: 0\.5 is finer/);
    expect(errors.join('\n')).toMatch(/params\.latencyWifi: "0\.1ms" is finer/);
  });
});

describe('times are bounded to 30 days', () => {
  it.each([
    [{ duration: '31d' }, 'duration: "31d" is longer than 30 days'],
    [{ duration: 3_000_000_000 }, 'duration: 3000000000 is longer than 30 days'],
    [{ duration: '3650d' }, 'duration: "3650d" is longer than 30 days'],
    [{ timeline: [{ at: '-31d', do: 'lock' }] }, 'timeline[0].at: "-31d" is longer than 30 days'],
    [{ app: { launch: '40d' } }, 'app.launch: "40d" is longer than 30 days'],
    [{ params: { throttleWindow: '100d' } }, 'params.throttleWindow: "100d" is longer than 30 days'],
    [{ duration: `${'9'.repeat(400)}s` }, 'duration: "99999'],
  ])('case %# is refused, the path named', (patch, message) => {
    const errors = errorsOf(loadScenario({ ...minimal, ...patch }));
    expect(errors.some((e) => e.startsWith(message))).toBe(true);
  });

  it('accepts exactly 30 days', () => expect(loadScenario({ ...minimal, duration: '30d' }).ok).toBe(true));
});

describe('sizes the UI can simulate', () => {
  const events = (n: number, make: (i: number) => object) => Array.from({ length: n }, (_, i) => make(i));

  it(`refuses more than ${MAX_EVENTS} events, before reading any`, () => {
    const timeline = events(MAX_EVENTS + 1, (i) => ({ at: i, do: i % 2 ? 'lock' : 'unlock' }));
    const errors = errorsOf(loadScenario({ ...minimal, duration: '1h', timeline }));
    expect(errors).toEqual([`timeline: has 20,001 events; a scenario may have at most 20,000`]);
  });

  it(`refuses more than ${MAX_PUSHES} pushes`, () => {
    const timeline = events(MAX_PUSHES + 1, (i) => ({ at: i, do: 'push', id: `p${i}` }));
    expect(errorsOf(loadScenario({ ...minimal, duration: '1h', timeline }))).toEqual([
      'timeline: has 12,001 pushes; a scenario may send at most 12,000',
    ]);
  });

  it(`accepts ${MAX_PUSHES} pushes, and lifts the limit only when asked in code`, () => {
    const timeline = events(MAX_PUSHES, (i) => ({ at: i, do: 'push', id: `p${i}`, kind: 'alert' }));
    expect(loadScenario({ ...minimal, duration: '1h', timeline }).ok).toBe(true);
    const more = events(MAX_PUSHES + 1, (i) => ({ at: i, do: 'push', id: `p${i}`, kind: 'alert' }));
    expect(loadScenario({ ...minimal, duration: '1h', timeline: more }, { countLimits: false }).ok).toBe(true);
  });

  it('reports at most 50 problems, then how many more', () => {
    const timeline = events(500, (i) => ({ at: '5x', do: 'push', id: `p${i}` }));
    const errors = errorsOf(loadScenario({ ...minimal, timeline }));
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)).toBe('and 450 more problems');
  });
});

describe('nesting', () => {
  it('refuses JSON nested 10,000 deep before parsing it, in a short message', () => {
    const deep = `{"format":"ringside.scenario/v1","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const errors = errorsOf(parseScenarioText(deep));
    expect(errors).toEqual(['objects and arrays nest more than 32 deep; a scenario needs 4']);
  });

  it('does not count brackets inside strings', () => {
    expect(nestingExceeds(text({ notes: '['.repeat(100), t: '\\"[[' }), 32)).toBe(false);
    expect(nestingExceeds('['.repeat(33), 32)).toBe(true);
    expect(parseScenarioText(text({ ...minimal, notes: '{['.repeat(1_000) })).ok).toBe(true);
  });
});

describe('messages echo only a short excerpt', () => {
  const long = 'x'.repeat(200_000);
  it.each([
    ['an unknown key', { ...minimal, [long]: 1 }],
    ['an unknown event', { ...minimal, timeline: [{ at: 0, do: long }] }],
    ['a bad value', { ...minimal, device: { network: long } }],
    ['a wrong type', { ...minimal, title: [long, long] }],
    ['a bad duration', { ...minimal, duration: long }],
    ['an unknown call', { ...minimal, timeline: [{ at: 0, do: 'answer', call: long }] }],
    ['a duplicate id', { ...minimal, timeline: [0, 1].map((at) => ({ at, do: 'push', id: long })) }],
    ['an unknown format', { ...minimal, format: long }],
    ['a bad iOS version', { ...minimal, device: { ios: long } }],
  ])('%s', (_, doc) => {
    const errors = errorsOf(loadScenario(doc));
    for (const e of errors) expect(e.length).toBeLessThan(400);
  });

  it('a bare word in JSON', () => {
    const errors = errorsOf(parseScenarioText(`{"title": ${'y'.repeat(100_000)}}`));
    expect(errors[0]!.length).toBeLessThan(300);
  });

  it('cuts long values with an ellipsis and keeps short ones whole', () => {
    expect(shown('abc')).toBe('"abc"');
    expect(shown({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(shown('z'.repeat(500))).toMatch(/^"z{79}…$/);
    expect(shown(Array(10_000).fill(1)).length).toBeLessThanOrEqual(81);
  });
});

describe('numbers and keys', () => {
  it('refuses a number JSON reads as Infinity, naming it', () => {
    const doc = `{"format":"ringside.scenario/v1","title":"t","duration":"60s","timeline":[{"at":${'9'.repeat(400)},"do":"lock"}]}`;
    expect(errorsOf(parseScenarioText(doc))).toEqual([
      'timeline[0].at: is a number too large to be one (more than 308 digits); no field takes it',
    ]);
    expect(errorsOf(parseScenarioText(doc.replace('"at":9', '"at":-9')))[0]).toMatch(/^timeline\[0\]\.at: /);
  });

  it('says what is wrong with "format": 2', () => {
    expect(errorsOf(loadScenario({ ...minimal, format: 2 }))).toEqual([
      'format: 2 must be a string: "format": "ringside.scenario/v1"',
    ]);
  });

  it('names an empty key', () => {
    expect(errorsOf(loadScenario({ ...minimal, '': 1 }))).toEqual(['"" (an empty key): unknown key ""']);
    expect(errorsOf(loadScenario({ ...minimal, device: { '': 1 } }))).toEqual([
      'device."" (an empty key): unknown key ""',
    ]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '"format": %j is an unknown format, not a call on Object.prototype',
    (format) => {
      const errors = errorsOf(loadScenario({ ...minimal, format }));
      expect(errors).toEqual([
        `format: ${JSON.stringify(format)} is not a scenario format this version of Ringside knows ("ringside.scenario/v1")`,
      ]);
    },
  );
});

describe("apsd's retry cycle fits the scenario (DEV-1)", () => {
  const natDrop = (params: Record<string, string | number>, duration = '30d') => ({
    ...minimal,
    duration,
    device: { locked: false },
    params,
    timeline: [{ at: '10s', do: 'nat-drop' }],
  });
  it('refuses a cycle that would repeat more than MAX_RETRY_CYCLES times, naming the params', () => {
    const loaded = loadScenario(natDrop({ apsdAttemptTimeout: 1, apsdBackoff: 0 }));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toContainEqual({
      path: 'params.apsdBackoff',
      message: expect.stringContaining('would repeat about 2,592,000,000 times in this scenario') as string,
    });
  });
  it('accepts the same cycle over a short scenario, and the defaults over 30 days', () => {
    expect(loadScenario(natDrop({ apsdAttemptTimeout: 1, apsdBackoff: 0 }, '50s')).ok).toBe(true);
    expect(loadScenario(natDrop({})).ok).toBe(true);
    expect(MAX_RETRY_CYCLES * (60_000 + 756_000)).toBeGreaterThan(MAX_TIME_MS);
  });
});
