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
  it('callservicesd hears of a report only for a push whose report check it runs (KILL-1)', () => {
    // In the background the delivery is enforced: the report cancels the check.
    const enforced = hops(
      given({ device: { app: 'background' } })
        .at('1s', push('c'))
        .scenario(),
    );
    expect(enforced).toContain('callServices <- callkit.reported');
    // In the foreground it is exempt (EXEMPT-1): callservicesd runs no check and keeps nothing to forget.
    const exempt = hops(
      given({ device: { app: 'foreground' } })
        .at('1s', push('c'))
        .scenario(),
    );
    expect(exempt).toContain('callKit <- callkit.reportIncoming');
    expect(exempt).not.toContain('callServices <- callkit.reported');
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
});
