import { describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../../machines';
import { fileNameFor, importText } from './documentIO';
import { encodeScenario } from './share';

const file: ScenarioFile = { format: 'ringside.scenario/v1', title: 'My Test: VoIP!', duration: '60s', timeline: [] };

describe('import', () => {
  it('accepts scenario JSON and share links', () => {
    expect(importText(JSON.stringify(file), 'paste')).toEqual({ ok: true, file });
    expect(importText(`https://ringside.example/#s=${encodeScenario(file)}`, 'paste', 'paste')).toEqual({
      ok: true,
      file,
    });
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
  it('opens a file as the file, even when its notes hold a link', () => {
    const other: ScenarioFile = { ...file, title: 'Another scenario' };
    const withLink = { ...file, notes: `See https://ringside.example/#s=${encodeScenario(other)} too` };
    expect(importText(JSON.stringify(withLink), 'mine.ringside.json')).toEqual({ ok: true, file: withLink });
    expect(importText(JSON.stringify(withLink), 'pasted text', 'paste')).toEqual({ ok: true, file: withLink });
    // A link is a link only when pasted as one, on its own.
    expect(importText(`#s=${encodeScenario(other)}`, 'a.json')).toMatchObject({ ok: false });
    expect(importText(`  #v=1,2,3&s=${encodeScenario(other)}\n`, 'pasted text', 'paste')).toEqual({
      ok: true,
      file: other,
    });
  });
  it('names downloads after the title', () => {
    expect(fileNameFor(file)).toBe('my-test-voip.ringside.json');
  });
});
