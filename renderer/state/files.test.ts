import { describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../machines';
import { fileNameFor, importText } from './files';
import { encodeScenario } from './share';

const file: ScenarioFile = { format: 'ringside.scenario/v1', title: 'My Test: VoIP!', duration: '60s', timeline: [] };

describe('import', () => {
  it('accepts scenario JSON and share links', () => {
    expect(importText(JSON.stringify(file), 'paste')).toEqual({ ok: true, file });
    expect(importText(`https://ringside.example/#s=${encodeScenario(file)}`, 'paste')).toEqual({ ok: true, file });
  });
  it('names the source and the path of every problem', () => {
    expect(importText('{ "format": ', 'broken.json')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^broken\.json: not valid JSON at line 1/) as unknown],
    });
    const r = importText(JSON.stringify({ ...file, duration: 'soon' }), 'x.ringside.json');
    expect(r).toEqual({
      ok: false,
      errors: ['x.ringside.json: duration: "soon" is not a duration; use ms or "5s", "2m", "1h"'],
    });
  });
  it('names downloads after the title', () => {
    expect(fileNameFor(file)).toBe('my-test-voip.ringside.json');
  });
});
