/**
 * The rules the app process (launch, the PushKit handler) decides: one describe per rule ID of RULES.md (PATH-3, DEV-4, LAUNCH-1, LAUNCH-2, LAUNCH-2, when no report was owed, a handler cut off by the user, LAUNCH-3, PK-1, PK-2).
 * machines/test/coverage.test.ts checks that every rule has one somewhere under actors/. Each test pairs the
 * rule's case with a contrast that differs only where the rule bites, so a broken rule fails here.
 */
import { describe, expect, it } from 'vitest';
import type { ReportMode } from '../../scenario/types';
import { Time } from '../../engine/time';
import { answer, appAction, cancel, given, push } from '../../test/harness';

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
  it('a push handled in the background restarts the 30 s grace, however many come', () => {
    // Before iOS 13 a handler that never reports leaves no call and no kill: only the grace is left.
    const app = { report: 'never' as const };
    const quiet = given({ device: { ios: '12.4' }, app }).run();
    const pushed = given({ device: { ios: '12.4' }, app })
      .at('10s', push('a'))
      .at('20s', push('b'))
      .at('25s', push('c'))
      .run();
    expect(quiet.state('31s').app.state).toBe('suspended');
    expect(pushed.state('54s').app.state).toBe('background');
    expect(pushed.state('56s').app.state).toBe('suspended');
    expect(pushed.fate('c')).toBe('exempt');
  });
  it('a call action that changes no call (an answer with nothing ringing) gives the app no more time', () => {
    // The call ends at 3 s, so the grace runs from there to 33 s. The answer at 20 s finds nothing
    // ringing and is ignored: the app is suspended at 33 s all the same, not at 50 s.
    const declined = given({ duration: '2m' }).at('1s', push('c')).at('3s', { do: 'decline', call: 'c' });
    const run = declined.run();
    const answered = declined.at('20s', answer('c')).run();
    expect(run.state('32s').app.state).toBe('background');
    expect(run.state('34s').app.state).toBe('suspended');
    expect(answered.state('32s').app.state).toBe('background');
    expect(answered.state('34s').app.state).toBe('suspended');
    expect(answered.output.result.events.some((e) => e.what.startsWith('Answer ignored'))).toBe(true);
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
  it('"as PushKit requires" appears only where a report was required', () => {
    const requires = (app: 'foreground' | 'background') =>
      given({ device: { app } }).at('0s', push('c')).run().push('c').why.includes('as PushKit requires');
    expect(requires('background')).toBe(true);
    // callservicesd saw it in the foreground: no report was required (EXEMPT-1)
    expect(requires('foreground')).toBe(false);
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
