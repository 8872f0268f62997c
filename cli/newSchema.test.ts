import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, savedScenarioText, SCHEMA_ID } from '../machines';
import { main } from './main';

describe('Save and ringside new write the same $schema', () => {
  it('a document opened from a preset is saved with the schema id, as ringside new - writes it', async () => {
    const loaded = parseScenarioText(readFileSync('scenarios/backgrounding-race.ringside.json', 'utf8'));
    if (!loaded.ok) throw new Error('the preset loads');
    expect(loaded.file.$schema).toBe('../schema/ringside.scenario.v1.json');
    const saved = JSON.parse(savedScenarioText(loaded.file)) as { $schema: string };
    let out = '';
    const code = await main(['node', 'ringside', 'new', '-'], {
      stdout: { write: (text: string) => (out += text), isTTY: false },
      stderr: { write: () => undefined },
      stdin: Readable.from([]),
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(code).toBe(0);
    expect((JSON.parse(out) as { $schema: string }).$schema).toBe(saved.$schema);
    expect(saved.$schema).toBe(SCHEMA_ID);
  });
});
