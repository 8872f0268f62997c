/**
 * What the throttle leaves on the timeline and in the event log (THROTTLE-1/2): the UI's lanes and the
 * CLI's log read these, so each strike, block and lift must name its push and rule.
 */
import { describe, expect, it } from 'vitest';
import { appAction, given, push } from '../../test/harness';

function blockedThenReinstalled() {
  const b = given({ duration: '3h', app: { report: 'never' } });
  for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
  return b.at('1h', push('blocked')).at('2h', appAction('reinstall')).run();
}

describe('THROTTLE-1 on the timeline', () => {
  it('each strike and the throttled push are markers that name their push and rule', () => {
    const { markers } = blockedThenReinstalled().output.trace;
    const strikes = markers.filter((m) => m.kind === 'strike');
    expect(strikes.map((m) => [m.push, m.rule])).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'].map((p) => [p, 'THROTTLE-1']));
    expect(markers.filter((m) => m.kind === 'push.throttled').map((m) => [m.push, m.rule])).toEqual([
      ['blocked', 'THROTTLE-1'],
    ]);
  });
  it('the block is an interval and log lines under THROTTLE-1, its end under THROTTLE-2', () => {
    const run = blockedThenReinstalled();
    const block = run.output.trace.intervals.filter((i) => i.kind === 'throttle');
    expect(block.map((i) => [i.from, i.to, i.rule])).toEqual([[40 * 60_000 + 1_100, 2 * 3_600_000, 'THROTTLE-1']]);
    expect(block[0]?.label).toBe('VoIP delivery blocked (5 failures in 24 h)');
    const log = run.output.result.events.filter((e) => e.lane === 'callservicesd').map((e) => [e.rule, e.what]);
    expect(log).toContainEqual(['THROTTLE-1', 'Too many reporting failures (5): VoIP pushes to the app are blocked.']);
    expect(log).toContainEqual(['THROTTLE-2', 'VoIP delivery to the app resumes.']);
    expect(run.push('blocked').why).toContain(
      'The app had failed to report a call 5 times in the last 24 h, so the system no longer hands it VoIP pushes; APNs still answered the provider with HTTP 200.',
    );
  });
});
