/**
 * The loader's words and normal forms in detail: each kind of problem has its message and its place,
 * suggestions come only for near misses, and every event type keeps exactly its own fields (found by
 * mutation testing, issue #20).
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, formatPath, loadScenario, parseScenarioText, sentPushId, type LoadResult } from './index';
import { EVENT_TYPES } from './schema';
import { FATES } from './types';

const minimal = { format: 'ringside.scenario/v1', title: 't', duration: '60s', timeline: [] as unknown[] };

function errorsOf(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : formatErrors(result.errors);
}

function loaded(doc: unknown) {
  const r = loadScenario(doc);
  if (!r.ok) throw new Error(formatErrors(r.errors).join('\n'));
  return r;
}

describe('paths and error lines', () => {
  it('formats paths as a person writes them', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['timeline', 3, 'at'])).toBe('timeline[3].at');
    expect(formatPath(['expect', 0])).toBe('expect[0]');
    expect(formatPath(['device', 'ios'])).toBe('device.ios');
  });

  it('an error line names the source and the path only when there are some', () => {
    const errors = [
      { path: 'duration', message: 'must be more than 0' },
      { path: '', message: 'the file is empty; a scenario is a JSON object' },
    ];
    expect(formatErrors(errors, 'a.json')).toEqual([
      'a.json: duration: must be more than 0',
      'a.json: the file is empty; a scenario is a JSON object',
    ]);
    expect(formatErrors(errors, '')).toEqual([
      'duration: must be more than 0',
      'the file is empty; a scenario is a JSON object',
    ]);
  });
});

describe('unknown keys, with a suggestion only for a near miss, from the keys allowed there', () => {
  it.each([
    [{ titel: 'x' }, 'titel: unknown key "titel"; did you mean "title"?'],
    [{ device: { netwrok: 'wifi' } }, 'device.netwrok: unknown key "netwrok"; did you mean "network"?'],
    [{ app: { lanch: '1s' } }, 'app.lanch: unknown key "lanch"; did you mean "launch"?'],
    [
      { params: { throttleFailres: 3 } },
      'params.throttleFailres: unknown key "throttleFailres"; did you mean "throttleFailures"?',
    ],
    [
      { timeline: [{ at: 0, do: 'network', to: 'wifi', too: 1 }] },
      'timeline[0].too: unknown key "too"; did you mean "to"?',
    ],
    [{ timeline: [{ at: 0, do: 'lock', zzzzzz: 1 }] }, 'timeline[0].zzzzzz: unknown key "zzzzzz"'],
    [{ expect: [{ strikes: 1, strikez: 2 }] }, 'expect[0].strikez: unknown key "strikez"; did you mean "strikes"?'],
  ])('%j', (extra, line) => {
    expect(errorsOf(loadScenario({ ...minimal, ...extra }))).toEqual([line]);
  });

  it('a long unknown key gets no suggestion', () => {
    const key = `title${'x'.repeat(80)}`;
    expect(errorsOf(loadScenario({ ...minimal, [key]: 1 }))[0]).not.toContain('did you mean');
  });
});

describe('values', () => {
  it.each([
    [{ title: 5 }, 'title: 5 must be a string'],
    [{ device: [] }, 'device: [] must be an object'],
    [{ timeline: [{ at: 0, do: 'push', id: 'a', priority: 7 }] }, 'timeline[0].priority: 7 must be 5 or 10'],
    [
      { timeline: [{ at: 0, do: 'network' }] },
      'timeline[0].to: is required: one of "wifi", "cellular", "cellular-poor", "offline"',
    ],
    [
      { timeline: [{ at: 0, do: 'network', to: 'wifl' }] },
      'timeline[0].to: "wifl" is not allowed here; use "wifi", "cellular", "cellular-poor", "offline"; did you mean "wifi"?',
    ],
    [
      { timeline: [{ at: 0, do: 'network', to: 'x'.repeat(81) }] },
      `timeline[0].to: "${'x'.repeat(79)}… is not allowed here; use "wifi", "cellular", "cellular-poor", "offline"`,
    ],
    [{ params: { throttleFailures: 0 } }, 'params.throttleFailures: 0 must be at least 1'],
    [{ expect: [{ foo: 1 }] }, 'expect[0]: must be one of {push, fate}, {strikes}, {throttled} or {audio, call}'],
  ])('%j', (extra, line) => {
    expect(errorsOf(loadScenario({ ...minimal, ...extra }))).toEqual([line]);
  });

  it('a missing field says what it takes', () => {
    expect(errorsOf(loadScenario({ format: 'ringside.scenario/v1', duration: '1m', timeline: [] }))).toEqual([
      'title: is required (a string)',
    ]);
    expect(errorsOf(loadScenario({ ...minimal, timeline: [{ at: 0 }] }))).toEqual([
      `timeline[0].do: is required: what happens (${EVENT_TYPES.join(', ')})`,
    ]);
  });

  it('a fate that is no fate is named with its place, with a suggestion only when near', () => {
    const fate = (f: string) => errorsOf(loadScenario({ ...minimal, expect: [{ push: 'a', fate: f }] }));
    expect(fate('qqqqqqqq')).toEqual([`expect[0].fate: "qqqqqqqq" is not a fate (fates: ${FATES.join(', ')})`]);
    expect(fate('crahsed')[0]).toBe(
      `expect[0].fate: "crahsed" is not a fate; did you mean "crashed"? (fates: ${FATES.join(', ')})`,
    );
  });

  it('an unknown event is reported once, at its place in the file, and the others are still checked', () => {
    const lines = errorsOf(
      loadScenario({
        ...minimal,
        timeline: [
          { at: 0, do: 'lock' },
          { at: 0, do: 'lokc' },
          { at: 'x', do: 'unlock' },
        ],
      }),
    );
    expect(lines).toEqual([
      `timeline[1].do: unknown event "lokc"; did you mean "lock"? (events: ${EVENT_TYPES.join(', ')})`,
      'timeline[2].at: "x" is not a duration; use ms or "5s", "2m", "1h"',
    ]);
  });

  it('the same problem twice is said once', () => {
    const lines = errorsOf(loadScenario({ ...minimal, duration: 0, title: 5 }));
    expect(lines).toEqual(['title: 5 must be a string']);
  });

  it('a document that is not an object, or in no known format, is one problem', () => {
    for (const doc of [[1], null, 'scenario', 3])
      expect(errorsOf(loadScenario(doc))).toEqual([
        'a scenario must be a JSON object ({ "format": …, "timeline": [ … ] })',
      ]);
  });
});

describe('references across fields', () => {
  const timeline = (...events: unknown[]) => ({ ...minimal, timeline: events });

  it('a call to no VoIP push lists the VoIP pushes there are, at most five', () => {
    expect(errorsOf(loadScenario(timeline({ at: 0, do: 'hangup', call: 'x' })))).toEqual([
      'timeline[0].call: "x" is not a VoIP push in this timeline (there are no VoIP pushes)',
    ]);
    const many = [...'abcdef'].map((id, i) => ({ at: i, do: 'push', id: `call-${id}` }));
    expect(errorsOf(loadScenario(timeline(...many, { at: 9, do: 'decline', call: 'call-q' })))).toEqual([
      'timeline[6].call: "call-q" is not a VoIP push in this timeline; did you mean "call-a"? (VoIP pushes: call-a, call-b, call-c, call-d, call-e, and 1 more)',
    ]);
    const five = many.slice(0, 5);
    expect(errorsOf(loadScenario(timeline(...five, { at: 9, do: 'cancel', call: 'x' })))[0]).toMatch(
      /\(VoIP pushes: call-a, call-b, call-c, call-d, call-e\)$/,
    );
  });

  it('a cancellation sends a push of its own, whose id must be unique too', () => {
    expect(
      errorsOf(
        loadScenario(
          timeline(
            { at: 0, do: 'push', id: 'a' },
            { at: 1, do: 'cancel', call: 'a' },
            { at: 2, do: 'cancel', call: 'a' },
          ),
        ),
      ),
    ).toEqual(['timeline[2].id: push id "cancel-a" is already used by timeline[1]; ids must be unique']);
    // via "none" sends nothing, so it takes no id.
    expect(
      loadScenario(
        timeline(
          { at: 0, do: 'push', id: 'a' },
          { at: 1, do: 'cancel', call: 'a' },
          { at: 2, do: 'cancel', call: 'a', via: 'none' },
        ),
      ).ok,
    ).toBe(true);
  });

  it('the duplicate is named by its place in the file when the timeline is out of time order', () => {
    expect(
      errorsOf(
        loadScenario(timeline({ at: 5, do: 'push', id: 'a' }, { at: 'x', do: 'lokc' }, { at: 1, do: 'push', id: 'a' })),
      ),
    ).toContain('timeline[1].do: unknown event "lokc"; did you mean "lock"? (events: ' + EVENT_TYPES.join(', ') + ')');
    expect(
      errorsOf(
        loadScenario(timeline({ at: 0, do: 'lock' }, { at: 5, do: 'push', id: 'a' }, { at: 1, do: 'push', id: 'a' })),
      ),
    ).toEqual(['timeline[2].id: push id "a" is already used by timeline[1]; ids must be unique']);
  });

  it('an audio expectation names its call by push id', () => {
    expect(
      errorsOf(
        loadScenario({ ...timeline({ at: 0, do: 'push', id: 'a' }), expect: [{ call: 'b', audio: 'two-way' }] }),
      ),
    ).toEqual(['expect[0].call: "b" is not a push in this timeline; did you mean "a"?']);
    expect(
      loadScenario({ ...timeline({ at: 0, do: 'push', id: 'a' }), expect: [{ call: 'a', audio: 'two-way' }] }).ok,
    ).toBe(true);
    // A count of strikes names no push.
    expect(loadScenario({ ...minimal, expect: [{ strikes: 0 }, { throttled: false }] }).ok).toBe(true);
  });

  it('which events send a push', () => {
    expect(sentPushId({ do: 'push', id: 'a' })).toBe('a');
    expect(sentPushId({ do: 'cancel', call: 'a' })).toBe('cancel-a');
    expect(sentPushId({ do: 'cancel', call: 'a', id: 'c1' })).toBe('c1');
    expect(sentPushId({ do: 'cancel', call: 'a', via: 'none' })).toBeUndefined();
    expect(sentPushId({ do: 'cancel' })).toBeUndefined();
    expect(sentPushId({ do: 'answer', call: 'a' })).toBeUndefined();
  });
});

describe('counts', () => {
  it('a cancellation via "none" sends no push and does not count against the push limit', () => {
    const pushes = Array.from({ length: 12_000 }, (_, i) => ({ at: i, do: 'push', id: `p${i}`, kind: 'alert' }));
    const quiet = { at: 0, do: 'cancel', call: 'p0', via: 'none' };
    const noisy = { at: 0, do: 'cancel', call: 'p0', via: 'alert' };
    // "p0" is no VoIP push: the timeline is refused for that, not for its size.
    expect(errorsOf(loadScenario({ ...minimal, duration: '1h', timeline: [...pushes, quiet] }))).toEqual([
      'timeline[12000].call: "p0" is not a VoIP push in this timeline (there are no VoIP pushes)',
    ]);
    expect(errorsOf(loadScenario({ ...minimal, duration: '1h', timeline: [...pushes, noisy] }))).toEqual([
      'timeline: has 12,001 pushes; a scenario may send at most 12,000',
    ]);
  });

  it('exactly 50 problems are all listed, with no "more"', () => {
    const timeline = Array.from({ length: 50 }, (_, i) => ({ at: '5x', do: 'push', id: `p${i}` }));
    const lines = errorsOf(loadScenario({ ...minimal, timeline }));
    expect(lines).toHaveLength(50);
    expect(lines.at(-1)).toBe('timeline[49].at: "5x" is not a duration; use ms or "5s", "2m", "1h"');
  });
});

describe('the normal form of each event', () => {
  it('keeps exactly the fields of its type, with defaults filled', () => {
    const r = loaded({
      ...minimal,
      timeline: [
        { at: 0, do: 'push', id: 'v' },
        { at: 1, do: 'push', id: 'b', kind: 'background' },
        { at: 2, do: 'push', id: 'x', kind: 'alert', priority: 5, expiration: '1m', question: 'Rings?' },
        { at: 3, do: 'cancel', call: 'v', id: 'c', via: 'voip', expiration: '2s', caption: 'Hang up' },
        { at: 4, do: 'network', to: 'offline' },
        { at: 5, do: 'app', action: 'force-quit' },
        { at: 6, do: 'power', policy: 3 },
        { at: 7, do: 'wake', by: 'screen' },
        { at: 8, do: 'answer', call: 'v' },
        { at: 9, do: 'decline', call: 'v' },
        { at: 10, do: 'hangup', call: 'v' },
        { at: 11, do: 'nat-drop' },
      ],
    });
    expect(r.scenario.timeline).toStrictEqual([
      { index: 0, at: 0, do: 'push', id: 'v', kind: 'voip', expiration: 0, priority: 10 },
      { index: 1, at: 1, do: 'push', id: 'b', kind: 'background', expiration: 0, priority: 5 },
      { index: 2, at: 2, do: 'push', id: 'x', kind: 'alert', expiration: 60_000, priority: 5, question: 'Rings?' },
      { index: 3, at: 3, caption: 'Hang up', do: 'cancel', call: 'v', via: 'voip', id: 'c', expiration: 2_000 },
      { index: 4, at: 4, do: 'network', to: 'offline' },
      { index: 5, at: 5, do: 'app', action: 'force-quit' },
      { index: 6, at: 6, do: 'power', policy: 3 },
      { index: 7, at: 7, do: 'wake', by: 'screen' },
      { index: 8, at: 8, do: 'answer', call: 'v' },
      { index: 9, at: 9, do: 'decline', call: 'v' },
      { index: 10, at: 10, do: 'hangup', call: 'v' },
      { index: 11, at: 11, do: 'nat-drop' },
    ]);
  });

  it("the app's optional behaviours appear only when the file sets them", () => {
    expect(loaded(minimal).scenario.app).not.toHaveProperty('completion');
    expect(loaded(minimal).scenario.app).not.toHaveProperty('callAudio');
    const app = loaded({ ...minimal, app: { completion: 'never', callAudio: 'own', learnsCancellation: 'never' } })
      .scenario.app;
    expect(app.completion).toEqual({ mode: 'never' });
    expect(app.callAudio).toBe('own');
    expect(app.learnsCancellation).toBe('never');
  });

  it('a param set in the file wins over the default; one left out keeps it', () => {
    const r = loaded({ ...minimal, params: { throttleFailures: 2 } });
    expect(r.scenario.params.throttleFailures).toBe(2);
    expect(r.migratedFrom).toBeUndefined();
    expect('migratedFrom' in r).toBe(false);
  });
});

describe('text that is not a scenario', () => {
  it.each([
    ['  \n ', 'the file is empty; a scenario is a JSON object'],
    ['['.repeat(100), 'objects and arrays nest more than 32 deep; a scenario needs 4'],
    ['{"a": "\\u12"}', 'not valid JSON at line 1, column 8: a \\u escape needs four hexadecimal digits'],
    ['{"a": 1.}', 'not valid JSON at line 1, column 7: a number that stops half-way'],
    ['{"a": [1 2]}', 'not valid JSON at line 1, column 10: a comma was expected between the items'],
    ['{"a": 1}}', 'not valid JSON at line 1, column 9: more text after the end of the JSON'],
    ['{,}', 'not valid JSON at line 1, column 2: a value was expected here'],
    ['{"a":}', 'not valid JSON at line 1, column 6: a value was expected here'],
    [
      '{"a": .5}',
      'not valid JSON at line 1, column 7: ".5" is not a JSON value; write strings in double quotes, and true, false or null',
    ],
    ['{"a": "x"\n"b": 1}', 'not valid JSON at line 2, column 1: a comma was expected between the items'],
    ['"str" 1', 'not valid JSON at line 1, column 7: more text after the end of the JSON'],
    [
      '{"a": 1, "b": 2,\n ]',
      'not valid JSON at line 2, column 2: a comma before "]"; JSON allows none after the last item',
    ],
    ['{"a": "abc', 'not valid JSON at line 1, column 11: the text ends before the JSON is complete'],
  ])('%j', (text, line) => {
    expect(errorsOf(parseScenarioText(text))).toEqual([line]);
  });

  it('a file over 10 MB is refused with its size', () => {
    expect(errorsOf(parseScenarioText(' '.repeat(10 * 1024 * 1024 + 1)))).toEqual([
      'the file is 10.0 MB; scenarios are limited to 10 MB',
    ]);
  });

  it('a byte-order mark is not counted in the size, nor read as text', () => {
    const r = parseScenarioText(`\uFEFF${JSON.stringify(minimal)}`);
    expect(r.ok).toBe(true);
    expect(errorsOf(parseScenarioText('\uFEFF'))).toEqual(['the file is empty; a scenario is a JSON object']);
  });
});
