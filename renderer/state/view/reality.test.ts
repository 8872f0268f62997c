import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLog, parseScenarioText, simulate, type ScenarioFile } from '../../../machines';
import { realityRows } from './reality';

const CORPUS = join(import.meta.dirname, '../../../machines/log/corpus');

function run(file: ScenarioFile) {
  const loaded = parseScenarioText(JSON.stringify(file));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return simulate(loaded.scenario).result;
}

const log = importLog(readFileSync(join(CORPUS, 'synthetic-null-session-answered.log'), 'utf8'));
const evidence = {
  'call-1': [
    { line: 1, at: 0, process: 'callservicesd', text: 'Received…', became: 'VoIP push call-1', rule: 'APNS-1' },
  ],
};

describe('realityRows', () => {
  it('lists each observed expectation beside what the rules give, agreeing, with both why-chains', () => {
    const rows = realityRows(run(log.scenario), evidence);
    expect(rows.map((r) => [r.push, r.what, r.observed, r.model, r.agree])).toEqual([
      ['call-1', 'fate', 'rang', 'rang', true],
      ['call-1', 'audio', 'none', 'none', true],
    ]);
    expect(rows[0]?.logWhy).toEqual(evidence['call-1']);
    expect(rows[0]?.modelWhy.length).toBeGreaterThan(0);
    expect(rows[0]?.lead).toBeUndefined();
  });

  it('words a divergence as a lead naming both sides and the log lines', () => {
    const rows = realityRows(run({ ...log.scenario, app: { report: 'never' } }), evidence);
    const fate = rows.find((r) => r.what === 'fate');
    expect(fate).toMatchObject({ observed: 'rang', model: 'crashed', agree: false });
    expect(fate?.modelWhy.map((s) => s.rule)).toContain('PK-1');
    expect(fate?.lead).toBe(
      "A lead: the log shows call-1 rang, the rules give crashed. Either the model lacks a rule for what happened here, or a log line was misread (line 1); the import's inferences are in the notes.",
    );
  });

  it('skips expectations written by hand (not observed)', () => {
    const file = {
      ...log.scenario,
      expect: [
        { push: 'call-1', fate: 'crashed' as const },
        { push: 'call-1', fate: 'rang' as const, observed: false },
      ],
    };
    expect(realityRows(run(file))).toEqual([]);
  });
});
