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
    const block = run.output.trace.intervals.filter((i) => i.kind === 'throttle' && i.lane === 'callservicesd');
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

/** callservicesd's THROTTLE log lines, as [rule, text]. */
const throttleLog = (run: ReturnType<typeof blockedThenReinstalled>) =>
  run.output.result.events
    .filter((e) => e.lane === 'callservicesd' && e.rule?.startsWith('THROTTLE'))
    .map((e) => [e.rule, e.what]);

const BLOCKED = ['THROTTLE-1', 'Too many reporting failures (5): VoIP pushes to the app are blocked.'];
const RESUMES = ['THROTTLE-2', 'VoIP delivery to the app resumes.'];
const PLAIN =
  'The app had failed to report a call 5 times in the last 24 h, so the system no longer hands it VoIP pushes; APNs still answered the provider with HTTP 200.';

describe('THROTTLE-1/2 in words: the log and the why', () => {
  it('strike markers name the push and how it failed; a throttled push is marked so', () => {
    const b = given({ duration: '1h', app: { report: 'never', blockMainThread: '8s' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 5}m`, push(`c${i}`));
    const { markers } = b.at('30m', push('blocked')).run().output.trace;
    expect(markers.filter((m) => m.kind === 'strike').map((m) => [m.lane, m.label])).toEqual(
      ['c0', 'c1', 'c2', 'c3', 'c4'].map((p) => ['callservicesd', `strike: ${p} killed`]),
    );
    const blocked = markers.find((m) => m.kind === 'push.throttled');
    expect([blocked?.lane, blocked?.label]).toEqual(['callservicesd', 'blocked throttled']);
  });

  it('a push blocked by the failures that started the block gets one plain step', () => {
    const run = blockedThenReinstalled();
    expect(run.push('blocked').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      { rule: 'THROTTLE-1', at: 3_600_100, why: PLAIN },
    ]);
    expect(throttleLog(run)).toEqual([
      BLOCKED,
      RESUMES,
      ['THROTTLE-2', 'The app was deleted and reinstalled: the failure count starts again.'],
    ]);
  });

  it('a block that outlives its lift because of a failure during it says so, then resumes', () => {
    const b = given({ duration: '25h', app: { report: 'never', blockMainThread: '8s' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const run = b.at('2403s', appAction('force-quit')).at('2404s', push('late')).at('24h5m', push('still')).run();
    expect(throttleLog(run)).toEqual([
      BLOCKED,
      ['THROTTLE-2', 'Still 5 failures in the last 24 h: VoIP pushes to the app stay blocked.'],
      RESUMES,
    ]);
    expect(
      run
        .push('still')
        .steps.filter((s) => s.rule === 'THROTTLE-1')
        .map((s) => [s.assumption, s.why]),
    ).toEqual([
      [
        'rolling-window',
        `${PLAIN} Fewer than 5 of them came before the block began 23 h 24 min 52 s ago: Ringside assumes a rolling window, so failures that came during the block keep it standing (the sources say only that it lifts after ~24 h).`,
      ],
    ]);
  });

  it("a reinstall ends the block and its lift: a second block runs its own window, the first's lift no longer counts", () => {
    const b = given({ duration: '28h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    b.at('2h', appAction('reinstall'));
    for (let i = 0; i < 5; i++) b.at(`${180 + i * 10}m`, push(`d${i}`));
    const run = b.at('25h', push('p25')).run();
    expect(run.fate('p25')).toBe('throttled');
    expect(run.output.result.throttled).toEqual([
      { from: 40 * 60_000 + 1_100, until: 2 * 3_600_000 },
      { from: 220 * 60_000 + 1_100, until: 27 * 3_600_000 + 1_100 },
    ]);
    expect(throttleLog(run)).toEqual([
      BLOCKED,
      RESUMES,
      ['THROTTLE-2', 'The app was deleted and reinstalled: the failure count starts again.'],
      BLOCKED,
      RESUMES,
    ]);
  });
});

describe('THROTTLE-2: an update, by params.updateResetsStrikes', () => {
  const run = (updateResetsStrikes: boolean, failures = 5) => {
    const b = given({ duration: '3h', app: { report: 'never' }, params: { updateResetsStrikes } });
    for (let i = 0; i < failures; i++) b.at(`${i * 10}m`, push(`c${i}`));
    return b.at('1h', push('blocked')).at('2h', appAction('update')).at('150m', push('after')).run();
  };
  it('off: the update changes nothing, and the push blocked after it says why', () => {
    const r = run(false);
    expect(throttleLog(r)).toEqual([
      BLOCKED,
      [
        'THROTTLE-2',
        'The app was updated: Ringside assumes here that an update does not reset the failure count (params.updateResetsStrikes is off).',
      ],
    ]);
    expect(r.push('after').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      {
        rule: 'THROTTLE-1',
        at: 150 * 60_000 + 100,
        why: `${PLAIN} The app was updated at 2 h; Ringside assumes here that an update does not reset the count (params.updateResetsStrikes is off; DTS believes it does).`,
        assumption: 'update-resets-strikes',
      },
    ]);
  });
  it('on: the update lifts the block, and the push after it says it got through by that choice', () => {
    const r = run(true);
    expect(throttleLog(r)).toEqual([
      BLOCKED,
      RESUMES,
      ['THROTTLE-2', 'The app was updated: the failure count starts again.'],
    ]);
    expect(r.push('after').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      {
        rule: 'THROTTLE-2',
        at: 150 * 60_000 + 100,
        why: 'The app was updated at 2 h, and Ringside assumes an update resets the failure count as reinstalling does (DTS only believes so): without that, 5 failures in the last 24 h would have blocked this push.',
        assumption: 'update-resets-strikes',
      },
    ]);
  });
  it('on: a push after an update that forgot too few failures to matter is not marked', () => {
    const r = run(true, 3);
    expect(r.fate('after')).toBe('crashed');
    expect(r.push('after').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([]);
  });
  it('on: a push after an update with no failures before it is not marked', () => {
    const r = given({ duration: '2h', app: { report: 'never' } })
      .at('0s', appAction('update'))
      .at('10m', push('a'))
      .run();
    expect(r.push('a').steps.filter((s) => s.assumption)).toEqual([]);
  });
  it('a reinstall after an update that did not reset: a later block no longer mentions the update', () => {
    const b = given({ duration: '6h', app: { report: 'never' }, params: { updateResetsStrikes: false } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    b.at('1h', appAction('update')).at('2h', appAction('reinstall'));
    for (let i = 0; i < 5; i++) b.at(`${180 + i * 10}m`, push(`d${i}`));
    const r = b.at('5h', push('blocked')).run();
    expect(r.push('blocked').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      { rule: 'THROTTLE-1', at: 5 * 3_600_000 + 100, why: PLAIN },
    ]);
  });
});

describe('THROTTLE-1: pushes handed back while blocked', () => {
  it('each says how many times it was handed back, ends throttled, and its check ends with the crash', () => {
    const b = given({ duration: '1h', app: { report: 'never' } });
    for (let i = 0; i < 7; i++) b.at(`${i}ms`, push(`c${i}`));
    const run = b.run();
    expect(run.push('c5').steps.filter((s) => s.rule === 'THROTTLE-1')).toEqual([
      {
        rule: 'THROTTLE-1',
        at: 4_101,
        why: 'It was waiting to be handed to the app again (its process had ended before its turn 4 times), but VoIP delivery was blocked by then: the system does not launch the app for it, so it never reached the app.',
      },
    ]);
    const marks = run.output.trace.markers.filter((m) => m.kind === 'push.throttled');
    expect(marks.map((m) => [m.lane, m.push, m.label, m.rule])).toEqual([
      ['callservicesd', 'c5', 'c5 throttled', 'THROTTLE-1'],
      ['callservicesd', 'c6', 'c6 throttled', 'THROTTLE-1'],
    ]);
    // Neither waits on a report check any more.
    expect(run.state(4_102).callServices.deadlines).toEqual([]);
    const last = run.output.trace.intervals.filter((i) => i.kind === 'deadline' && i.push === 'c6').at(-1);
    expect([last?.from, last?.to, last?.endedBy]).toEqual([4_101, 4_101, 'PK-1']);
  });
  it('once, when it was handed back once', () => {
    // a crashes the running app at once; b and c wait for its relaunch, where b's crash is the second failure.
    const b = given({ duration: '1h', app: { report: 'never' }, params: { throttleFailures: 2 } });
    const run = b.at(0, push('a')).at(1, push('b')).at(2, push('c')).run();
    expect(run.fate('c')).toBe('throttled');
    expect(run.push('c').steps.find((s) => s.rule === 'THROTTLE-1')?.why).toContain(
      'its process had ended before its turn once)',
    );
  });
  it('a block by a single failure says "1 time"', () => {
    const run = given({ duration: '1h', app: { report: 'never' }, params: { throttleFailures: 1 } })
      .at('0s', push('a'))
      .at('1m', push('b'))
      .run();
    expect(run.push('b').why).toContain('The app had failed to report a call 1 time in the last 24 h,');
  });
});

describe('THROTTLE-2: what a reset leaves behind', () => {
  it('a reinstall resets the count even with params.updateResetsStrikes off', () => {
    const b = given({ duration: '3h', app: { report: 'never' }, params: { updateResetsStrikes: false } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const run = b.at('2h', appAction('reinstall')).at('150m', push('after')).run();
    expect(run.fate('after')).toBe('crashed');
  });
  it('with updates resetting (the default), a later block does not claim the update kept the count', () => {
    const b = given({ duration: '6h', app: { report: 'never' } });
    for (let i = 0; i < 3; i++) b.at(`${i * 10}m`, push(`c${i}`));
    b.at('1h', appAction('update'));
    for (let i = 0; i < 5; i++) b.at(`${120 + i * 10}m`, push(`d${i}`));
    const run = b.at('5h', push('blocked')).run();
    expect(run.push('blocked').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      { rule: 'THROTTLE-1', at: 5 * 3_600_000 + 100, why: PLAIN },
    ]);
  });
  it('with updates kept (param off), a block long after the update whose failures all left is plain', () => {
    const b = given({ duration: '30h', app: { report: 'never' }, params: { updateResetsStrikes: false } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    b.at('2h', appAction('update'));
    for (let i = 0; i < 5; i++) b.at(`${25 * 60 + i * 10}m`, push(`d${i}`));
    const run = b.at('28h', push('blocked')).run();
    expect(run.fate('blocked')).toBe('throttled');
    expect(run.push('blocked').steps.filter((s) => s.rule.startsWith('THROTTLE'))).toEqual([
      { rule: 'THROTTLE-1', at: 28 * 3_600_000 + 100, why: PLAIN },
    ]);
  });
  it('after a reinstall the ledger starts empty: four new failures are not five on record', () => {
    const b = given({ duration: '4h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    b.at('1h', appAction('reinstall'));
    for (let i = 0; i < 4; i++) b.at(`${70 + i * 10}m`, push(`d${i}`));
    const run = b.at('3h', push('next')).run();
    expect(run.fate('next')).toBe('crashed');
    expect(run.push('next').steps.filter((s) => s.assumption)).toEqual([]);
  });
});
