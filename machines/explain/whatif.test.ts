import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario';
import { given, network, push } from '../test/harness';
import { whatWouldHaveSaved } from './whatif';

function preset(name: string) {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../../scenarios', `${name}.ringside.json`), 'utf8'));
  if (!r.ok) throw new Error(name);
  return r.scenario;
}

describe('what would have saved a push', () => {
  it('report after a fetch: reporting synchronously', () => {
    const saves = whatWouldHaveSaved(preset('report-after-fetch'), 'call-1');
    expect(saves[0]?.change.id).toBe('report-sync');
    expect(saves[0]?.sentence).toBe(
      'Had the app reported the call before returning from the PushKit handler, this call would have rung.',
    );
  });
  it('main thread blocked: not blocking', () => {
    expect(whatWouldHaveSaved(preset('main-thread-blocked'), 'call-1').map((w) => w.change.id)).toContain(
      'no-main-thread-block',
    );
  });
  it('delegate not set: setting it during launch', () => {
    expect(whatWouldHaveSaved(preset('delegate-not-set-at-launch'), 'call-1')[0]?.change.id).toBe('delegate-at-launch');
  });
  it('backgrounding race: reporting in the foreground, or the iOS 26.4 delegate', () => {
    const ids = whatWouldHaveSaved(preset('backgrounding-race'), 'call-1').map((w) => w.change.id);
    expect(ids).toEqual(['foreground-report', 'ios-26.4-delegate']);
  });
  it('stale ring after flight mode: the iOS 26.4 delegate turns it into a missed call', () => {
    const saves = whatWouldHaveSaved(preset('flight-mode-cancelled'), 'call-1');
    expect(saves.map((w) => [w.change.id, w.fate])).toContainEqual(['ios-26.4-delegate', 'missed']);
  });
  it('expired push: a long expiration; but not when a newer push would replace it anyway', () => {
    const alone = given({ duration: '2m' })
      .at('-10m', network('offline'))
      .at('0s', push('c'))
      .at('30s', network('wifi'))
      .scenario();
    expect(whatWouldHaveSaved(alone, 'c').map((w) => w.change.id)).toEqual(['long-expiration']);
    expect(whatWouldHaveSaved(preset('apns-knows-offline'), 'call-1')).toEqual([]);
  });
  it('suggests nothing for a push that already rang', () => {
    expect(whatWouldHaveSaved(preset('slow-cold-launch'), 'call-1')).toEqual([]);
  });
});
