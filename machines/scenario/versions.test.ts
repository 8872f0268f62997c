import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleById } from '../explain/rules';
import { loadScenario } from '.';
import type { Scenario } from './types';
import { simulate } from '../engine/simulate';
import { scenario } from '../test/harness';
import { IOS_CHANGES, IOS_MUST_REPORT, iosChangesBetween, onIos, parseIos, thresholdText } from './versions';

const v = (text: string) => parseIos(text)!;
const fates = (s: Scenario) => simulate(s).result.pushes.map((p) => `${p.id}:${p.fate}`);

describe('iOS versions', () => {
  it('parses versions as the scenario format writes them', () => {
    expect(v('26.4')).toEqual({ raw: '26.4', major: 26, minor: 4 });
    expect(v('18')).toEqual({ raw: '18', major: 18, minor: 0 });
    expect(v('17.5.1')).toMatchObject({ major: 17, minor: 5 });
    expect(parseIos('eighteen')).toBeUndefined();
    expect(parseIos('18.5.1.2')).toBeUndefined();
  });

  it('lists the changes between two versions, in either order', () => {
    expect(iosChangesBetween(v('18.5'), v('26.4')).map((c) => thresholdText(c.since))).toEqual(['26.4']);
    expect(iosChangesBetween(v('26.4'), v('18.5'))).toEqual(iosChangesBetween(v('18.5'), v('26.4')));
    expect(iosChangesBetween(v('12.5'), v('18.5')).map((c) => thresholdText(c.since))).toEqual(['13', '14']);
    expect(iosChangesBetween(v('26.3'), v('26.3'))).toEqual([]);
    expect(iosChangesBetween(v('26.3'), v('26.4'))).toHaveLength(1);
  });

  it('names only rules that exist in RULES.md', () => {
    for (const change of IOS_CHANGES) for (const id of change.rules) expect(ruleById(id), id).toBeDefined();
  });

  // Each listed change is one the engine really makes: the same scenario either side of it differs.
  it('13: a VoIP push nobody reports is allowed before, a crash after', () => {
    const s = scenario({ app: { report: 'never' } }, [['1s', { do: 'push', id: 'c' }]]);
    expect(fates(onIos(s, v('12.5')))).toEqual(['c:exempt']);
    expect(fates(onIos(s, v('13.0')))).toEqual(['c:crashed']);
  });

  it("14: PushKit's crash message changes", () => {
    const s = scenario({ app: { report: '1s' } }, [['1s', { do: 'push', id: 'c' }]]);
    const why = (ios: string) => simulate(onIos(s, v(ios))).result.pushes[0]!.why;
    expect(why('13.7')).toContain('same run loop');
    expect(why('14.0')).toContain('Killing app because it never posted an incoming call');
  });

  it('26.4: the late push becomes a missed call, but only for an app that adopted the delegate', () => {
    const file = JSON.parse(
      readFileSync(resolve(__dirname, '../../scenarios/flight-mode-cancelled-ios26.ringside.json'), 'utf8'),
    ) as unknown;
    const loaded = loadScenario(file);
    if (!loaded.ok) throw new Error('preset does not load');
    const s = loaded.scenario;
    const before = { major: IOS_MUST_REPORT.major, minor: IOS_MUST_REPORT.minor - 1 };
    expect(fates(onIos(s, { raw: '26.3', ...before }))).toContain('call-1:stale');
    expect(fates(onIos(s, v('26.4')))).toContain('call-1:missed');
    const notAdopted = { ...s, app: { ...s.app, checksMustReport: false } };
    expect(fates(onIos(notAdopted, v('26.4')))).toEqual(fates(onIos(notAdopted, { raw: '26.3', ...before })));
  });
});
