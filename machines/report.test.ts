import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownReport } from './report';
import { parseScenarioText } from './scenario';
import { simulate } from './simulate';

function report(preset: string): { md: string; pushes: { id: string; fate: string }[] } {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../scenarios', preset), 'utf8'));
  if (!r.ok) throw new Error('preset invalid');
  const { result } = simulate(r.scenario);
  return { md: markdownReport(r.scenario, result), pushes: result.pushes.map((p) => ({ id: p.id, fate: p.fate })) };
}

describe('markdown report', () => {
  it('contains every push, its fate and its why-chain', () => {
    const { md, pushes } = report('five-strikes-then-reinstall.ringside.json');
    for (const p of pushes) {
      expect(md).toContain(`| ${p.id} |`);
      expect(md).toContain(`### ${p.id}: ${p.fate}`);
    }
    expect(md).toContain('**THROTTLE-1**');
    expect(md).toContain('6 reporting failure(s)');
    expect(md).toContain('VoIP delivery to the app was blocked from 40 min 1.1 s');
  });
  it('describes the scenario and its timeline', () => {
    const { md } = report('flight-mode-cancelled.ringside.json');
    expect(md.startsWith('# Cancelled while in flight mode\n')).toBe(true);
    expect(md).toContain('**Device:** iOS 18.5, wifi, locked, app not-running');
    expect(md).toContain('| −30 s | network → offline |');
    expect(md).toContain('| call-1 | voip | 0 s | 27 s | **stale** |');
    expect(md).toContain('1. **APNS-2** at 0 s: The phone had lost its connection');
  });
});
