import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario';
import { LogImporter, MAX_OBSERVATIONS } from './importer';

const POLICY = (i: number) =>
  `2026-03-02 09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000000+0000 powerd: Sending com.apple.powerd.assertionpolicy ${i % 2 ? 3 : 0}\n`;

describe('the streaming import', () => {
  it('keeps at most MAX_OBSERVATIONS recognised lines and says how many more it counted', () => {
    const importer = new LogImporter();
    for (let i = 0; i < MAX_OBSERVATIONS + 5; i++) importer.push(POLICY(i));
    const out = importer.end();
    expect(out.stats.recognised).toBe(MAX_OBSERVATIONS + 5);
    expect(out.lines).toHaveLength(MAX_OBSERVATIONS);
    expect(out.scenario.notes).toContain(`Only the first ${MAX_OBSERVATIONS} recognised lines were imported; 5 more`);
  });

  it('gives a scenario the loader accepts, observed expectations included', () => {
    const importer = new LogImporter({ title: 'paste' });
    importer.push(
      '2026-03-02 09:20:00.000100 callservicesd: Received incoming APS message from application with bundle identifier <private> and topic <private>\n',
    );
    importer.push(
      "2026-03-02 09:20:00.081300 MyVoIP: reason: 'Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push.'",
    );
    const { scenario } = importer.end();
    const loaded = parseScenarioText(JSON.stringify(scenario));
    expect(loaded.ok && loaded.scenario.expect).toEqual([{ push: 'call-1', fate: 'crashed', observed: true }]);
  });
});
