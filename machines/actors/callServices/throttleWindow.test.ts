/**
 * The shape of the window failures count in (THROTTLE-1/2): a model choice, `params.throttleWindowRolls`.
 * Rolling (the default): a failure counts for 24 h after it came, so failures during a block keep it
 * standing. Fixed: the first failure opens a 24 h window, and the count starts again when it expires.
 * Each shape flips a fate the other decides, and a push that reaches the app only because old failures
 * no longer count says so, as the model's choice.
 */
import { describe, expect, it } from 'vitest';
import { appAction, given, push, type Duration, type Run } from '../../test/harness';
import { strikesInWindow } from './throttle';

const H = 3_600_000;
const M = 60_000;

const shape = (throttleWindowRolls: boolean) => ({ params: { throttleWindowRolls } });

/** The steps of push `id` marked with the rolling-window choice. */
const windowSteps = (run: Run, id: string) => run.push(id).steps.filter((s) => s.assumption === 'rolling-window');

/** Five failures in the first 40 minutes (each push crashes the app: it never reports, PK-1). */
function fiveFailures(rolls: boolean, duration: Duration = '26h') {
  const b = given({ duration, app: { report: 'never' }, ...shape(rolls) });
  for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
  return b;
}

describe('THROTTLE-2: the window shape (params.throttleWindowRolls)', () => {
  it('a failure during the block keeps a rolling block standing; a fixed one lifts when its window expires', () => {
    // As in THROTTLE-2's rule test: 'late' is handed over just before the fifth failure and fails during the block.
    const run = (rolls: boolean) => {
      const b = given({ duration: '25h', app: { report: 'never', blockMainThread: '8s' }, ...shape(rolls) });
      for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
      return b.at('2403s', appAction('force-quit')).at('2404s', push('late')).at('24h5m', push('still')).run();
    };
    const rolling = run(true);
    expect(rolling.fate('still')).toBe('throttled');
    expect(rolling.output.result.throttled[0]?.until).toBe(24 * H + 10 * M + 8_100);
    const fixed = run(false);
    expect(fixed.fate('late')).toBe('killed');
    expect(fixed.fate('still')).toBe('killed');
    // The window opened at c0's failure (its check, 7.1 s) and the block ended with it, 'late' notwithstanding.
    expect(fixed.output.result.throttled[0]).toEqual({ from: 40 * M + 8_100, until: 24 * H + 7_100 });
  });

  it('failures either side of a fixed window do not add up; in a rolling one they do', () => {
    const run = (rolls: boolean) =>
      given({ duration: '26h', app: { report: 'never' }, ...shape(rolls) })
        .at('0s', push('c0'))
        .at('21h', push('c1'))
        .at('22h', push('c2'))
        .at('23h', push('c3'))
        .at('24h10m', push('c4'))
        .at('24h20m', push('c5'))
        .at('25h', push('probe'))
        .run();
    const rolling = run(true);
    expect(rolling.fate('c5')).toBe('crashed');
    expect(rolling.fate('probe')).toBe('throttled');
    const fixed = run(false);
    // c0 opened a window that expired at 24 h with four failures in it; c4 opened the next.
    expect(fixed.fate('probe')).toBe('crashed');
    expect(fixed.output.result.throttled).toEqual([]);
    expect(fixed.strikes()).toBe(7);
  });

  it('a fixed window blocks as a rolling one does once it holds enough failures, until it expires', () => {
    const run = fiveFailures(false)
      .at('1h', push('blocked'))
      .at(24 * H - 1_000, push('edge'))
      .at('25h', push('free'))
      .run();
    expect(run.fate('c4')).toBe('crashed');
    expect(run.fate('blocked')).toBe('throttled');
    expect(run.fate('free')).toBe('crashed');
    const [block] = run.output.result.throttled;
    const first = run.output.result.strikes[0]!.at;
    expect(block).toEqual({ from: 40 * M + 1_100, until: first + 24 * H });
    // Just before 24 h after the first failure (100 ms) it still counts: the window has not expired yet.
    expect(run.fate('edge')).toBe('throttled');
    expect(windowSteps(run, 'blocked')).toEqual([]);
  });
});

describe('THROTTLE-1: a push let through because old failures no longer count', () => {
  it('rolling: it reaches the app with five failures on record, and its chain says the window rolled', () => {
    const run = fiveFailures(true).at('24h5m', push('back')).at('24h6m', push('next')).run();
    expect(run.fate('back')).toBe('crashed');
    const [step] = windowSteps(run, 'back');
    expect(step?.rule).toBe('THROTTLE-1');
    expect(step?.why).toBe(
      'The app had failed to report a call 5 times, but only 4 of those failures still counted: Ringside assumes a rolling 24 h window, so the oldest has left it (the sources say only that a block lifts after ~24 h). VoIP delivery to the app was not blocked.',
    );
    // Its own failure is the fifth in the window again: the next push is blocked, and says nothing of rolling.
    expect(run.fate('next')).toBe('throttled');
    expect(windowSteps(run, 'next')).toEqual([]);
  });

  it('fixed: the same push says the count had started again, and the next one reaches the app too', () => {
    const run = fiveFailures(false).at('24h5m', push('back')).at('24h6m', push('next')).run();
    expect(run.fate('back')).toBe('crashed');
    expect(windowSteps(run, 'back')[0]?.why).toContain(
      'only 0 of those failures still counted: Ringside assumes here a fixed 24 h window that opens at the first failure and starts again when it expires (params.throttleWindowRolls is off)',
    );
    expect(run.fate('next')).toBe('crashed');
    expect(windowSteps(run, 'next')[0]?.why).toContain('failed to report a call 6 times, but only 1 of those');
  });

  it('rolling: once all of them have left, it says how many', () => {
    const run = fiveFailures(true).at('25h', push('back')).run();
    expect(windowSteps(run, 'back')[0]?.why).toContain(
      'failed to report a call 5 times, but only 0 of those failures still counted: Ringside assumes a rolling 24 h window, so the oldest 5 have left it',
    );
  });

  it('a push with fewer failures on record than block delivery is not marked', () => {
    const run = given({ duration: '2h', app: { report: 'never' } })
      .at('0s', push('c0'))
      .at('10m', push('c1'))
      .run();
    expect(run.fate('c1')).toBe('crashed');
    expect(windowSteps(run, 'c0')).toEqual([]);
    expect(windowSteps(run, 'c1')).toEqual([]);
  });

  it('the fifth failure is not yet on record when the push that causes it arrives', () => {
    const run = fiveFailures(true, '2h').run();
    expect(run.output.result.pushes.flatMap((p) => windowSteps(run, p.id))).toEqual([]);
  });
});

describe('strikesInWindow', () => {
  const at = (...times: number[]) => times.map((t, i) => ({ at: t, push: `p${i}`, cause: 'crashed' as const }));
  const fixed = { throttleWindow: 10, throttleWindowRolls: false };
  const rolling = { throttleWindow: 10, throttleWindowRolls: true };
  it('a fixed window opens at the first strike, expires after its length, and the next strike opens another', () => {
    const strikes = at(0, 4, 9, 10, 12);
    expect(strikesInWindow(strikes.slice(0, 3), 9, fixed).map((s) => s.at)).toEqual([0, 4, 9]);
    expect(strikesInWindow(strikes.slice(0, 3), 10, fixed)).toEqual([]);
    expect(strikesInWindow(strikes.slice(0, 4), 10, fixed).map((s) => s.at)).toEqual([10]);
    expect(strikesInWindow(strikes, 19, fixed).map((s) => s.at)).toEqual([10, 12]);
    expect(strikesInWindow(strikes, 20, fixed)).toEqual([]);
    expect(strikesInWindow([], 5, fixed)).toEqual([]);
  });
  it('a rolling window keeps each strike for its length after it came', () => {
    expect(strikesInWindow(at(0, 4, 9, 10, 12), 13, rolling).map((s) => s.at)).toEqual([4, 9, 10, 12]);
  });
});

describe('THROTTLE-2: the strike budget in words follows the window shape', () => {
  it('rolling: "in the last 24 h"; fixed: the window it counts in, or that none is open', () => {
    const rolling = fiveFailures(true).run();
    expect(rolling.state('45m').callServices.strikeBudget).toBe('5 of 5 failures in the last 24 h');
    // The failures came 100 ms after each push (the app crashes, PK-1): at 0, 10, 20, 30 and 40 min: at 24 h 15 min the first two have left.
    expect(rolling.state('24h15m').callServices.strikeBudget).toBe('3 of 5 failures in the last 24 h');
    const fixed = fiveFailures(false).run();
    expect(fixed.state('45m').callServices.strikeBudget).toBe('5 of 5 failures in the 24 h window opened at 100 ms');
    // The fixed window closed at 24 h 0.1 s with all five in it; nothing has opened another.
    expect(fixed.state('24h15m').callServices.strikeBudget).toBe('0 of 5 failures: no 24 h window is open');
  });
});
