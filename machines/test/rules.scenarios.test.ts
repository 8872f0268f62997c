/**
 * One describe per rule ID of RULES.md (coverage.test.ts checks that none is missing). Each test
 * pairs the rule's case with a contrast that differs only where the rule bites, so a broken rule
 * fails here.
 */
import { describe, expect, it } from 'vitest';
import type { ReportMode } from '../scenario/types';
import { Time } from '../time';
import { answer, appAction, cancel, given, network, push, type Duration } from './harness';

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

describe('PATH-2', () => {
  it('an alert push travels like a VoIP push: forwarded at once, delivered', () => {
    const run = given()
      .at('0s', push('voip-1'), push('alert-1', { kind: 'alert' }))
      .run();
    expect(run.push('alert-1').deliveredAt).toBe(run.push('voip-1').deliveredAt);
    expect(run.fate('alert-1')).toBe('delivered');
    expect(run.rules('alert-1')).toContain('PATH-2');
  });
});

describe('PATH-3', () => {
  it('a background push reaches only a foreground app', () => {
    const bg = given({ device: { app: 'background' } })
      .at('0s', push('bg-1', { kind: 'background' }))
      .run();
    const fg = given({ device: { app: 'foreground' } })
      .at('0s', push('bg-1', { kind: 'background' }))
      .run();
    expect(bg.fate('bg-1')).toBe('ignored');
    expect(fg.fate('bg-1')).toBe('delivered');
  });
  it('a background cancellation right after a VoIP push never wakes the app (seed 001)', () => {
    const run = given().at('0s', push('call-1')).at('1s', cancel('call-1', 'background')).run();
    expect(run.fate('cancel-call-1')).toBe('ignored');
    expect(run.fate('call-1')).toBe('rang');
  });
  it('is never delivered to an app the user force-quit, even in the foreground later', () => {
    const run = given({ device: { app: 'foreground' } })
      .at('0s', appAction('force-quit'))
      .at('1s', push('bg-1', { kind: 'background' }))
      .run();
    expect(run.fate('bg-1')).toBe('ignored');
  });
});

describe('PATH-4', () => {
  it('latency is 100 ms on Wi-Fi and 300 ms on cellular by default', () => {
    expect(given().at('0s', push('c')).run().push('c').deliveredAt).toBe(100);
    expect(
      given({ device: { network: 'cellular' } })
        .at('0s', push('c'))
        .run()
        .push('c').deliveredAt,
    ).toBe(300);
  });
  it('follows the params', () => {
    const run = given({ params: { latencyWifi: '250ms' } })
      .at('1s', push('c'))
      .run();
    expect(run.push('c').deliveredAt).toBe(1250);
  });
});

describe('APNS-1', () => {
  it('a push to a connected device is forwarded at once', () => {
    const run = given().at('5s', push('c')).run();
    expect(run.push('c').deliveredAt).toBe(5100);
    expect(run.rules('c')[0]).toBe('APNS-1');
  });
});

describe('APNS-2', () => {
  it('during dead-peer detection a push is held and delivered on reconnect, even with expiration 0', () => {
    const run = given()
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: 0 }))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.push('c').deliveredAt).toBe(27_000);
    expect(run.rules('c')).toContain('APNS-2');
  });
  it('once detection has fired, the same push is discarded instead', () => {
    const run = given({ params: { apnsDeadPeerDetection: '20s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: 0 }))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
  });
  it('held pushes of one topic keep only the last (five pushes in airplane mode → one delivered)', () => {
    const b = given({ duration: '5m' }).at('0s', network('offline'));
    for (let i = 1; i <= 5; i++) b.at(`${i * 30}s`, push(`c${i}`));
    const run = b.at('3m', network('wifi')).run();
    expect(run.fates()).toEqual({ c1: 'superseded', c2: 'superseded', c3: 'superseded', c4: 'superseded', c5: 'rang' });
  });
});

describe('APNS-3', () => {
  const offlineLongAgo = () => given({ duration: '2h' }).at('-10m', network('offline'));
  it('expiration 0 to a device APNs knows is offline: discarded', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: 0 }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
    expect(run.push('c').deliveredAt).toBeUndefined();
  });
  it('a future expiration is stored and delivered when the device returns in time', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: '1h' }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.push('c').deliveredAt).toBe(32_000);
  });
  it('and discarded when it expires first', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: '1m' }))
      .at('90s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
  });
});

describe('APNS-4', () => {
  it('a newer push to the same topic replaces the waiting one', () => {
    const run = given({ duration: '2h' })
      .at('-10m', network('offline'))
      .at('0s', push('c1', { expiration: '1h' }))
      .at('5s', push('c2', { expiration: '1h' }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c1')).toBe('superseded');
    expect(run.fate('c2')).toBe('rang');
  });
  it('a regular cancellation does not replace a waiting VoIP push: both are delivered', () => {
    const run = given()
      .at('-30s', network('offline'))
      .at('0s', push('call-1'))
      .at('5s', cancel('call-1', 'alert'))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('call-1')).toBe('stale');
    expect(run.fate('cancel-call-1')).toBe('delivered');
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
  it('after repeated failures apsd waits for its retry timer, losing minutes after the link recovers', () => {
    const run = given({ duration: '20m', device: { network: 'cellular', locked: false } })
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
  it('policy 3 stops apsd from connecting until the screen wakes', () => {
    const run = given({ duration: '5m' })
      .at('0s', network('offline'))
      .at('10s', { do: 'power', policy: 3 })
      .at('20s', network('wifi'))
      .at('30s', push('c'))
      .run();
    // the network change is itself a wake (DEV-2), so apsd reconnects at 20 s + 2 s.
    expect(run.push('c').deliveredAt).toBe(30_100);
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
    const run = given({ duration: '10m', device: { network: 'offline' } })
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

describe('DEV-4', () => {
  it('a backgrounded app is suspended after ~30 s', () => {
    const run = given({ device: { app: 'foreground' } })
      .at('0s', appAction('background'))
      .run();
    expect(run.state('29s').app.state).toBe('background');
    expect(run.state('31s').app.state).toBe('suspended');
  });
  it('an active CallKit call keeps it running; when the call ends, the 30 s grace starts again', () => {
    const run = given({ duration: '3m' })
      .at('0s', push('c'))
      .at('2s', answer('c'))
      .at('100s', { do: 'hangup', call: 'c' })
      .run();
    expect(run.state('90s').app.state).toBe('background');
    expect(run.state('129s').app.state).toBe('background');
    expect(run.state('131s').app.state).toBe('suspended');
  });
});

describe('LAUNCH-1', () => {
  it('a push to a not-running app launches it; the 7 s deadline starts only after launch', () => {
    // launch 5 s + handler blocks 6 s: 11 s after delivery, but only 6 s after launch → no kill.
    const run = given({ device: { app: 'not-running' }, app: { launch: '5s', blockMainThread: '6s' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.rules('c')).toContain('LAUNCH-1');
    expect(run.state('3s').app.state).toBe('launching');
  });
  it('a push waiting in an app the user force-quits is handed to a relaunched app, and its chain says so', () => {
    const run = given({ duration: '30s', app: { blockMainThread: '5s' } })
      .at('0s', push('a'))
      .at('1s', push('b'))
      .at('2s', appAction('force-quit'))
      .run();
    expect(run.push('b').why).toContain(
      'launched the app again in the background (1 s) to hand it this push once more',
    );
    const checks = run.output.trace.intervals.filter((i) => i.kind === 'deadline' && i.push === 'b');
    expect(checks.map(({ from, to, endedBy }) => ({ from, to, endedBy }))).toEqual([
      { from: 1_100, to: 2_000, endedBy: 'force-quit' },
      { from: 3_000, to: 8_000, endedBy: undefined },
    ]);
    // The relaunched process reports b after its 5 s block; callservicesd's check of a (handed to the
    // process the user closed) does not kill it.
    expect(run.fate('b')).toBe('rang');
  });
});

describe('LAUNCH-2', () => {
  it('without the delegate set at launch the push is lost and callservicesd kills the app', () => {
    const lost = given({ device: { app: 'not-running' }, app: { delegateAtLaunch: false } })
      .at('0s', push('c'))
      .run();
    const set = given({ device: { app: 'not-running' } })
      .at('0s', push('c'))
      .run();
    expect(lost.fate('c')).toBe('killed');
    expect(lost.rules('c')).toEqual(expect.arrayContaining(['LAUNCH-2', 'KILL-1']));
    expect(set.fate('c')).toBe('rang');
  });
  it('a push to an app that is already running is received (the delegate is set by then)', () => {
    const run = given({ app: { delegateAtLaunch: false } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
  });
});

describe('LAUNCH-2, when no report was owed', () => {
  it('before iOS 13 a push lost for want of a delegate is exempt, not left undelivered', () => {
    const run = given({ device: { ios: '12.4', app: 'not-running' }, app: { delegateAtLaunch: false } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.rules('c')).toEqual(['APNS-1', 'PATH-4', 'LAUNCH-1', 'LAUNCH-2', 'PK-1']);
  });
});

describe('a handler cut off by the user', () => {
  it('owing no report (the app was in the foreground), the push is exempt', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'skip', blockMainThread: '5s' } })
      .at('0s', push('c'))
      .at('2s', appAction('force-quit'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.rules('c')).toContain('EXEMPT-1');
  });
  it('owing none (before iOS 13), with its report still to come, the push is exempt', () => {
    const run = given({ device: { ios: '12.4' }, app: { report: '3s' } })
      .at('0s', push('c'))
      .at('1s', appAction('force-quit'))
      .run();
    expect(run.fate('c')).toBe('exempt');
  });
});

describe('LAUNCH-3', () => {
  it('a launch slower than the watchdog is killed by it, with no strike', () => {
    const slow = given({ device: { app: 'not-running' }, app: { launch: '25s' } })
      .at('0s', push('c'))
      .run();
    const ok = given({ device: { app: 'not-running' }, app: { launch: '15s' } })
      .at('0s', push('c'))
      .run();
    expect(slow.fate('c')).toBe('killed');
    expect(slow.rules('c')).toContain('LAUNCH-3');
    expect(slow.strikes()).toBe(0);
    expect(ok.fate('c')).toBe('rang');
  });
  it('the killed launch is not retried for the same push', () => {
    const slow = given({ duration: '90s', device: { app: 'not-running' }, app: { launch: '25s' } })
      .at('0s', push('c'))
      .run();
    expect(slow.rules('c').filter((r) => r === 'LAUNCH-3')).toHaveLength(1);
    expect(slow.state('60s').app.state).toBe('not-running');
  });
});

describe('PK-1', () => {
  it('reporting after the handler returns (after a fetch) crashes the app with one strike', () => {
    const late = given({ app: { report: '2s' } })
      .at('0s', push('c'))
      .run();
    expect(late.fate('c')).toBe('crashed');
    expect(late.strikes()).toBe(1);
    expect(late.push('c').why).toContain('Killing app because it never posted an incoming call');
  });
  it("the crash ends callservicesd's report check of that push: no deadline runs on past it", () => {
    const late = given({ app: { report: '2s' } })
      .at('0s', push('c'))
      .run();
    const deadline = late.output.trace.intervals.find((i) => i.kind === 'deadline' && i.push === 'c');
    expect(deadline).toMatchObject({ from: 100, to: 100, endedBy: 'PK-1' });
    expect(late.state('3s').callServices.deadlines).toEqual([]);
  });
  it('a push waiting behind the handler when PushKit crashes the app is handed again, and says why', () => {
    // 3 s of blocking, then the handler returns with the report still to come: a crash at 3.1 s.
    const run = given({ app: { blockMainThread: '3s', report: '2s' } })
      .at('0s', push('a'))
      .at('1s', push('b'))
      .run();
    expect(run.fate('a')).toBe('crashed');
    expect(run.rules('b').slice(0, 4)).toEqual(['APNS-1', 'PATH-4', 'PK-1', 'LAUNCH-1']);
    expect(run.push('b').why).toContain('PushKit crashed the app for a before it had handled this push');
    const first = run.output.trace.intervals.find((i) => i.kind === 'deadline' && i.push === 'b');
    expect(first).toMatchObject({ from: 1_100, to: 3_100, endedBy: 'PK-1' });
  });
  it('reporting before the handler returns is fine', () => {
    expect(given().at('0s', push('c')).run().fate('c')).toBe('rang');
  });
  it('iOS 13 words the crash differently', () => {
    const run = given({ device: { ios: '13.3' }, app: { report: 'never' } })
      .at('0s', push('c'))
      .run();
    expect(run.push('c').why).toContain('in the same run loop');
  });
  it('before iOS 13 nothing is enforced', () => {
    const run = given({ device: { ios: '12.4' }, app: { report: 'never' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.strikes()).toBe(0);
  });
});

describe('PK-2', () => {
  it('the completion handler timing changes nothing', () => {
    const base = given({ app: { report: '2s' } }).at('0s', push('c'), push('d', { expiration: 0 }));
    const fates = base.run().fates();
    const modes: ReportMode[] = [{ mode: 'never' }, { mode: 'after', delay: Time.seconds(30) }];
    for (const completion of modes) {
      const s = given({ app: { report: '2s', completion } })
        .at('0s', push('c'))
        .run();
      expect(s.fate('c')).toBe(fates.c);
      expect(s.rules('c')).toContain('PK-2');
    }
  });
});

describe('KILL-1', () => {
  it('a handler that blocks more than 7 s before a sync report is killed (0xbaadca11), one strike', () => {
    const run = given({ app: { blockMainThread: '8s' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('killed');
    expect(run.strikes()).toBe(1);
    expect(run.output.result.strikes[0]).toEqual({ at: 7_100, push: 'c', cause: 'killed' });
  });
  it('a push waiting behind the blocked main thread when the app is killed is handed again after a relaunch, and says why', () => {
    const run = given({ duration: '30s', app: { blockMainThread: '8s' } })
      .at('0s', push('a'))
      .at('2s', push('b'))
      .run();
    expect(run.rules('b')).toEqual(['APNS-1', 'PATH-4', 'KILL-1', 'LAUNCH-1']);
    expect(run.fate('b')).toBe('killed');
    expect(run.push('b').why).toContain('killed the app (0xbaadca11) for a before it had handled this push');
    expect(run.push('b').why).toContain('launched the app again');
    // Its first check ended with the kill, not with a report; the second ran after the relaunch.
    const checks = run.output.trace.intervals.filter((i) => i.kind === 'deadline' && i.push === 'b');
    expect(checks.map(({ from, to, endedBy }) => ({ from, to, endedBy }))).toEqual([
      { from: 2_100, to: 7_100, endedBy: 'KILL-1' },
      { from: 8_100, to: 15_100, endedBy: undefined },
    ]);
  });
  it('a check whose process has ended since kills nothing: not a process launched since, nor a dead one', () => {
    // The delegate is not set at launch, so a (which launched the app) is lost (LAUNCH-2); b, sent once
    // the app runs, is received, and the report after a fetch crashes the app for it (PK-1) at 2.1 s.
    // c relaunches the app at 5 s (and is lost in turn). a's check at 8.1 s finds nothing reported: a
    // strike, but no 0xbaadca11 kill of c's process, which only its own check (13.1 s) kills.
    const run = given({
      duration: '30s',
      device: { app: 'not-running' },
      app: { delegateAtLaunch: false, report: '3s' },
    })
      .at('0s', push('a'))
      .at('2s', push('b'))
      .at('5s', push('c'))
      .run();
    expect(run.fate('b')).toBe('crashed');
    expect(run.fate('a')).toBe('killed');
    expect(run.push('a').why).toContain('had already ended, so there was nothing to kill');
    expect(run.strikes()).toBe(3);
    expect(run.output.trace.markers.filter((m) => m.kind === 'app.killed').map((m) => [m.at, m.push])).toEqual([
      [13_100, 'c'],
    ]);
    expect(run.state('8.2s').app.state).not.toBe('not-running');
  });
  it('6 s of blocking is inside the deadline', () => {
    expect(
      given({ app: { blockMainThread: '6s' } })
        .at('0s', push('c'))
        .run()
        .fate('c'),
    ).toBe('rang');
  });
  it('follows the callservicesdDeadline param', () => {
    const run = given({ app: { blockMainThread: '6s' }, params: { callservicesdDeadline: '5s' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('killed');
  });
  it('asks whether a call was reported, not whether it is still active', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'report-then-end' } })
      .at('0s', appAction('background'))
      .at('1s', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.strikes()).toBe(0);
  });
});

describe('DBG-1', () => {
  it('sparing the app PK-1 is not the end: detached before callservicesd checks, it is killed (KILL-1)', () => {
    const detached = (at: Duration) =>
      given({ app: { report: 'never', debuggerAttached: true } })
        .at('0s', push('c'))
        .at(at, appAction('debugger-detach'))
        .run();
    // The handler returned at once, unreported; PushKit did not crash the app (DBG-1).
    const early = detached('5s');
    expect(early.fate('c')).toBe('killed');
    expect(early.rules('c')).toEqual(expect.arrayContaining(['DBG-1', 'KILL-1']));
    expect(early.strikes()).toBe(1);
    expect(early.push('c').why).toContain('The debugger was detached by then, so callservicesd checked 7 s');
    // Still attached at the check: no kill, no strike.
    const late = detached('8s');
    expect(late.fate('c')).toBe('exempt');
    expect(late.strikes()).toBe(0);
  });
  it('with the debugger attached there is no crash, no kill and no strike; the would-be failure is recorded', () => {
    const run = given({ app: { report: 'never', debuggerAttached: true } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.strikes()).toBe(0);
    expect(run.rules('c')).toContain('DBG-1');
    const blocked = given({ app: { blockMainThread: '8s', debuggerAttached: true } })
      .at('0s', push('c'))
      .run();
    expect(blocked.fate('c')).toBe('rang');
    expect(blocked.rules('c')).toContain('DBG-1');
  });
  it('detaching the debugger brings the rules back', () => {
    const run = given({ app: { report: 'never', debuggerAttached: true } })
      .at('0s', appAction('debugger-detach'))
      .at('1s', push('c'))
      .run();
    expect(run.fate('c')).toBe('crashed');
  });
  it('a push the app never received (no delegate, LAUNCH-2) is exempt under the debugger, not left undelivered', () => {
    const run = given({ device: { app: 'not-running' }, app: { delegateAtLaunch: false, debuggerAttached: true } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.rules('c')).toEqual(expect.arrayContaining(['LAUNCH-2', 'DBG-1']));
  });
  it('a push forgiven at the check, whose handler the user then cuts off, is exempt', () => {
    // The handler blocks 10 s; the check at 7.1 s is forgiven (DBG-1); the user closes the app at 9 s.
    const run = given({ duration: '40s', app: { blockMainThread: '10s', debuggerAttached: true } })
      .at('0s', push('c'))
      .at('9s', appAction('force-quit'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(run.rules('c')).toContain('DBG-1');
    expect(run.strikes()).toBe(0);
  });
  it('a forgiven push whose blocked handler reports after the check still rings', () => {
    const run = given({ app: { blockMainThread: '8s', debuggerAttached: true } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
  });
  it('a debugger detached while the app launches does not make callservicesd start checks before the handover', () => {
    // b reaches the launching app at 2.1 s; its 7 s check starts at the handover (15.1 s), as LAUNCH-1
    // says, not at 2.1 s (which killed the app at 9.1 s, mid-launch).
    const run = given({
      duration: '40s',
      device: { app: 'not-running' },
      app: { launch: '15s', debuggerAttached: true },
    })
      .at('0s', push('a'))
      .at('1s', appAction('debugger-detach'))
      .at('2s', push('b'))
      .run();
    // Reported after the launch with a's UUID, a's call still ringing (EXEMPT-2): no penalty.
    expect(run.fate('b')).toBe('duplicate');
    expect(run.strikes()).toBe(0);
    expect(run.state('9.5s').app.state).toBe('launching');
  });
});

describe('EXEMPT-1', () => {
  it('a foreground app may skip the report', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'skip' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
  });
  it('just backgrounded, the app still believes it is foreground, skips, and is punished', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'skip' } })
      .at('0s', appAction('background'))
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('crashed');
    expect(run.rules('c')).toContain('EXEMPT-1');
  });
  it('once its belief has caught up (300 ms), it reports and rings', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'skip' } })
      .at('0s', appAction('background'))
      .at('500ms', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
  });
  it('an app already on a call may skip the report', () => {
    const run = given({ app: { onCall: 'skip' } })
      .at('0s', push('c1'))
      .at('2s', answer('c1'))
      .at('5s', push('c2'))
      .run();
    expect(run.fate('c2')).toBe('exempt');
    expect(run.strikes()).toBe(0);
  });
});

describe('EXEMPT-2', () => {
  it('reusing the UUID of a call still active fails as a duplicate, with no penalty', () => {
    const run = given().at('0s', push('c1')).at('2s', answer('c1')).at('5s', push('c2')).run();
    expect(run.fate('c2')).toBe('duplicate');
    expect(run.strikes()).toBe(0);
  });
  it('if that call has just ended, a new call is shown briefly and the app ends it', () => {
    // the handler blocks 3 s; the first call is hung up meanwhile, so the reused UUID is free again.
    const run = given({ app: { blockMainThread: '3s' } })
      .at('0s', push('c1'))
      .at('4s', answer('c1'))
      .at('10s', push('c2'))
      .at('11s', { do: 'hangup', call: 'c1' })
      .run();
    expect(run.fate('c2')).toBe('rang');
    expect(run.rules('c2')).toContain('EXEMPT-2');
    expect(run.state('13.2s').callKit.calls.find((c) => c.push === 'c2')?.status).toBe('ringing');
    expect(run.state('14s').callKit.calls.find((c) => c.push === 'c2')).toBeUndefined();
  });
});

describe('EXEMPT-3', () => {
  it('reported in the foreground: no system UI (in-app), and ending it at once is allowed', () => {
    const run = given({ device: { app: 'foreground' }, app: { foreground: 'report-then-end' } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('in-app');
    expect(run.strikes()).toBe(0);
    expect(run.state('700ms').callKit.calls).toEqual([]);
  });
  it('in the background the same report shows the system UI', () => {
    expect(
      given({ app: { foreground: 'report-then-end' } })
        .at('0s', push('c'))
        .run()
        .fate('c'),
    ).toBe('rang');
  });
});

describe('MUST-1', () => {
  const late = (checks: boolean, ios = '26.4') =>
    given({ device: { ios }, app: { checksMustReport: checks, learnsCancellation: '8s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: '1h' }))
      .at('25s', network('wifi'))
      .run();
  it('a push delivered too late is not required: the adopting app posts a missed call', () => {
    const run = late(true);
    expect(run.fate('c')).toBe('missed');
    expect(run.strikes()).toBe(0);
  });
  it('an app that does not adopt it keeps the old rules and rings', () => {
    expect(late(false).fate('c')).toBe('rang');
  });
  it('before iOS 26.4 the flag does nothing', () => {
    expect(late(true, '26.3').fate('c')).toBe('rang');
  });
  it('a prompt push must still be reported', () => {
    const run = given({ device: { ios: '26.4' }, app: { checksMustReport: true } })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('rang');
  });
  it('removes the backgrounding race: the system tells the app the truth', () => {
    const race = (checks: boolean) =>
      given({ device: { ios: '26.4', app: 'foreground' }, app: { checksMustReport: checks, foreground: 'skip' } })
        .at('0s', appAction('background'))
        .at('0s', push('c'))
        .run();
    expect(race(false).fate('c')).toBe('crashed');
    expect(race(true).fate('c')).toBe('rang');
  });
});

describe('THROTTLE-1', () => {
  const failing = () => {
    const b = given({ duration: '30h', app: { report: 'never' } });
    for (let i = 0; i < 7; i++) b.at(`${i * 10}m`, push(`c${i}`));
    return b;
  };
  it('after 5 failures in 24 h VoIP pushes are no longer handed to the app', () => {
    const run = failing().run();
    expect(run.strikes()).toBe(5);
    expect(run.fate('c4')).toBe('crashed');
    expect(run.fate('c5')).toBe('throttled');
    expect(run.fate('c6')).toBe('throttled');
    expect(run.output.result.throttled[0]?.from).toBe(40 * 60_000 + 1_100);
  });
  it('follows throttleFailures', () => {
    const b = given({ duration: '1h', app: { report: 'never' }, params: { throttleFailures: 3 } });
    for (let i = 0; i < 4; i++) b.at(`${i}m`, push(`c${i}`));
    expect(b.run().fate('c3')).toBe('throttled');
  });
  it('alerts still get through while VoIP is blocked', () => {
    const run = failing()
      .at('2h', push('alert', { kind: 'alert' }))
      .run();
    expect(run.fate('alert')).toBe('delivered');
  });
});

describe('THROTTLE-2', () => {
  it('the block lifts when the oldest failure leaves the 24 h window', () => {
    const b = given({ duration: '30h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const run = b.at('23h', push('blocked')).at('25h', push('free', {})).run();
    expect(run.fate('blocked')).toBe('throttled');
    expect(run.fate('free')).toBe('crashed');
    expect(run.output.result.throttled[0]?.until).toBe(24 * 3_600_000 + 100);
  });
  it('the block stays while 5 failures remain in the window, also ones that came during the block', () => {
    const b = given({ duration: '25h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    // Handed to the app just before the fifth failure blocked delivery: it fails during the block.
    const run = b.at('2400.5s', push('late')).at('24h5m', push('still')).at('24h15m', push('free')).run();
    expect(run.fate('late')).toBe('crashed');
    expect(run.output.result.strikes.map((s) => s.push)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'late', 'free']);
    expect(run.fate('still')).toBe('throttled');
    expect(run.fate('free')).toBe('crashed');
    // The block runs from the fifth failure until the second leaves the window, in one piece ('free',
    // the fifth failure left in the window then, blocks delivery again).
    expect(run.output.result.throttled[0]).toEqual({
      from: 40 * 60_000 + 1_100,
      until: 24 * 3_600_000 + 10 * 60_000 + 1_100,
    });
  });
  it('deleting and reinstalling the app resets the count', () => {
    const b = given({ duration: '3h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const run = b.at('1h', push('blocked')).at('2h', appAction('reinstall')).at('150m', push('after')).run();
    expect(run.fate('blocked')).toBe('throttled');
    expect(run.fate('after')).toBe('crashed');
    expect(run.output.result.throttled).toEqual([{ from: 40 * 60_000 + 1_100, until: 2 * 3_600_000 }]);
  });
});

describe('CALL-1', () => {
  it('a push for a call already cancelled still rings (stale) until the app learns and ends it', () => {
    const run = given({ app: { learnsCancellation: '8s' }, device: { app: 'not-running' } })
      .at('-30s', network('offline'))
      .at('0s', push('call-1'))
      .at('5s', cancel('call-1', 'alert'))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('call-1')).toBe('stale');
    expect(run.state('30s').callKit.calls[0]?.status).toBe('ringing');
    expect(run.state('37s').callKit.calls).toEqual([]);
  });
  it('a call cancelled after it reached the phone rang normally', () => {
    const run = given({ app: { learnsCancellation: '1s' } })
      .at('0s', push('c'))
      .at('5s', cancel('c', 'none'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.state('5.1s').callKit.calls).toEqual([]);
  });
  it('an unanswered call stops ringing after the ring timeout', () => {
    const run = given({ duration: '2m' }).at('0s', push('c')).run();
    expect(run.state('59s').callKit.calls[0]?.status).toBe('ringing');
    expect(run.state('61s').callKit.calls).toEqual([]);
  });
});

describe('CALL-2', () => {
  it('reporting at once and ending on news of the cancellation is the safe handling', () => {
    const good = given({ app: { learnsCancellation: '3s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c'))
      .at('5s', cancel('c', 'none'))
      .at('25s', network('wifi'))
      .run();
    expect(good.fate('c')).toBe('stale');
    expect(good.rules('c')).toContain('CALL-2');
    expect(good.strikes()).toBe(0);
  });
  it('delaying the report to check first is a PK-1 violation', () => {
    const bad = given({ app: { report: '3s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c'))
      .at('5s', cancel('c', 'none'))
      .at('25s', network('wifi'))
      .run();
    expect(bad.fate('c')).toBe('crashed');
  });
});

describe('AUDIO-1', () => {
  it('after mediaserverd crashed, an answered call gets no audio (null session ID)', () => {
    const run = given().at('-10s', { do: 'mediaserverd-crash' }).at('0s', push('c')).at('3s', answer('c')).run();
    expect(run.push('c').audio).toBe('none');
    expect(run.state('1s').callKit.audioSession).toBe('null');
  });
  it('without the crash the same call has two-way audio', () => {
    expect(given().at('0s', push('c')).at('3s', answer('c')).run().push('c').audio).toBe('two-way');
  });
});

describe('AUDIO-2', () => {
  it('setConfiguration before the report hands over a valid session: two-way audio', () => {
    const run = given({ app: { setConfigurationBeforeReport: true } })
      .at('-10s', { do: 'mediaserverd-crash' })
      .at('0s', push('c'))
      .at('3s', answer('c'))
      .run();
    expect(run.push('c').audio).toBe('two-way');
    expect(run.rules('c')).toContain('AUDIO-2');
  });
});

describe('AUDIO-3', () => {
  it('mediaserverd crashing drops every call of the app (providerDidReset)', () => {
    const run = given()
      .at('0s', push('c1'))
      .at('2s', answer('c1'))
      .at('5s', push('c2', {}))
      .at('8s', { do: 'mediaserverd-crash' })
      .run();
    expect(run.state('7s').callKit.calls.filter((c) => c.status !== 'ended')).toHaveLength(1);
    expect(run.state('9s').callKit.calls.filter((c) => c.status !== 'ended')).toHaveLength(0);
    expect(run.rules('c1')).toContain('AUDIO-3');
  });
});

describe('AUDIO-4', () => {
  const withOtherCall = (callAudio: 'own' | 'callkit') =>
    given({ app: { callAudio } }).at('0s', push('c')).at('2s', answer('c')).at('10s', { do: 'other-call' }).run();
  it('an app managing its own call audio is interrupted by any incoming call', () => {
    const run = withOtherCall('own');
    expect(run.push('c').audio).toBe('none');
    expect(run.rules('c')).toContain('AUDIO-4');
  });
  it('with CallKit the system arbitrates and the audio goes on', () => {
    expect(withOtherCall('callkit').push('c').audio).toBe('two-way');
  });
});

describe('AUDIO-5', () => {
  it('activating the audio session itself before CallKit gives one-way audio', () => {
    const run = given({ app: { activatesAudioSession: true } })
      .at('0s', push('c'))
      .at('3s', answer('c'))
      .run();
    expect(run.push('c').audio).toBe('one-way');
    expect(run.rules('c')).toContain('AUDIO-5');
  });
});
