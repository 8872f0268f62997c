/**
 * THROTTLE-2's lift with times that are not whole milliseconds, passed straight to simulate() (the
 * loader rounds what users type; an engine must not depend on that). With `s.at > now − window`, the
 * oldest strike of 520 200.00000000006 ms never left the window at its own lift time (`(s + W) − W < s`),
 * so the lift re-armed itself at 0 ms forever.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../test/harness';
import { simulate } from '../../engine/simulate';
import { strikesInWindow } from './throttle';

const H = 3_600_000;

function throttleDay(firstAt: number) {
  const s = scenario({ duration: '26h', app: { report: 'never' } }, [
    [0, { do: 'push', id: 'call-1' }],
    ['10m', { do: 'push', id: 'call-2' }],
    ['20m', { do: 'push', id: 'call-3' }],
    ['30m', { do: 'push', id: 'call-4' }],
    ['40m', { do: 'push', id: 'call-5' }],
    ['23h', { do: 'push', id: 'call-23h' }],
    ['25h', { do: 'push', id: 'call-25h' }],
  ]);
  return { ...s, timeline: s.timeline.map((e) => (e.index === 0 ? { ...e, at: firstAt as typeof e.at } : e)) };
}

describe('THROTTLE-2: the lift with a strike at a fractional time', () => {
  it.each([520.2 * 1_000, 10_300.000000000002])(
    'call-1 at %d ms: the block lifts once, 24 h after its strike',
    (at) => {
      const { result } = simulate(throttleDay(at));
      expect(result.pushes.find((p) => p.id === 'call-23h')?.fate).toBe('throttled');
      expect(result.pushes.find((p) => p.id === 'call-25h')?.fate).toBe('crashed');
      expect(result.throttled).toHaveLength(1);
      // It lifts when the first strike (call-1's, as it lands) leaves the window: not before, not later.
      expect(result.strikes[0]!.push).toBe('call-1');
      expect(result.throttled[0]!.until).toBe(result.strikes[0]!.at + 24 * H);
    },
  );

  it('a strike is out of the window exactly when its lift time has come', () => {
    const at = 520.2 * 1_000;
    const strike = { at, push: 'p', cause: 'killed' as const };
    const lift = at + 24 * H;
    const rolling = { throttleWindow: 24 * H, throttleWindowRolls: true };
    expect(strikesInWindow([strike], lift, rolling)).toHaveLength(0);
    expect(strikesInWindow([strike], lift - 1e-6, rolling)).toHaveLength(1);
  });
});
