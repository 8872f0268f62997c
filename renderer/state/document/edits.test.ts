import { describe, expect, it } from 'vitest';
import type { ScenarioFile, TimelineEventFile } from '../../../machines';
import { defaultEvent, freshId, newEvent, renamePush } from './edits';

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

describe('renaming a push', () => {
  const file: ScenarioFile = {
    format: 'ringside.scenario/v1',
    title: 'rename',
    duration: '1m',
    timeline: [
      { at: '0s', do: 'push', id: 'p1' },
      { at: '1s', do: 'push', id: 'p10' },
      { at: '2s', do: 'cancel', call: 'p10', via: 'alert' },
      { at: '3s', do: 'answer', call: 'p10' },
      { at: '4s', do: 'hangup', call: 'p1' },
    ],
    expect: [
      { push: 'p10', fate: 'cancelled' },
      { push: 'cancel-p10', fate: 'delivered' },
      { audio: 'none', call: 'p10' },
      { push: 'p1', fate: 'rang' },
    ],
  };

  it('takes its cancellations, answers, implied cancellation id and expectations along', () => {
    const out = renamePush(file, 1, 'alice');
    expect(out.timeline).toEqual([
      { at: '0s', do: 'push', id: 'p1' },
      { at: '1s', do: 'push', id: 'alice' },
      { at: '2s', do: 'cancel', call: 'alice', via: 'alert' },
      { at: '3s', do: 'answer', call: 'alice' },
      { at: '4s', do: 'hangup', call: 'p1' },
    ]);
    expect(out.expect).toEqual([
      { push: 'alice', fate: 'cancelled' },
      { push: 'cancel-alice', fate: 'delivered' },
      { audio: 'none', call: 'alice' },
      { push: 'p1', fate: 'rang' },
    ]);
    // The file given is not changed.
    expect(file.timeline[1]).toEqual({ at: '1s', do: 'push', id: 'p10' });
  });

  it("typed one key at a time, ends where a rename in one go ends, unless it passes another push's name", () => {
    let out = file;
    for (const name of ['p1', 'p', '', 'b', 'bo', 'bob']) out = renamePush(out, 1, name);
    // Through 'p1' (another push's name) nothing followed; from there on, the events stayed on 'p10'.
    expect(out.timeline[2]).toEqual({ at: '2s', do: 'cancel', call: 'p10', via: 'alert' });
    let direct = file;
    for (const name of ['p', '', 'b', 'bo', 'bob']) direct = renamePush(direct, 1, name);
    expect(direct).toEqual(renamePush(file, 1, 'bob'));
  });

  it("never takes another push's events along", () => {
    const out = renamePush(file, 1, 'p1');
    expect(out.timeline[4]).toEqual({ at: '4s', do: 'hangup', call: 'p1' });
    expect(out.timeline[2]).toEqual({ at: '2s', do: 'cancel', call: 'p10', via: 'alert' });
    expect(out.expect).toEqual(file.expect);
  });
});
