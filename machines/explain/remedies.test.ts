import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate';
import { parseScenarioText } from '../scenario';
import type { Scenario } from '../scenario/types';
import { throttleLifts, whatCanBeDone } from './remedies';

function preset(name: string): Scenario {
  const r = parseScenarioText(readFileSync(resolve(__dirname, '../../scenarios', `${name}.ringside.json`), 'utf8'));
  if (!r.ok) throw new Error(name);
  return r.scenario;
}

const byWho = (s: Scenario, push: string) =>
  whatCanBeDone(s, push).map(
    (r) => `${r.who}: ${r.text}${r.rule ? ` [${r.rule}]` : ''}${r.change ? ` {${r.change}}` : ''}`,
  );

describe('what can be done', () => {
  it('throttled: the phone can reinstall, update or wait until a stated time; the developers fix the strikes', () => {
    expect(byWho(preset('five-strikes-then-reinstall'), 'call-6')).toEqual([
      'phone: Delete and reinstall the app: that lifts the block at once. [THROTTLE-2]',
      'phone: Update the app: that probably lifts the block too. [THROTTLE-2]',
      'phone: Or wait: the block lifts by itself at 24 h 100 ms (scenario time), 24 hours after the oldest of the failures that caused it. [THROTTLE-2]',
      'developers: Report the call to CallKit before the PushKit handler returns, not after a fetch or a delay. {report-sync}',
      'server: Nothing shows on the server: APNs still answers HTTP 200 while the block stands, so watch for calls that never connect. [THROTTLE-1]',
    ]);
  });

  it('comes from the counterfactual search: the delegate, the expiration, the iOS 26.4 delegate', () => {
    expect(byWho(preset('delegate-not-set-at-launch'), 'call-1')).toContain(
      'developers: Set the PKPushRegistry delegate at launch, in didFinishLaunchingWithOptions. {delegate-at-launch}',
    );
    expect(byWho(preset('apns-knows-offline'), 'call-1')).toEqual([
      'server: Send calls with an apns-expiration of a minute or more, not 0, so APNs keeps them while the phone is offline. [APNS-3]',
    ]);
    const stale = byWho(preset('flight-mode-cancelled'), 'call-1');
    expect(stale).toContain('phone: Update the phone to iOS 26.4 or later. [MUST-1] {ios-26.4-delegate}');
    expect(stale.findIndex((r) => r.startsWith('phone'))).toBe(0);
  });

  it('comes from the rules where no single change saves the push: background cancel, no audio, powerd, debugger', () => {
    expect(byWho(preset('background-push-cancel-ignored'), 'cancel-call-1')).toContain(
      'server: Do not cancel a call with a background push: send the cancellation as an alert or a VoIP push. [PATH-3]',
    );
    expect(byWho(preset('null-audio-session'), 'call-1')).toEqual([
      'developers: Call setConfiguration on the CXProvider just before each report. [AUDIO-2]',
    ]);
    expect(byWho(preset('powerd-dead-zone'), 'call-1')[0]).toMatch(/^phone: Turn the screen on .* \[DEV-2\]$/);
    expect(byWho(preset('debugger-attached'), 'call-1')).toContain(
      "developers: Test with the debugger detached: it hides the crash that customers' phones will see. [DBG-1]",
    );
    expect(byWho(preset('on-call-reuse-uuid'), 'call-1')).toEqual([]);
  });
});

describe('what lifted the block (THROTTLE-2)', () => {
  it('five strikes: the reinstall, before the 24 h window would have', () => {
    const s = preset('five-strikes-then-reinstall');
    expect(throttleLifts(s, simulate(s).result)).toEqual([
      {
        from: 2_401_100,
        until: 7_200_000,
        by: 'reinstall',
        byItself: 86_400_100,
        what: 'deleting and reinstalling the app',
      },
    ]);
  });
  it('the 24 h window: the oldest failure leaving it', () => {
    const s = preset('throttle-24h-window');
    const [lift] = throttleLifts(s, simulate(s).result);
    expect(lift).toMatchObject({ by: 'window', until: 86_400_100 });
    expect(lift!.byItself).toBeUndefined();
    expect(lift!.what).toBe('itself, 24 hours after the oldest failure');
  });
});
