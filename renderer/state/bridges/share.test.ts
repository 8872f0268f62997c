import { describe, expect, it } from 'vitest';
import type { ScenarioFile } from '../../../machines';
import { deflateSync, strToU8 } from 'fflate';
import { decodeScenario, decodeView, encodeScenario, encodeView, inflateAtMost } from './share';

/** A link to any text, as encodeScenario makes them. */
function linkTo(text: string): string {
  const bytes = deflateSync(strToU8(text), { level: 9 });
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#s=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const file: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'Shared ✓ with ünïcode',
  duration: '60s',
  timeline: [{ at: '0s', do: 'push', id: 'call-1', kind: 'voip' }],
};

describe('share links', () => {
  it('round-trips a scenario through the URL fragment', () => {
    const decoded = decodeScenario(`#s=${encodeScenario(file)}`);
    expect(decoded).toEqual({ ok: true, file });
  });
  it('ignores fragments without a scenario and reports damaged ones', () => {
    expect(decodeScenario('#view=1')).toBeUndefined();
    expect(decodeScenario('#s=AAAA')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the link is damaged: its scenario cannot be read' }],
    });
  });
  it('reports an invalid scenario with its paths', () => {
    const bad = decodeScenario(`#s=${encodeScenario({ ...file, duration: 'soon' })}`);
    expect(bad?.ok).toBe(false);
    expect(bad && !bad.ok && bad.errors[0]?.path).toBe('duration');
  });
});

describe('view in share links', () => {
  it('round-trips the view, the playhead and the selected push next to the scenario', () => {
    const fragment = `#s=${encodeScenario(file)}&${encodeView({ start: -30_000, end: 60_000, playhead: 27_000, push: 'call-1' })}`;
    expect(decodeView(fragment)).toEqual({ start: -30_000, end: 60_000, playhead: 27_000, push: 'call-1' });
    expect(decodeScenario(fragment)).toEqual({ ok: true, file });
  });
  it('ignores a malformed view', () => {
    expect(decodeView('#s=abc&v=10,5,0')).toBeUndefined();
    expect(decodeView('#s=abc')).toBeUndefined();
  });
});

describe('hostile links are held to the limits of files', () => {
  it('stops inflating a bomb at 10 MB instead of inflating it whole', () => {
    // 11 MB of spaces compresses to ~11 KB; a 67 KB link used to inflate whole to 50 MB and more.
    const bomb = linkTo(`{"format":"ringside.scenario/v1","title":"${' '.repeat(11 * 1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(30_000);
    expect(decodeScenario(bomb)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the link holds more than 10 MB of scenario; scenarios are limited to 10 MB' }],
    });
  });

  it('inflates what fits exactly, and nothing beyond the limit', () => {
    const bytes = deflateSync(new Uint8Array(5_000).fill(65));
    expect(inflateAtMost(bytes, 5_000)?.length).toBe(5_000);
    expect(inflateAtMost(bytes, 4_999)).toBeUndefined();
  });

  it("refuses deep nesting, huge numbers and an inherited format with the loader's messages", () => {
    const deep = decodeScenario(
      linkTo(`{"format":"ringside.scenario/v1","t":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
    );
    expect(deep).toEqual({
      ok: false,
      errors: [{ path: '', message: 'objects and arrays nest more than 32 deep; a scenario needs 4' }],
    });
    const proto = decodeScenario(linkTo(JSON.stringify({ ...file, format: 'constructor' })));
    expect(proto?.ok === false && proto.errors[0]?.path).toBe('format');
  });

  it('refuses a link with more events than a file may have', () => {
    const timeline = Array.from({ length: 30_000 }, (_, i) => ({ at: i, do: 'lock' }));
    const many = decodeScenario(linkTo(JSON.stringify({ ...file, timeline })));
    expect(many?.ok === false && many.errors[0]?.message).toMatch(/has 30,000 events/);
  });
});
