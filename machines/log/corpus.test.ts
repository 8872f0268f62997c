/**
 * The corpus: each log in corpus/ must import to the scenario beside it (`<name>.ringside.json`) and,
 * simulated, give the fates the log shows. Seeds' excerpts are verbatim; `synthetic-*` logs are made
 * of line shapes from the seeds and public threads (corpus/README.md says which). Regenerate the
 * scenarios after a deliberate change with UPDATE_CORPUS=1 npx vitest run machines/log/corpus.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario';
import { simulate } from '../engine/simulate';
import type { Fate } from '../scenario/types';
import { importLog } from './importer';

const DIR = join(import.meta.dirname, 'corpus');

function run(name: string) {
  const imported = importLog(readFileSync(join(DIR, `${name}.log`), 'utf8'), { title: name });
  const text = `${JSON.stringify(imported.scenario, null, 2)}\n`;
  const golden = join(DIR, `${name}.ringside.json`);
  if (process.env.UPDATE_CORPUS) writeFileSync(golden, text);
  const loaded = parseScenarioText(text);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const result = simulate(loaded.scenario).result;
  const fates = Object.fromEntries(result.pushes.map((p) => [p.id, p.fate]));
  return { imported, text, golden: readFileSync(golden, 'utf8'), result, fates };
}

const CASES: { name: string; fates: Record<string, Fate>; also?: (r: ReturnType<typeof run>) => void }[] = [
  {
    // Seed 002's lines alone: the dead zone, with no push line in the excerpt.
    name: 'seed-002-dead-zone',
    fates: {},
    also: ({ imported }) => {
      expect(imported.scenario.device).toEqual({ network: 'cellular', locked: true });
      expect(
        imported.scenario.timeline.map((e) => [
          e.do,
          'to' in e ? e.to : 'policy' in e ? e.policy : 'by' in e ? e.by : '',
        ]),
      ).toEqual([
        ['network', 'cellular-poor'],
        ['power', 3],
        ['network', 'cellular'],
        ['wake', 'cellular-call'],
        ['power', 0],
      ]);
    },
  },
  {
    name: 'synthetic-002-dead-zone-delivered',
    fates: { 'call-1': 'rang' },
    also: ({ result }) => {
      const p = result.pushes[0];
      // Held by APNs through the dead zone (APNS-2), delivered after the carrier call's wake (DEV-2).
      expect(p?.rules).toEqual(expect.arrayContaining(['APNS-2', 'DEV-2']));
      expect(p?.deliveredAt).toBeGreaterThan(244_466);
    },
  },
  {
    name: 'seed-003-null-session',
    fates: { 'call-1': 'rang', 'call-2': 'rang', 'call-3': 'rang' },
    also: ({ imported }) => {
      expect(imported.scenario.timeline.some((e) => e.do === 'mediaserverd-crash')).toBe(true);
      expect(imported.scenario.app).toMatchObject({ activatesAudioSession: true });
    },
  },
  {
    name: 'seed-003-setconfiguration',
    fates: { 'call-1': 'rang' },
    also: ({ imported }) => {
      expect(imported.scenario.app).toEqual({ setConfigurationBeforeReport: true });
      expect(imported.scenario.device).toEqual({ app: 'not-running' });
    },
  },
  {
    name: 'synthetic-kill-0xbaadca11',
    fates: { 'call-1': 'killed' },
    also: ({ result, imported }) => {
      expect(result.pushes[0]?.rules).toContain('KILL-1');
      expect(imported.stats.unrecognised).toBe(1);
    },
  },
  { name: 'synthetic-crash-pk1', fates: { 'call-1': 'crashed' } },
  {
    name: 'synthetic-five-strikes-throttle',
    fates: {
      'call-1': 'crashed',
      'call-2': 'crashed',
      'call-3': 'crashed',
      'call-4': 'crashed',
      'call-5': 'crashed',
      'call-6': 'throttled',
    },
  },
  {
    name: 'synthetic-throttle-only',
    fates: {
      'earlier-1': 'crashed',
      'earlier-2': 'crashed',
      'earlier-3': 'crashed',
      'earlier-4': 'crashed',
      'earlier-5': 'crashed',
      'call-1': 'throttled',
      'call-2': 'throttled',
    },
  },
  {
    name: 'synthetic-console-midnight',
    fates: { 'call-1': 'rang' },
    also: ({ imported }) => expect(imported.scenario.device).toEqual({ network: 'wifi' }),
  },
  {
    name: 'synthetic-null-session-answered',
    fates: { 'call-1': 'rang' },
    also: ({ result }) => expect(result.pushes[0]?.audio).toBe('none'),
  },
];

describe('the corpus', () => {
  for (const c of CASES) {
    it(`${c.name} imports to its scenario and gives the fates the log shows`, () => {
      const r = run(c.name);
      // Compared as JSON: prettier formats the files (`ringside import -o` writes the same content).
      expect(JSON.parse(r.text)).toEqual(JSON.parse(r.golden));
      expect(r.fates).toEqual(c.fates);
      // Every observed expectation holds: the model agrees with the log.
      const observed = r.result.expectations.filter((e) => 'observed' in e.expect && e.expect.observed);
      expect(observed.filter((e) => 'fate' in e.expect).length).toBe(
        Object.keys(c.fates).filter((id) => !id.startsWith('earlier-')).length,
      );
      expect(observed.every((e) => e.ok)).toBe(true);
      c.also?.(r);
    });
  }
});

describe('the import', () => {
  it('writes every inference into the notes', () => {
    const { imported } = run('synthetic-kill-0xbaadca11');
    expect(imported.inferred.some((x) => x.includes('delegateAtLaunch = false'))).toBe(true);
    for (const x of imported.inferred) expect(imported.scenario.notes).toContain(x);
  });

  it('lists what each recognised line became', () => {
    const { imported } = run('seed-003-setconfiguration');
    expect(imported.lines.map((l) => l.became)).toEqual([
      'VoIP push call-1 reached the phone at 0 s',
      'the app was launched for call-1',
      'call-1 handed to the app',
      'setConfiguration at 75 ms',
      'the same setConfiguration',
      'the same setConfiguration',
      'call-1 reported: it rang',
      'the same report as call-1',
    ]);
  });

  it('turns a divergence into a failing observed expectation', () => {
    // The log shows a report; a scenario edited to never report disagrees with it.
    const { imported } = run('seed-003-setconfiguration');
    const loaded = parseScenarioText(JSON.stringify({ ...imported.scenario, app: { report: 'never' } }));
    if (!loaded.ok) throw new Error('does not load');
    const [first] = simulate(loaded.scenario).result.expectations;
    expect(first).toMatchObject({ ok: false, actual: 'crashed', expect: { push: 'call-1', observed: true } });
  });
});
