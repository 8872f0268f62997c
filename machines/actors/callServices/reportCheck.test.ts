/**
 * callservicesd's report check (reportCheck.ts) in the detail a support person reads: which MUST-1
 * sentence the app was told, the KILL-1 and DBG-1 sentences and the assumption they carry, the
 * deadline span and the kill marker on the timeline, and the MUST-1 latency bound (found by mutation
 * testing, issue #20; the rules themselves are in callServices.rules.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { answer, appAction, given, network, push, type Run } from '../../test/harness';

/** The steps of one rule for a push: [time, sentence, assumption]. */
const stepsOf = (run: Run, id: string, rule: string) =>
  run
    .push(id)
    .steps.filter((s) => s.rule === rule)
    .map((s) => [s.at, s.why, s.assumption]);

describe('MUST-1: what iOS tells the app (iOS 26.4, an app that asks)', () => {
  const ios = { ios: '26.4' };

  it('a prompt push: it must report', () => {
    const run = given({ device: ios, app: { checksMustReport: true } })
      .at('0s', push('c'))
      .run();
    expect(stepsOf(run, 'c', 'MUST-1')).toEqual([
      [100, 'iOS told the app it must report this push as a call.', undefined],
    ]);
  });

  it('in the foreground: it need not, and the sentence says why', () => {
    const run = given({
      device: { ...ios, app: 'foreground', locked: false },
      app: { checksMustReport: true, foreground: 'skip' },
    })
      .at('0s', push('c'))
      .run();
    expect(run.fate('c')).toBe('exempt');
    expect(stepsOf(run, 'c', 'MUST-1')).toEqual([
      [100, 'iOS told the app it need not report this push because the system saw it in the foreground.', undefined],
    ]);
  });

  it('on a call: it need not, and the sentence says why', () => {
    const run = given({ device: ios, app: { checksMustReport: true, onCall: 'skip' } })
      .at('0s', push('c1'))
      .at('2s', answer('c1'))
      .at('5s', push('c2'))
      .run();
    expect(run.fate('c2')).toBe('exempt');
    expect(stepsOf(run, 'c2', 'MUST-1')).toEqual([
      [5_100, 'iOS told the app it need not report this push because the system saw it already on a call.', undefined],
    ]);
  });

  it('late: the sentence gives the delay and the bound', () => {
    const run = given({ device: ios, app: { checksMustReport: true, learnsCancellation: '8s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: '1h' }))
      .at('25s', network('wifi'))
      .run();
    expect(stepsOf(run, 'c', 'MUST-1')[0]).toEqual([
      27_000,
      'The push reached the phone 27 s after APNs accepted it, more than 20 s (an estimate), so iOS told the app it need not report this call.',
      undefined,
    ]);
  });

  it('a push exactly as late as mustReportLatency must still be reported; one millisecond more need not', () => {
    // A push on Wi-Fi reaches the phone 100 ms after it was sent (PATH-4).
    const at = (bound: number) =>
      given({ device: ios, app: { checksMustReport: true }, params: { mustReportLatency: bound } })
        .at('0s', push('c'))
        .run()
        .fate('c');
    expect(at(100)).toBe('rang');
    expect(at(99)).toBe('missed');
  });

  it('before iOS 26.4, or for an app that does not ask, nothing is said', () => {
    const old = given({ device: { ios: '26.3' }, app: { checksMustReport: true } })
      .at('0s', push('c'))
      .run();
    const unasked = given({ device: ios }).at('0s', push('c')).run();
    expect(old.rules('c')).not.toContain('MUST-1');
    expect(unasked.rules('c')).not.toContain('MUST-1');
  });
});

describe('KILL-1: the check', () => {
  it('opens a deadline span on the callservicesd lane, due 7 s after the handover, closed by the check', () => {
    const run = given({ app: { blockMainThread: '8s' } })
      .at('0s', push('c'))
      .run();
    expect(run.output.trace.intervals.filter((i) => i.kind === 'deadline')).toStrictEqual([
      {
        lane: 'callservicesd',
        kind: 'deadline',
        label: 'c: report within 7 s',
        from: 100,
        push: 'c',
        rule: 'KILL-1',
        due: 7_100,
        to: 7_100,
        open: false,
      },
    ]);
  });

  it('a kill says so without any word of a debugger, and marks the kill on the app lane', () => {
    const run = given({ app: { blockMainThread: '8s' } })
      .at('0s', push('c'))
      .run();
    expect(stepsOf(run, 'c', 'KILL-1')).toEqual([
      [
        7_100,
        'callservicesd checked 7 s after handing the push to the app, found no reported call and killed the app with exception code 0xbaadca11 (one strike).',
        undefined,
      ],
    ]);
    expect(run.output.trace.markers.filter((m) => m.lane === 'app')).toStrictEqual([
      { lane: 'app', kind: 'app.killed', at: 7_100, label: '0xbaadca11: killed for c', push: 'c', rule: 'KILL-1' },
    ]);
  });

  it("a process the user ended: Ringside's assumption decides, and says so, either way", () => {
    const run = (counts: boolean) =>
      given({ app: { blockMainThread: '8s' }, params: { endedProcessStrikes: counts } })
        .at('0s', push('c'))
        .at('2s', appAction('force-quit'))
        .run();
    const ended =
      "callservicesd checked 7 s after handing the push to the app and found no reported call; the app's process it had handed the push to had already ended (crashed, killed, or closed by the user), so callservicesd killed nothing.";
    const counted = run(true);
    expect(counted.fate('c')).toBe('killed');
    expect(counted.strikes()).toBe(1);
    expect(stepsOf(counted, 'c', 'KILL-1')).toEqual([
      [
        7_100,
        `${ended} Ringside assumes the failure counts all the same (one strike): the sources do not say.`,
        'ended-process-strike',
      ],
    ]);
    expect(counted.output.trace.markers.some((m) => m.kind === 'app.killed')).toBe(false);
    const spared = run(false);
    expect(spared.fate('c')).toBe('exempt');
    expect(spared.strikes()).toBe(0);
    expect(stepsOf(spared, 'c', 'KILL-1')).toEqual([
      [
        7_100,
        `${ended} Ringside assumes such a failure does not count (params.endedProcessStrikes is off): no strike.`,
        'ended-process-strike',
      ],
    ]);
  });

  it('under the debugger the would-be kill is written down, and nothing else happens', () => {
    const run = given({ app: { report: 'never', debuggerAttached: true } })
      .at('0s', push('c'))
      .run();
    expect(stepsOf(run, 'c', 'DBG-1').at(-1)).toEqual([
      7_100,
      'No call was reported within 7 s: callservicesd would have killed the app (0xbaadca11, KILL-1), but the debugger was attached, which disables this; no strike was counted.',
      undefined,
    ]);
    expect(run.output.trace.markers.some((m) => m.kind === 'app.killed')).toBe(false);
  });
});

describe('deliveries with nothing to check', () => {
  it('before iOS 13, pushes handed to an app after its launch start no check, and later ones are still handled', () => {
    const run = given({ device: { ios: '12.4', app: 'not-running' } })
      .at('0s', push('a'))
      .at('0s', push('b'))
      .at('3s', push('c'))
      .run();
    expect(run.fates()).toEqual({ a: 'rang', b: 'duplicate', c: 'duplicate' });
    expect(run.output.trace.intervals.filter((i) => i.kind === 'deadline')).toEqual([]);
    expect(run.strikes()).toBe(0);
  });
});
