import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../scenario/params';
import { simulate } from '../engine/simulate';
import { fatesBySendTime, sweepSendTimes, sweepStep } from './sweep';
import { appAction, network, push, scenario } from '../test/harness';

describe('fate by send time: the same push sent at another time, everything else as written', () => {
  // The backgrounding race (EXEMPT-1): an app that skips the report in the foreground hears of the
  // move to the background foregroundStateLag late; callservicesd sees it at once.
  const race = scenario(
    { duration: '30s', device: { app: 'foreground', locked: false }, app: { foreground: 'skip' } },
    [
      ['10s', appAction('background')],
      ['10s', push('call-1')],
    ],
  );

  it('finds the race window to the millisecond: from one latency before the swipe, as long as the lag', () => {
    const spans = fatesBySendTime(race, 'call-1', 0, 30_000, 500);
    // (Sent in the last Wi-Fi latency, it would not reach the phone before the scenario ends.)
    expect(spans.map((s) => s.fate)).toEqual(['exempt', 'crashed', 'rang', 'undelivered']);
    expect(spans[3]!.from).toBe(30_000 - DEFAULT_PARAMS.latencyWifi + 1);
    const crashed = spans[1]!;
    // A push sent one Wi-Fi latency before the swipe lands with it, after the app has left the foreground.
    expect(crashed.from).toBe(10_000 - DEFAULT_PARAMS.latencyWifi);
    expect(crashed.to - crashed.from).toBe(DEFAULT_PARAMS.foregroundStateLag);
    // The spans cover the range without gaps.
    expect(spans[0]!.from).toBe(0);
    expect(spans.at(-1)!.to).toBe(30_000);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to);
  });

  it('agrees with a plain run at every change and inside every span', () => {
    const spans = fatesBySendTime(race, 'call-1', 0, 30_000, 700);
    for (const s of spans)
      for (const t of [s.from, Math.floor((s.from + s.to) / 2), s.to - 1]) {
        const moved = { ...race, timeline: race.timeline.map((e) => (e.do === 'push' ? { ...e, at: t } : e)) };
        expect(simulate(moved as typeof race).result.pushes.find((p) => p.id === 'call-1')!.fate, `sent at ${t}`).toBe(
          s.fate,
        );
      }
  });

  it('sees APNs discard an expiration-0 push until it knows the phone is back (APNS-3)', () => {
    const offline = scenario({ duration: '3m', device: { network: 'offline' } }, [
      ['-10m', network('offline')],
      ['0s', push('call-1', { expiration: 0 })],
      ['90s', network('wifi')],
    ]);
    const spans = fatesBySendTime(offline, 'call-1', 0, 170_000, 1_000);
    expect(spans[0]!.fate).toBe('expired');
    expect(spans[1]!.fate).toBe('rang');
    // Not at the network's return but when APNs sees the connection again, after apsd reconnected.
    const connected = simulate(offline).trace.intervals.find((i) => i.kind === 'apns.connected' && i.from >= 90_000)!;
    expect(spans[1]!.from).toBeGreaterThan(connected.from - DEFAULT_PARAMS.latencyWifi);
    expect(spans[1]!.from).toBeLessThanOrEqual(connected.from + 1);
  });

  it('one run at a time: says how far it is, and ends with the same spans', () => {
    const sweep = sweepSendTimes(race, 'call-1', 0, 30_000, 500);
    const progress: number[] = [];
    let next = sweep.next();
    for (; !next.done; next = sweep.next()) progress.push(next.value);
    expect(progress.length).toBeGreaterThan(60);
    for (const p of progress) expect(p >= 0 && p <= 1).toBe(true);
    expect(Math.max(...progress)).toBe(1);
    expect(next.value).toEqual(fatesBySendTime(race, 'call-1', 0, 30_000, 500));
  });

  it('takes ~150 samples by default, in whole 100 ms steps', () => {
    expect(sweepStep(0, 40_000)).toBe(300);
    expect(sweepStep(-30_000, 60_000)).toBe(600);
    expect(sweepStep(0, 1_000)).toBe(100);
  });

  it('has nothing to say about a push that is not there, or an empty range', () => {
    expect(fatesBySendTime(race, 'nope', 0, 30_000, 100)).toEqual([]);
    expect(fatesBySendTime(race, 'call-1', 40_000, 50_000, 100)).toEqual([]);
  });
});
