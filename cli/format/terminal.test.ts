import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, parseScenarioText } from '../../machines';
import { diffReport, runReport, stateReport, whyChains } from './terminal';
import { makeStyle } from './style';

const plain = makeStyle(false);

function preset(name: string) {
  const loaded = parseScenarioText(readFileSync(join(__dirname, '../../scenarios', `${name}.ringside.json`), 'utf8'));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return { scenario: loaded.scenario, ...simulate(loaded.scenario) };
}

describe('runReport', () => {
  const flight = preset('flight-mode-cancelled');
  const lines = runReport(flight.scenario, flight.result, plain);

  it('starts with the title, then iOS, network, lock, the app and the length', () => {
    expect(lines.slice(0, 2)).toEqual([
      'Cancelled while in flight mode',
      'iOS 18.5 · wifi · locked · app not-running · 1 min',
    ]);
  });

  it('lists every event and every push, then strikes, throttling and expectations', () => {
    for (const e of flight.result.events) expect(lines.some((l) => l.includes(e.what))).toBe(true);
    expect(lines).toContain('  id             kind   sent  delivered  fate          rules');
    // It rang 28 s after it was sent, past lateAfter (20 s, an estimate): marked late (CALL-1).
    expect(lines).toContain(
      '  call-1         voip   0 s   27 s       stale (late)  APNS-2 APNS-4 DEV-1 LAUNCH-1 PK-1 CALL-1 CALL-2',
    );
    expect(lines).toContain('  cancel-call-1  alert  5 s   27 s       delivered     APNS-2 APNS-4 DEV-1 PATH-2');
    expect(lines.slice(-3)).toEqual(['Strikes 0', 'Throttled never', 'Expectations 3 hold, 0 fail']);
  });

  it('lists the expectations that fail', () => {
    const wrong = { ...flight.result, expectations: [{ expect: { strikes: 0 }, ok: false, actual: 2 }] };
    expect(runReport(flight.scenario, wrong, plain).slice(-2)).toEqual([
      'Expectations 0 hold, 1 fail',
      '  FAIL expected strikes = 0, got 2',
    ]);
  });
});

describe('whyChains', () => {
  const five = preset('five-strikes-then-reinstall');

  it('prints one line per rule step, the columns aligned across all pushes', () => {
    const lines = whyChains(five.result.pushes, plain).filter((l) => l.startsWith('    '));
    expect(lines).toHaveLength(five.result.pushes.reduce((n, p) => n + p.steps.length, 0));
    const ruleColumn = new Set(lines.map((l) => l.search(/[A-Z]+-\d/)));
    const textColumn = new Set(lines.map((l) => l.search(/[A-Z]+-\d+ +\S/) + /[A-Z]+-\d+ +/.exec(l)![0].length));
    expect(ruleColumn.size).toBe(1);
    expect(textColumn.size).toBe(1);
  });

  it('wraps long sentences under themselves when given a width', () => {
    const lines = whyChains(five.result.pushes.slice(0, 1), plain, 80);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    const first = lines.find((l) => l.includes('PK-1'))!;
    const next = lines[lines.indexOf(first) + 1]!;
    expect(next.search(/\S/)).toBe(first.indexOf('The PushKit'));
  });
});

describe('late pushes (CALL-1, params.lateAfter: an estimate)', () => {
  const nat = preset('broken-nat');

  it('the push and its why-chain say how late it rang, and that the threshold is our estimate', () => {
    const lines = runReport(nat.scenario, nat.result, plain);
    expect(lines.find((l) => l.startsWith('  call-1 '))).toMatch(
      /^ {2}call-1 +voip +1 min +5 min 2 s +rang \(late\) +APNS-2/,
    );
    expect(lines).toContain('  call-1 rang (late)');
    expect(lines).toContain(
      "    Late: rang 4 min 2 s after it was sent; the caller had most likely given up (Ringside's estimate: later than 20 s is late).",
    );
  });

  it('a call that rang within lateAfter is not marked', () => {
    const patient = { ...nat.scenario, params: { ...nat.scenario.params, lateAfter: 5 * 60_000 } };
    const text = runReport(patient, simulate(patient).result, plain).join('\n');
    expect(text).toContain('  call-1 rang\n');
    expect(text).not.toMatch(/late\)|Late:|given up/);
  });

  it('diff marks a push that rang late on one side only', () => {
    const patient = { ...nat.scenario, params: { ...nat.scenario.params, lateAfter: 5 * 60_000 } };
    const other = simulate(patient).result;
    const { lines, differ } = diffReport({ label: 'A', result: nat.result }, { label: 'B', result: other }, plain);
    expect(differ).toBe(1);
    expect(lines.find((l) => l.includes('call-1'))).toMatch(/^≠\s+call-1\s+rang \(late\)\s+rang\s/);
  });
});

describe('stateReport', () => {
  it('describes every actor, and says when the moment is after the scenario', () => {
    const flight = preset('flight-mode-cancelled');
    const lines = stateReport(flight.trace.stateAt(10_000), plain, flight.scenario.duration);
    expect(lines[0]).toBe('State at 10 s');
    expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'State',
      'APNs',
      'phone',
      'callservicesd',
      'app',
      'CallKit',
    ]);
    expect(stateReport(flight.trace.stateAt(120_000), plain, flight.scenario.duration)[0]).toBe(
      'State at 2 min (after the scenario ends at 1 min)',
    );
  });
});

describe('diffReport', () => {
  it('marks pushes whose fate differs, and shows strikes and throttling on both sides', () => {
    const a = preset('slow-cold-launch');
    const b = preset('slow-cold-launch-watchdog');
    const { lines, differ } = diffReport({ label: 'A', result: a.result }, { label: 'B', result: b.result }, plain);
    expect(differ).toBe(1);
    expect(lines.find((l) => l.includes('call-1'))).toMatch(/^≠\s+call-1\s+rang\s+killed\s+/);
    expect(lines.some((l) => /^\s+strikes\s+0\s+0$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+throttled\s+never\s+never$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('1 of 1 pushes differ');
  });

  it('marks a strikes or throttling difference too', () => {
    const a = preset('report-after-fetch');
    const same = diffReport({ label: 'A', result: a.result }, { label: 'B', result: a.result }, plain);
    expect(same.differ).toBe(0);
    expect(same.lines.some((l) => l.startsWith('≠'))).toBe(false);
    const none = { ...a.result, strikes: [], pushes: a.result.pushes.map((p) => ({ ...p, fate: 'rang' as const })) };
    const lines = diffReport({ label: 'A', result: a.result }, { label: 'B', result: none }, plain).lines;
    expect(lines.find((l) => l.includes('strikes'))).toMatch(/^≠\s+strikes\s+1\s+0$/);
  });
});
