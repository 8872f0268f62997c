/**
 * The rules CallKit (calls, audio) decides: one describe per rule ID of RULES.md (EXEMPT-2, EXEMPT-3, CALL-1, CALL-2, AUDIO-1, AUDIO-2, AUDIO-3, AUDIO-4, AUDIO-5).
 * machines/test/coverage.test.ts checks that every rule has one somewhere under actors/. Each test pairs the
 * rule's case with a contrast that differs only where the rule bites, so a broken rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { answer, cancel, given, network, push } from '../../test/harness';

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
  it('offline, the app learns nothing: it hears of the cancellation learnsCancellation after the network is back', () => {
    const run = given({ app: { learnsCancellation: '2s' } })
      .at('0s', push('c'))
      .at('10s', network('offline'))
      .at('15s', cancel('c', 'none'))
      .at('40s', network('wifi'))
      .run();
    expect(run.state('39s').callKit.calls[0]?.status).toBe('ringing');
    expect(run.state('41s').callKit.calls[0]?.status).toBe('ringing');
    expect(run.state('42.5s').callKit.calls).toEqual([]);
    // online, the same app hears of it at once
    const online = given({ app: { learnsCancellation: '2s' } })
      .at('0s', push('c'))
      .at('15s', cancel('c', 'none'))
      .run();
    expect(online.state('15.1s').callKit.calls).toEqual([]);
  });
  it('a suspended app does not reach its server when the network comes back: it learns learnsCancellation after the push wakes it', () => {
    const run = (app: 'suspended' | 'not-running') =>
      given({ device: { app, network: 'cellular' }, app: { learnsCancellation: '3s' } })
        // Offline 20 s before the push: APNs has not noticed yet (APNS-2) and holds it for the reconnect.
        .at('-20s', network('offline'))
        .at('0s', push('c'))
        .at('4s', cancel('c', 'none'))
        .at('30s', network('cellular'))
        .run();
    const suspended = run('suspended');
    const delivered = suspended.push('c').deliveredAt!;
    expect(delivered).toBeGreaterThan(30_000);
    expect(suspended.state(delivered + 2_900).callKit.calls[0]?.status).toBe('ringing');
    expect(suspended.state(delivered + 3_100).callKit.calls).toEqual([]);
    expect(suspended.push('c').fate).toBe('stale');
  });
  it('every delivered push shows its delay; one that rang later than lateAfter (an estimate) is marked late', () => {
    const late = (params = {}) =>
      given({ duration: '10m', params })
        .at('-30s', network('offline'))
        .at('0s', push('c', { expiration: '1h' }))
        .at('4m', network('wifi'))
        .run()
        .push('c');
    expect(late()).toMatchObject({ fate: 'rang', delay: 242_000, late: true });
    expect(late().why).toContain('rang 4 min after it was sent; the caller had most likely given up');
    expect(late({ lateAfter: '5m' }).late).toBeUndefined();
    const prompt = given().at('0s', push('c')).run().push('c');
    expect(prompt.delay).toBe(100);
    expect(prompt.late).toBeUndefined();
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
  it('a VoIP cancellation push reported as a call of its own is ended at once: it does not ring on', () => {
    const run = given({ app: { onCall: 'report-new' } })
      .at('0s', push('c'))
      .at('5s', cancel('c', 'voip'))
      .run();
    expect(run.strikes()).toBe(0);
    expect(run.rules('cancel-c')).toContain('CALL-2');
    // both calls are gone: the cancelled one and the cancellation's own
    expect(run.state('5.2s').callKit.calls).toEqual([]);
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
  const directSetActive = (app: 'foreground' | 'background', crash: boolean) => {
    const b = given({ device: { app }, app: { activatesAudioSession: true } });
    if (crash) b.at('-10s', { do: 'mediaserverd-crash' });
    return b.at('0s', push('c')).at('3s', answer('c')).run();
  };
  it('direct setActive in the foreground masks a null session: the call has audio', () => {
    const run = directSetActive('foreground', true);
    expect(run.push('c').audio).toBe('two-way');
    expect(run.rules('c')).toContain('AUDIO-2');
    // in the background the same app gets none (AUDIO-1)
    expect(directSetActive('background', true).push('c').audio).toBe('none');
  });
  it('direct activation with a valid session still gives one-way audio in the foreground (AUDIO-5)', () => {
    expect(directSetActive('foreground', false).push('c').audio).toBe('one-way');
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
