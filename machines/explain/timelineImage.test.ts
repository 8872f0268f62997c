import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { LANES } from '../engine/result';
import { parseScenarioText } from '../scenario';
import { escapeXml } from './escape';
import { FATE_SYMBOL } from './fates';
import { htmlReport } from './report';
import { timelineImage } from './timelineImage';

function load(preset: string) {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../../scenarios', `${preset}.ringside.json`), 'utf8'));
  if (!r.ok) throw new Error('preset invalid');
  return { scenario: r.scenario, ...simulate(r.scenario) };
}

/** The push rows of an image: id → the fate text written beside it. */
function rows(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(
    /<g class="push" data-push="([^"]*)"[^>]*>[\s\S]*?font-weight="600">([^<]*)<\/text>\n<\/g>/g,
  ))
    out.set(m[1]!, m[2]!);
  return out;
}

describe('timelineImage', () => {
  const five = load('five-strikes-then-reinstall');
  const svg = timelineImage(five.scenario, five.result, five.trace);

  it('is an accessible image named after the scenario, with every lane labelled in text', () => {
    expect(
      svg.startsWith(
        '<svg class="timeline-image" role="img" aria-label="Timeline of “Five strikes: throttled, then reinstalled”"',
      ),
    ).toBe(true);
    expect(svg).toContain('<title>Timeline of “Five strikes: throttled, then reinstalled”</title>');
    expect(svg).toContain('>Five strikes: throttled, then reinstalled</text>');
    for (const lane of LANES) expect(svg).toContain(`data-lane="${lane}"`);
    expect(svg).toContain('>callservicesd</text>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws every push with its fate in words and symbol, as the result has it', () => {
    const drawn = rows(svg);
    expect([...drawn.keys()]).toEqual(five.result.pushes.map((p) => p.id));
    for (const p of five.result.pushes) expect(drawn.get(p.id)).toBe(`${FATE_SYMBOL[p.fate]} ${p.fate}`);
    expect(drawn.get('call-6')).toBe('⊘ throttled');
  });

  it("draws the lanes' intervals and markers: the throttle window and the strikes", () => {
    expect(svg).toContain('>VoIP delivery blocked (5 failures in 24 h)</text>');
    expect(svg.match(/<title>[^<]*strike: call-\d crashed<\/title>/g)).toHaveLength(6);
  });

  it('marks a call that rang past lateAfter as late', () => {
    const nat = load('broken-nat');
    expect(rows(timelineImage(nat.scenario, nat.result, nat.trace)).get('call-1')).toBe('✓ rang (late)');
  });

  it('escapes the scenario text; adds the namespace only for a file of its own; deterministic', () => {
    const evil = { ...five.scenario, title: `<script>"x"</script>` };
    const image = timelineImage(evil, five.result, five.trace);
    expect(image).not.toContain('<script');
    expect(image).toContain(`<title>Timeline of “${escapeXml(evil.title)}”</title>`);
    expect(svg).not.toContain('xmlns');
    expect(timelineImage(five.scenario, five.result, five.trace, { standalone: true })).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    expect(timelineImage(five.scenario, five.result, five.trace)).toBe(svg);
  });

  it('counts the pushes past maxPushes in one line', () => {
    const short = timelineImage(five.scenario, five.result, five.trace, { maxPushes: 3 });
    expect(rows(short).size).toBe(3);
    expect(short).toContain('… and 5 more pushes (see the table)');
  });
});

describe('the HTML report carries the timeline image', () => {
  it('inline, in the Timeline section, the same with or without the trace handed in', () => {
    const five = load('five-strikes-then-reinstall');
    const html = htmlReport(five.scenario, five.result, five.trace);
    const section = html.slice(html.indexOf('<section class="timeline">'), html.indexOf('<section class="pushes">'));
    expect(section).toContain(timelineImage(five.scenario, five.result, five.trace));
    expect(htmlReport(five.scenario, five.result)).toBe(html);
  });
});
