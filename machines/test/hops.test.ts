import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { simulate } from '../engine/simulate';
import type { Scenario } from '../scenario/types';
import { answer, given, push } from './harness';

/**
 * The xstate events a run sends, as `receiver <- type` (start-up's `xstate.init` left out). Every
 * event costs xstate's interpreter several µs, whatever it carries (INTERNALS.md, Pitfalls), so an
 * event that tells its receiver nothing it acts on is not sent; these hold the chains to that.
 */
function hops(s: Scenario): string[] {
  const out: string[] = [];
  simulate(s, {
    inspect: (e) => {
      if (e.type === '@xstate.event' && e.event.type !== 'xstate.init')
        out.push(`${(e.actorRef as AnyActorRef).id} <- ${e.event.type}`);
    },
  });
  return out;
}

describe('xstate events per VoIP push', () => {
  it('callservicesd hears of a report only for a push it checks (KILL-1) or that began a call', () => {
    // In the background `a` is enforced: its report ends the check. `b` comes while the app is on a
    // call: exempt (EXEMPT-1), no check, and the report begins no call: callservicesd hears nothing.
    const h = hops(
      given({ device: { app: 'background' } })
        .at('1s', push('a'))
        .at('3s', push('b'))
        .scenario(),
    );
    expect(h.filter((e) => e === 'callKit <- callkit.reportIncoming')).toHaveLength(2);
    expect(h.filter((e) => e === 'callServices <- callkit.reported')).toHaveLength(1);
  });

  it('the app hears which calls are live, not that one was answered (it decides nothing by that)', () => {
    const h = hops(
      given({ device: { app: 'background' } })
        .at('1s', push('a'))
        .at('5s', answer('a'))
        .scenario(),
    );
    expect(h).toContain('callKit <- call.answer');
    // The report's call, once: the answer changes no call the app knows of.
    expect(h.filter((e) => e === 'app <- callkit.callsChanged')).toHaveLength(1);
  });

  it("callservicesd hears of a call's start with its report, and of its end once, `foregroundStateLag` late (EXEMPT-1)", () => {
    const s = given({ device: { app: 'background' } })
      .at('1s', push('c'))
      .at('3s', answer('c'))
      .at('10s', { do: 'hangup', call: 'c' })
      .scenario();
    const heard = hops(s)
      .filter((e) => e.startsWith('callServices <- '))
      .map((e) => e.slice('callServices <- '.length));
    expect(heard).toEqual(['app.stateChanged', 'push.voip', 'callkit.reported', 'oncall.clear']);
  });
});
