import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PARAMS } from './params';
import { simulate } from '../engine/simulate';
import { parseDuration } from '../engine/time';
import { formatErrors, loadScenario, parseScenarioText, serializeScenario, type LoadResult } from './index';
import { schemaText } from './jsonSchema';
import { EVENT_TYPES } from './schema';

const SCHEMA_FILE = resolve(__dirname, '../../schema/ringside.scenario.v1.json');

const SCENARIOS = resolve(__dirname, '../../scenarios');
const minimal = { format: 'ringside.scenario/v1', title: 't', duration: '60s', timeline: [] as unknown[] };

function errorsOf(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : formatErrors(result.errors);
}

describe('durations', () => {
  it.each([
    [250, 250],
    ['250ms', 250],
    ['5s', 5_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['24h5m', 86_700_000],
    ['-30s', -30_000],
    ['  7s ', 7_000],
    ['90', 90],
  ])('%j is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['5x', '', ' ', 's', '5 seconds', '1h-5m', 'NaN'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('loadScenario', () => {
  it('fills every default of SCENARIO-FORMAT.md', () => {
    const r = loadScenario(minimal);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join());
    expect(r.scenario.device).toEqual({
      ios: { raw: '18.5', major: 18, minor: 5 },
      network: 'wifi',
      locked: true,
      app: 'suspended',
    });
    expect(r.scenario.app).toMatchObject({
      delegateAtLaunch: true,
      launch: 1_000,
      report: { mode: 'sync' },
      blockMainThread: 0,
      foreground: 'report',
      onCall: 'reuse-uuid',
      checksMustReport: false,
      learnsCancellation: 'never',
      debuggerAttached: false,
    });
    expect(r.scenario.params).toEqual(DEFAULT_PARAMS);
    expect(r.scenario.notes).toBe('');
    expect(r.scenario.expect).toEqual([]);
  });

  it('normalizes events and sorts them stably by time, keeping their file index', () => {
    const r = loadScenario({
      ...minimal,
      timeline: [
        { at: '5s', do: 'push', id: 'b' },
        { at: 0, do: 'network', to: 'offline' },
        { at: '5s', do: 'cancel', call: 'b' },
        { at: '-1s', do: 'lock' },
      ],
      params: { callservicesdDeadline: '5s', throttleFailures: 3 },
      app: { report: '1.5s', learnsCancellation: '8s' },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.timeline.map((e) => [e.index, e.at, e.do])).toEqual([
      [3, -1_000, 'lock'],
      [1, 0, 'network'],
      [0, 5_000, 'push'],
      [2, 5_000, 'cancel'],
    ]);
    expect(r.scenario.timeline[2]).toMatchObject({ kind: 'voip', expiration: 0, priority: 10 });
    expect(r.scenario.timeline[3]).toMatchObject({ via: 'alert', id: 'cancel-b', expiration: 0 });
    expect(r.scenario.params.callservicesdDeadline).toBe(5_000);
    expect(r.scenario.params.throttleFailures).toBe(3);
    expect(r.scenario.app.report).toEqual({ mode: 'after', delay: 1_500 });
    expect(r.scenario.app.learnsCancellation).toBe(8_000);
  });

  it('reports several problems at once, each with its path', () => {
    const lines = errorsOf(
      loadScenario({
        ...minimal,
        duration: 'soon',
        device: { ios: 'eighteen', network: 'wify' },
        app: { report: 'later' },
        params: { callservicesDeadline: '5s' },
        timeline: [{ at: '1s', do: 'push', id: '' }],
      }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'duration: "soon" is not a duration; use ms or "5s", "2m", "1h"',
        'device.ios: "eighteen" is not an iOS version; write it like "18.5" or "26.4"',
        'app.report: "later" is not "sync", "never" or a duration; use ms or "5s", "2m", "1h"',
        'params.callservicesDeadline: unknown key "callservicesDeadline"; did you mean "callservicesdDeadline"?',
        'timeline[0].id: must not be empty',
      ]),
    );
    expect(lines.some((l) => l.startsWith('device.network: "wify" is not allowed here'))).toBe(true);
  });

  it("words a value of the wrong type as the others are worded, never in the schema library's terms", () => {
    // Found by mutating the presets at random: "must be a object", "false: must be a duration: …",
    // zod's "Invalid discriminator value" for a number in "do", and "Too small: expected number …".
    const lines = errorsOf(
      loadScenario({
        ...minimal,
        device: 'phone',
        app: { launch: false, learnsCancellation: null },
        expect: [{ strikes: -1 }],
        timeline: [{ at: '1s', do: 5 }, { do: 'network', to: 'wifi' }, 'push'],
      }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'device: "phone" must be an object',
        'app.launch: false must be a duration: use ms or "5s", "2m", "1h"',
        'app.learnsCancellation: null must be "never" or a duration',
        'expect[0].strikes: -1 must be 0 or more',
        `timeline[0].do: 5 is not an event; use a word from: ${EVENT_TYPES.join(', ')}`,
        'timeline[1].at: is required: a duration: use ms or "5s", "2m", "1h"',
        'timeline[2]: "push" must be an object',
      ]),
    );
  });

  it('rejects negative durations where time cannot go back', () => {
    expect(errorsOf(loadScenario({ ...minimal, app: { launch: '-1s' } }))).toEqual([
      'app.launch: "-1s" is negative; launch must be 0 or more',
    ]);
  });

  it('accepts "$schema" and keeps the file as written', () => {
    const doc = {
      $schema: '../schema/ringside.scenario.v1.json',
      ...minimal,
      timeline: [{ at: '5s', do: 'push', id: 'c' }],
    };
    const r = loadScenario(doc);
    expect(r.ok && r.file).toEqual(doc);
  });

  it('carries present-mode captions and questions, and suggests "question" for a typo', () => {
    const r = loadScenario({
      ...minimal,
      timeline: [
        { at: '5s', do: 'push', id: 'c', caption: 'The caller rings.', question: 'Will it ring?' },
        { at: '6s', do: 'lock', caption: 'Pocket.' },
      ],
    });
    if (!r.ok) throw new Error(formatErrors(r.errors).join());
    expect(r.scenario.timeline[0]).toMatchObject({ caption: 'The caller rings.', question: 'Will it ring?' });
    expect(r.scenario.timeline[1]).toMatchObject({ caption: 'Pocket.' });
    const typo = errorsOf(loadScenario({ ...minimal, timeline: [{ at: 0, do: 'push', id: 'c', questoin: 'x' }] }));
    expect(typo.join('\n')).toMatch(/timeline\[0\].*questoin.*question/s);
    const onLock = errorsOf(loadScenario({ ...minimal, timeline: [{ at: 0, do: 'lock', question: 'x' }] }));
    expect(onLock.join('\n')).toMatch(/timeline\[0\]/);
  });

  it('migrates old formats through a chain and says from which', () => {
    const migrations = {
      'ringside.scenario/v0': {
        to: 'ringside.scenario/v0.5',
        migrate: ({ name, ...rest }: Record<string, unknown>) => ({ ...rest, title: name }),
      },
      'ringside.scenario/v0.5': { to: 'ringside.scenario/v1', migrate: (d: Record<string, unknown>) => d },
    };
    const r = loadScenario(
      { ...minimal, format: 'ringside.scenario/v0', title: undefined, name: 'Old' },
      { migrations },
    );
    expect(r.ok && r.scenario.title).toBe('Old');
    expect(r.ok && r.migratedFrom).toBe('ringside.scenario/v0');
  });

  it('refuses a phone that starts locked with the app in the foreground, naming both fields (EXEMPT-1)', () => {
    const locked = loadScenario({ ...minimal, device: { locked: true, app: 'foreground' } });
    expect(errorsOf(locked).join('\n')).toMatch(/device\.app.*device\.locked|device\.locked.*device\.app/);
    // locked is true by default: a foreground app needs "locked": false said
    expect(loadScenario({ ...minimal, device: { app: 'foreground' } }).ok).toBe(false);
    expect(loadScenario({ ...minimal, device: { locked: false, app: 'foreground' } }).ok).toBe(true);
  });
  it('refuses unknown formats, naming the known ones', () => {
    expect(errorsOf(loadScenario({ ...minimal, format: 'nope' }))).toEqual([
      'format: "nope" is not a scenario format this version of Ringside knows ("ringside.scenario/v1")',
    ]);
  });
});

describe('parseScenarioText', () => {
  it('names line and column of a JSON error', () => {
    expect(errorsOf(parseScenarioText('{\n  "format": "x",\n  oops\n}'))[0]).toMatch(
      /^not valid JSON at line 3, column 3/,
    );
  });
  it('points at the end of a truncated file', () => {
    expect(errorsOf(parseScenarioText('{\n  "format": "ringside.scenario/v1",\n  "title": '))[0]).toBe(
      'not valid JSON at line 3, column 12: the text ends before the JSON is complete',
    );
  });
  it.each([
    ['// a note\n{}', 'line 1, column 1: a comment; JSON has none (put notes in "notes")'],
    ['{ /* c */ "title": "t" }', 'line 1, column 3: a comment; JSON has none'],
    [
      '{\n  "title": undefined\n}',
      'line 2, column 12: "undefined" is not a JSON value; write strings in double quotes',
    ],
    ['{\n "title": tru\n}', 'line 2, column 11: "tru" is not a JSON value'],
    ['{"title": "t",}', 'line 1, column 15: a comma before "}"; JSON allows none after the last item'],
    ["{'title': 't'}", 'line 1, column 2: a single quote; JSON strings and names take double quotes'],
    ['{"title": "t"} x', 'line 1, column 16: more text after the end of the JSON'],
    // From jsonc-parser's error offsets, not V8's wording: the exact character, in words.
    ['{\n  title: "t"\n}', 'line 2, column 3: "title" is a name without double quotes'],
    ['{"a": "x\ty"}', 'line 1, column 9: a control character (a tab or line break) inside a string'],
    ['{"a": "\\q"}', 'line 1, column 8: an escape JSON does not know'],
    ['{"a" "b"}', 'line 1, column 6: a ":" was expected after the name'],
    ['{"a": 1 "b": 2}', 'line 1, column 9: a comma was expected between the items'],
    ['[1,2', 'line 1, column 5: the text ends before the JSON is complete'],
  ])('names the place and the mistake in %j', (text, expected) => {
    // V8 names no place for an unexpected token: "Unexpected token 'u', … is not valid JSON".
    expect(errorsOf(parseScenarioText(text))[0]).toContain(`not valid JSON at ${expected}`);
  });
  it('ignores a UTF-8 byte-order mark', () => {
    expect(parseScenarioText(`\uFEFF${JSON.stringify(minimal)}`).ok).toBe(true);
  });
  it('refuses files over 10 MB before parsing', () => {
    expect(errorsOf(parseScenarioText(' '.repeat(10 * 1024 * 1024 + 1)))[0]).toMatch(/limited to 10 MB/);
  });
});

describe('broken corpus (scenarios/broken)', () => {
  const expected = JSON.parse(readFileSync(resolve(SCENARIOS, 'broken/expected-errors.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  it('covers every file in the folder', () => {
    const files = readdirSync(resolve(SCENARIOS, 'broken')).filter((f) => f !== 'expected-errors.json');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
  it.each(Object.entries(expected))('%s', (file, messages) => {
    const lines = errorsOf(parseScenarioText(readFileSync(resolve(SCENARIOS, 'broken', file), 'utf8')));
    for (const m of messages)
      expect(
        lines.some((l) => l.includes(m)),
        `${m}\n in:\n${lines.join('\n')}`,
      ).toBe(true);
  });
});

describe('presets (scenarios/*.ringside.json)', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.ringside.json'));
  it('there are at least 16, each with notes and expectations', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
  });
  it.each(files)('%s loads, every expectation holds, and it round-trips', (file) => {
    const text = readFileSync(resolve(SCENARIOS, file), 'utf8');
    const r = parseScenarioText(text);
    if (!r.ok) throw new Error(formatErrors(r.errors, file).join('\n'));
    expect(r.scenario.notes.length).toBeGreaterThan(80);
    expect(r.scenario.expect.length).toBeGreaterThan(0);
    const failed = simulate(r.scenario).result.expectations.filter((e) => !e.ok);
    expect(failed).toEqual([]);
    const again = parseScenarioText(serializeScenario(r.file));
    expect(again.ok && again.scenario).toEqual(r.scenario);
  });
});

describe('JSON Schema', () => {
  it('schema/ringside.scenario.v1.json is generated from the zod schema (run npx tsx scripts/gen-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });
  it('describes every top-level field and event type', () => {
    const schema = JSON.parse(schemaText()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'format',
      'title',
      'notes',
      'duration',
      'device',
      'app',
      'params',
      'timeline',
      'expect',
    ]);
    expect(schemaText()).toContain('"const": "mediaserverd-crash"');
  });
});

describe('serializeScenario', () => {
  it('writes a stable key order, whatever order the keys came in', () => {
    const text = serializeScenario({
      timeline: [{ id: 'c', do: 'push', at: '1s' }],
      title: 't',
      format: 'ringside.scenario/v1',
      duration: '1m',
    } as never);
    expect(text).toBe(
      '{\n  "format": "ringside.scenario/v1",\n  "title": "t",\n  "duration": "1m",\n  "timeline": [\n    {\n      "at": "1s",\n      "do": "push",\n      "id": "c"\n    }\n  ]\n}\n',
    );
  });
});
