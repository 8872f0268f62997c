/**
 * The rules the device (apsd, powerd, the network) decides: one describe per rule ID of RULES.md (PATH-1, DEV-1, DEV-2, DEV-3).
 * machines/test/coverage.test.ts checks that every rule has one somewhere under actors/. Each test pairs the
 * rule's case with a contrast that differs only where the rule bites, so a broken rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { given, network, push } from '../../test/harness';

describe('PATH-1', () => {
  it('delivery does not depend on the app state: every app state gets the push', () => {
    for (const app of ['not-running', 'foreground', 'background', 'suspended'] as const) {
      const run = given({ device: { app } }).at('0s', push('call-1')).run();
      expect(run.push('call-1').deliveredAt, app).toBe(100);
    }
  });
  it('a broken device connection stops every push at once, VoIP and alert alike', () => {
    const run = given({ duration: '2m' })
      .at('0s', network('offline'))
      .at('10s', push('voip-1'), push('alert-1', { kind: 'alert' }))
      .run();
    expect(run.fate('voip-1')).toBe('undelivered');
    expect(run.fate('alert-1')).toBe('undelivered');
  });
});

describe('DEV-1', () => {
  it('queued pushes wait for the reconnect handshake (2 s on Wi-Fi)', () => {
    const wifi = given().at('-30s', network('offline')).at('0s', push('c')).at('25s', network('wifi')).run();
    const slow = given({ params: { apsdReconnect: '6s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c'))
      .at('25s', network('wifi'))
      .run();
    expect(wifi.push('c').deliveredAt).toBe(27_000);
    expect(slow.push('c').deliveredAt).toBe(31_000);
  });
  it('after repeated failures a sleeping phone waits for its retry timer, losing minutes after the link recovers', () => {
    // apsdGiveUp is raised so that DEV-2's give-up does not mask the backoff.
    const run = given({ duration: '20m', device: { network: 'cellular', locked: true }, params: { apsdGiveUp: '1h' } })
      .at('0s', network('cellular-poor'))
      .at('3m', network('cellular'), push('c'))
      .run();
    // two failed 60 s attempts, then a 756 s backoff from 120 s: reconnect at 876 s + 4 s handshake.
    expect(run.state('5m').device.apsd).toBe('backoff');
    expect(run.push('c').deliveredAt).toBe(880_000);
  });
});

describe('DEV-2', () => {
  const deadZone = (locked: boolean) =>
    // apsdBackoffAfter is raised so that DEV-1's retry timer does not mask the give-up.
    given({ duration: '10m', device: { network: 'cellular', locked }, params: { apsdBackoffAfter: 100 } })
      .at('0s', network('cellular-poor'))
      .at('60s', push('c'))
      .at('200s', network('cellular'))
      .at('300s', { do: 'wake', by: 'cellular-call' })
      .run();
  it('a locked phone gives up reconnecting (policy 3); nothing arrives until a carrier call wakes it', () => {
    const run = deadZone(true);
    expect(run.state('170s').device.apsd).toBe('gave-up');
    expect(run.state('250s').device.apsd).toBe('gave-up');
    expect(run.push('c').deliveredAt).toBe(304_000);
    expect(run.rules('c')).toContain('DEV-2');
  });
  it('an unlocked phone keeps trying and gets the push soon after the link recovers', () => {
    const run = deadZone(false);
    expect(run.push('c').deliveredAt).toBeLessThan(300_000);
  });
  it('policy 3 does not cut a connection that is already up', () => {
    const run = given().at('0s', { do: 'power', policy: 3 }).at('5s', push('c')).run();
    expect(run.fate('c')).toBe('rang');
  });
  it('policy 3 stops apsd from connecting until the screen wakes: the network coming back is not a wake', () => {
    const dead = (screenWakeAt: string) =>
      given({ duration: '5m' })
        .at('0s', network('offline'))
        .at('10s', { do: 'power', policy: 3 })
        .at('20s', network('wifi'))
        .at('30s', push('c'))
        .at(screenWakeAt as '1m', { do: 'wake', by: 'screen' })
        .run();
    const run = dead('1m');
    expect(run.state('50s').device.apsd).toBe('gave-up');
    // the screen wakes at 60 s: apsd reconnects (2 s) and the held push is delivered.
    expect(run.push('c').deliveredAt).toBe(62_000);
    expect(run.rules('c')).toContain('DEV-2');
    expect(dead('4m').push('c').deliveredAt).toBe(242_000);
  });
  it('an awake phone reconnects on any network change, with no backoff carried over from a poor-cellular spell', () => {
    const run = given({ duration: '20m', device: { network: 'cellular', locked: false } })
      .at('0s', network('cellular-poor'))
      .at('3m', network('cellular'), push('c'))
      .run();
    // apsd was in its retry timer (two failed attempts); the unlocked phone reconnects at once: 4 s.
    expect(run.state('150s').device.apsd).toBe('backoff');
    expect(run.push('c').deliveredAt).toBe(184_000);
    // poor cellular is explained where it acts: not offline, the handshake never completed
    expect(run.push('c').why).toContain('handshake with APNs never completed');
  });
});

describe('DEV-3', () => {
  it('a dropped NAT leaves the phone believing it is connected; pushes wait as in APNS-2', () => {
    const run = given({ duration: '20m' })
      .at('0s', { do: 'nat-drop' })
      .at('60s', push('c'))
      .at('120s', { do: 'nat-restore' })
      .run();
    expect(run.state('90s').device.apsd).toBe('connected');
    expect(run.state('90s').apns.waiting.map((w) => w.id)).toEqual(['c']);
    // apsd notices only at its keep-alive (300 s), then reconnects in 2 s.
    expect(run.push('c').deliveredAt).toBe(302_000);
    expect(run.rules('c')).toEqual(expect.arrayContaining(['APNS-2', 'DEV-3']));
  });
  it('the broken NAT is on one network: on cellular apsd reconnects, and back on Wi-Fi it is broken again', () => {
    const run = given({ duration: '20m' })
      .at('0s', { do: 'nat-drop' })
      .at('60s', push('c'))
      .at('90s', network('cellular'))
      .at('10m', network('wifi'))
      .at('11m', push('home'))
      .run();
    // Cellular bypasses the Wi-Fi router: apsd reconnects at once and the held push is delivered.
    expect(run.state('100s').device.apsd).toBe('connected');
    expect(run.state('100s').device.natDropped).toBe(false);
    expect(run.fate('c')).toBe('rang');
    // Back behind the broken router, nothing gets through.
    expect(run.state('11m').device.natDropped).toBe(true);
    expect(run.fate('home')).toBe('undelivered');
  });
  it('a NAT that drops while the phone is offline breaks the network it joins next', () => {
    // Unlocked: a locked phone would give up (DEV-2) and the move to cellular alone would not wake it.
    const run = given({ duration: '10m', device: { network: 'offline', locked: false } })
      .at('0s', { do: 'nat-drop' })
      .at('30s', network('wifi'))
      .at('60s', push('c', { expiration: '1h' }))
      .at('5m', network('cellular'))
      .run();
    // On Wi-Fi apsd can never connect; cellular goes round the broken router.
    expect(run.state('2m').device.natDropped).toBe(true);
    expect(run.state('6m').device).toMatchObject({ apsd: 'connected', natDropped: false });
    expect(run.push('c').deliveredAt).toBeGreaterThan(5 * 60_000);
    expect(run.fate('c')).toBe('rang');
  });
});
