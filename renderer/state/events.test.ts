import { describe, expect, it } from 'vitest';
import type { TimelineEventFile } from '../../machines/scenario';
import { defaultEvent, freshId, newEvent } from './events';

const timeline: TimelineEventFile[] = [
  { at: '0s', do: 'push', id: 'call-1' },
  { at: '5s', do: 'cancel', call: 'call-1', via: 'alert' },
];

describe('adding events', () => {
  it('picks ids nobody uses, including implicit cancellation ids', () => {
    expect(freshId(timeline, 'call')).toBe('call-2');
    expect(freshId(timeline, 'cancel-call-1')).toBe('cancel-call-1-1');
  });
  it('makes a sensible event of each type at the given time', () => {
    expect(newEvent('push', '3s', timeline)).toEqual({ at: '3s', do: 'push', id: 'call-2', kind: 'voip' });
    expect(newEvent('answer', '3s', timeline)).toEqual({ at: '3s', do: 'answer', call: 'call-1' });
    expect(newEvent('power', '3s', timeline)).toEqual({ at: '3s', do: 'power', policy: 3 });
    expect(newEvent('answer', '3s', [])).toMatchObject({ do: 'push' });
  });
  it('adds the lane’s own kind of event on double-click', () => {
    expect(defaultEvent('network', '1s', timeline)).toEqual({ at: '1s', do: 'network', to: 'offline' });
    expect(defaultEvent('app', '1s', timeline)).toEqual({ at: '1s', do: 'app', action: 'background' });
    expect(defaultEvent('callkit', '1s', [])).toEqual({ at: '1s', do: 'mediaserverd-crash' });
  });
});
