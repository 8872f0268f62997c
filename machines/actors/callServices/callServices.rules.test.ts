/**
 * The rules callservicesd (the check, strikes, the throttle) decides: one describe per rule ID of RULES.md (KILL-1, DBG-1, EXEMPT-1, MUST-1, THROTTLE-1, THROTTLE-2).
 * machines/test/coverage.test.ts checks that every rule has one somewhere under actors/. Each test pairs the
 * rule's case with a contrast that differs only where the rule bites, so a broken rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { answer, appAction, given, network, push, type Duration } from '../../test/harness';

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
    expect(run.push('a').why).toContain('so callservicesd killed nothing');
    expect(run.strikes()).toBe(3);
    expect(run.output.trace.markers.filter((m) => m.kind === 'app.killed').map((m) => [m.at, m.push])).toEqual([
      [13_100, 'c'],
    ]);
    expect(run.state('8.2s').app.state).not.toBe('not-running');
  });
  it('a push whose process the user ended before the check: nothing is killed, and the strike is labelled an assumption', () => {
    const run = given({ app: { blockMainThread: '8s' } })
      .at('0s', push('c'))
      .at('2s', appAction('force-quit'))
      .run();
    const why = run.push('c').why;
    expect(why).toContain('closed by the user');
    expect(why).toContain('Ringside assumes');
    expect(why).not.toContain('killed the app');
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
  it('locking the phone backgrounds a foreground app: a push 20 s later rings on the lock screen', () => {
    const run = given({ device: { app: 'foreground', locked: false }, app: { foreground: 'skip' } })
      .at('0s', { do: 'lock' })
      .at('20s', push('c'))
      .run();
    expect(run.state('1s').app.state).toBe('background');
    expect(run.fate('c')).toBe('rang');
  });
  it("locking has the home gesture's race: the app still believes it is foreground, skips, and is punished", () => {
    const locked = given({ device: { app: 'foreground', locked: false }, app: { foreground: 'skip' } })
      .at('0s', { do: 'lock' })
      .at('0s', push('c'))
      .run();
    expect(locked.fate('c')).toBe('crashed');
    expect(locked.rules('c')).toContain('EXEMPT-1');
  });
  it('a call that ended 50 ms before a push lands still counts as "on a call" for the usual lag', () => {
    const after = (pushAt: Duration) =>
      given({ device: { ios: '26.4' }, app: { checksMustReport: true, onCall: 'skip' } })
        .at('0s', push('c1'))
        .at('2s', answer('c1'))
        .at('10s', { do: 'hangup', call: 'c1' })
        .at(pushAt, push('c2'))
        .run();
    // c2 lands at 10.05 s: callservicesd has not yet heard the call ended, so no report is required
    expect(after('9950ms').fate('c2')).toBe('exempt');
    // lands at 10.6 s, after the 300 ms lag: it must be reported, and rings
    expect(after('10500ms').fate('c2')).toBe('rang');
  });
  it('a call that begins within the lag keeps the app "on a call": the late news that the first ended does not clear it', () => {
    const run = given({ app: { onCall: 'skip' } })
      .at('0s', push('c1'))
      .at('2s', answer('c1'))
      .at('10s', { do: 'hangup', call: 'c1' }, push('c2'))
      .at('10300ms', push('c3'))
      .run();
    // c2 lands at 10.1 s, inside the 300 ms lag: exempt, but the app, knowing of no call, reports it.
    expect(run.fate('c2')).toBe('rang');
    // c3 lands at 10.4 s, after c1's lag ran out, while c2 rings: still on a call, so the skip is allowed.
    expect(run.fate('c3')).toBe('exempt');
    expect(run.strikes()).toBe(0);
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
  it('a push waiting to be handed over again when a crash starts the block ends throttled: no relaunch, no sixth strike', () => {
    // Seven pushes at once to an app that never reports: each crash sends the rest back to be handed
    // to a relaunched app, until the fifth crash starts the block.
    const b = given({ duration: '1h', app: { report: 'never' } });
    for (let i = 0; i < 7; i++) b.at(`${i}ms`, push(`c${i}`));
    const run = b.run();
    expect(run.strikes()).toBe(5);
    expect(run.fate('c5')).toBe('throttled');
    expect(run.fate('c6')).toBe('throttled');
    expect(run.rules('c5')).toContain('THROTTLE-1');
    const blockedAt = run.output.result.throttled[0]!.from;
    expect(run.state(blockedAt + 10_000).app.state).toBe('not-running');
  });
  it('a burst to an app that never reports: no chain repeats a step, and none grows with the burst', () => {
    const burst = (n: number) => {
      const b = given({ duration: '1h', app: { report: 'never' }, device: { app: 'not-running' } });
      for (let i = 0; i < n; i++) b.at(i, push(`p${i}`));
      return b.run().output.result;
    };
    const small = burst(20);
    const big = burst(200);
    for (const p of big.pushes) {
      const steps = p.steps.map((x) => `${x.rule}: ${x.why}`);
      expect(new Set(steps).size, p.id).toBe(steps.length);
    }
    const longest = (r: typeof big) => Math.max(...r.pushes.map((p) => p.steps.length));
    expect(longest(big)).toBe(longest(small));
    expect(big.strikes).toHaveLength(5);
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
    // Each handler blocks the main thread past the 7 s check: callservicesd kills the app (KILL-1).
    const b = given({ duration: '25h', app: { report: 'never', blockMainThread: '8s' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    // The user closes the app during c4's handler: c4's check still fails, at 40m 8.1s (the fifth).
    // 'late' launches the app again just before that, and its own check fails during the block.
    // (A push sent back by a crash or kill would instead end throttled, THROTTLE-1.)
    const run = b
      .at('2403s', appAction('force-quit'))
      .at('2404s', push('late'))
      .at('24h5m', push('still'))
      .at('24h15m', push('free'))
      .run();
    expect(run.fate('late')).toBe('killed');
    expect(run.output.result.strikes.map((s) => s.push)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'late', 'free']);
    expect(run.fate('still')).toBe('throttled');
    expect(run.fate('free')).toBe('killed');
    // The block runs from the fifth failure until the second leaves the window, in one piece ('free',
    // the fifth failure left in the window then, blocks delivery again).
    expect(run.output.result.throttled[0]).toEqual({
      from: 40 * 60_000 + 8_100,
      until: 24 * 3_600_000 + 10 * 60_000 + 8_100,
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
