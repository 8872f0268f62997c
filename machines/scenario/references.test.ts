/**
 * The loader's checks across fields (load.ts `checkReferences`), one at a time: an event after the
 * end, a duration of 0, a push id used twice, a call that names no VoIP push, an expectation that
 * names no push. Each is named by its path, and its neighbours in range load.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario } from './index';

const file = (duration: unknown, timeline: unknown[], expect: unknown[] = []) => ({
  format: 'ringside.scenario/v1',
  title: 't',
  duration,
  timeline,
  expect,
});

function errors(f: unknown): string[] {
  const loaded = loadScenario(f);
  return loaded.ok ? [] : formatErrors(loaded.errors);
}

describe('loader: an event after the end of the scenario', () => {
  it('is refused, with its path and the duration, however it is written', () => {
    const lines = errors(
      file('60s', [
        { at: '10s', do: 'push', id: 'a', kind: 'voip' },
        { at: 60_001, do: 'push', id: 'b', kind: 'voip' },
      ]),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^timeline\[1\]\.at: .*is after the end of the scenario \(duration 1m\)/);
  });

  it('one at the very end is in the scenario', () => {
    const loaded = loadScenario(file('60s', [{ at: '60s', do: 'push', id: 'a', kind: 'voip' }]));
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.scenario.timeline[0]!.at).toBe(60_000);
  });

  it('names the event by its place in the file, not in time order', () => {
    const lines = errors(
      file('1m', [
        { at: '2m', do: 'network', to: 'offline' },
        { at: '0s', do: 'push', id: 'a', kind: 'voip' },
      ]),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^timeline\[0\]\.at: /);
  });
});

describe('loader: references and bounds', () => {
  it('a duration of 0 is refused', () => {
    expect(errors(file(0, []))).toEqual(['duration: must be more than 0']);
  });

  it('a push id used twice names the first use', () => {
    const lines = errors(
      file('1m', [
        { at: 0, do: 'push', id: 'a', kind: 'voip' },
        { at: 1, do: 'push', id: 'a', kind: 'alert' },
      ]),
    );
    expect(lines).toEqual(['timeline[1].id: push id "a" is already used by timeline[0]; ids must be unique']);
  });

  it('answering an alert push is refused; answering a VoIP push loads', () => {
    const timeline = (kind: string) => [
      { at: 0, do: 'push', id: 'a', kind },
      { at: 1_000, do: 'answer', call: 'a' },
    ];
    expect(errors(file('1m', timeline('alert')))[0]).toMatch(/^timeline\[1\]\.call: "a" is not a VoIP push/);
    expect(errors(file('1m', timeline('voip')))).toEqual([]);
  });

  it('an expectation about a push that is not in the timeline is refused', () => {
    const lines = errors(
      file('1m', [{ at: 0, do: 'push', id: 'call-1', kind: 'voip' }], [{ push: 'call-2', fate: 'rang' }]),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^expect\[0\]\.push: "call-2" is not a push in this timeline/);
  });
});
