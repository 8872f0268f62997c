/**
 * Ringside's own choices (modelChoices.ts): a scenario where each one decides gets the marker on the
 * step it decided, says "Ringside assumes", and its param gives the other answer where it is a flag.
 */
import { describe, expect, it } from 'vitest';
import { answer, appAction, given, network, push, type Run } from '../test/harness';
import { MODEL_CHOICES, modelChoice } from './modelChoices';
import { PARAMS } from '../scenario/params';
import { verdictOf } from './verdict';
import type { ModelChoiceId } from '../engine/result';

/** The steps of push `id` that the choice decided. */
const marked = (run: Run, id: string, choice: ModelChoiceId) =>
  run.push(id).steps.filter((s) => s.assumption === choice);

/** Every step of every push that carries a marker, as `push:choice`. */
const allMarks = (run: Run) =>
  run.output.result.pushes.flatMap((p) => p.steps.flatMap((s) => (s.assumption ? [`${p.id}:${s.assumption}`] : [])));

describe('the catalog', () => {
  it('names each choice once, with a statement, and params that exist', () => {
    expect(new Set(MODEL_CHOICES.map((c) => c.id)).size).toBe(MODEL_CHOICES.length);
    for (const c of MODEL_CHOICES) {
      expect(c.statement.length, c.id).toBeGreaterThan(20);
      expect(c.params.length, c.id).toBeGreaterThan(0);
      for (const p of c.params) expect(PARAMS[p], `${c.id}: ${p}`).toBeDefined();
      expect(modelChoice(c.id)).toBe(c);
    }
  });
});

describe('queued-order (APNS-4)', () => {
  const run = (queuedInSendOrder: boolean) =>
    given({ duration: '2m', params: { queuedInSendOrder } })
      .at('-10s', network('offline'))
      .at('0s', push('call'), push('note', { kind: 'alert' }))
      .at('30s', network('wifi'))
      .run();
  it('pushes of two topics waiting together are marked, in send order by default', () => {
    const r = run(true);
    expect(marked(r, 'call', 'queued-order')[0]?.why).toMatch(/Ringside assumes .* in the order they were sent.*first/);
    expect(marked(r, 'note', 'queued-order')[0]?.why).toContain('second');
  });
  it('the param reverses the order', () => {
    const r = run(false);
    expect(marked(r, 'call', 'queued-order')[0]?.why).toMatch(/newest first.*second/);
    expect(marked(r, 'note', 'queued-order')[0]?.why).toContain('first');
  });
  it('a push waiting alone is not marked', () => {
    const r = given({ duration: '2m' })
      .at('-10s', network('offline'))
      .at('0s', push('call'))
      .at('30s', network('wifi'))
      .run();
    expect(r.fate('call')).toBe('rang');
    expect(allMarks(r)).not.toContain('call:queued-order');
  });
});

describe('apsd-backoff and cellular-poor (DEV-1)', () => {
  const run = (backoff: string) =>
    given({
      duration: '30m',
      device: { network: 'cellular', locked: false },
      params: { apsdBackoff: backoff as '756s' },
    })
      .at('0s', network('cellular-poor'))
      .at('1m', push('c'))
      .at('20m', network('cellular'))
      .run();
  it('a push that waited out the retry timer on poor cellular carries both markers', () => {
    const r = run('756s');
    expect(marked(r, 'c', 'cellular-poor')[0]?.why).toContain('Ringside assumes');
    expect(marked(r, 'c', 'apsd-backoff')[0]?.why).toMatch(/Ringside assumes lasts 756 s/);
  });
  it('a retry timer a wake cut short decided nothing', () => {
    // As in DEV-2's test: the unlocked phone's network change ends the backoff at once.
    const r = given({ duration: '20m', device: { network: 'cellular', locked: false } })
      .at('0s', network('cellular-poor'))
      .at('3m', network('cellular'), push('c'))
      .run();
    expect(marked(r, 'c', 'apsd-backoff')).toEqual([]);
    expect(marked(r, 'c', 'cellular-poor')).toHaveLength(1);
  });
});

describe('ring-timeout (CALL-1)', () => {
  it('an unanswered call that rings out is marked, and the mark is not the decisive step', () => {
    const r = given({ duration: '2m' }).at('0s', push('c')).run();
    const [step] = marked(r, 'c', 'ring-timeout');
    expect(step?.at).toBe(60_100);
    expect(step?.why).toContain('Ringside assumes');
    const scenario = given({ duration: '2m' }).at('0s', push('c')).scenario();
    const v = verdictOf(scenario, r.output.result, r.push('c'));
    expect(r.push('c').steps[v.decisive]?.assumption).toBeUndefined();
  });
  it('an answered call is not', () => {
    const r = given({ duration: '2m' }).at('0s', push('c')).at('5s', answer('c')).run();
    expect(allMarks(r)).toEqual([]);
  });
});

describe('rolling-window (THROTTLE-1/2)', () => {
  it('a push blocked only because failures during the block keep it standing is marked', () => {
    const b = given({ duration: '25h', app: { report: 'never', blockMainThread: '8s' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const r = b.at('2403s', appAction('force-quit')).at('2404s', push('late')).at('24h5m', push('still')).run();
    expect(r.fate('still')).toBe('throttled');
    expect(marked(r, 'still', 'rolling-window')[0]?.why).toContain('Ringside assumes a rolling window');
  });
  it('a push blocked by the failures that started the block is not', () => {
    const b = given({ duration: '2h', app: { report: 'never' } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const r = b.at('1h', push('blocked')).run();
    expect(r.fate('blocked')).toBe('throttled');
    expect(allMarks(r)).toEqual([]);
  });
});

describe('update-resets-strikes (THROTTLE-2)', () => {
  const run = (updateResetsStrikes?: boolean) => {
    const b = given({
      duration: '3h',
      app: { report: 'never' },
      ...(updateResetsStrikes === undefined ? {} : { params: { updateResetsStrikes } }),
    });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    return b.at('1h', push('blocked')).at('2h', appAction('update')).at('150m', push('after')).run();
  };
  it('by default an update resets the count: the push after it reaches the app, marked', () => {
    const r = run();
    expect(r.fate('blocked')).toBe('throttled');
    expect(r.fate('after')).toBe('crashed');
    expect(marked(r, 'after', 'update-resets-strikes')[0]?.why).toContain('Ringside assumes an update resets');
  });
  it('with the param off the update changes nothing: the push after it is throttled, marked', () => {
    const r = run(false);
    expect(r.fate('after')).toBe('throttled');
    expect(marked(r, 'after', 'update-resets-strikes')[0]?.why).toContain('params.updateResetsStrikes is off');
    expect(r.output.result.throttled).toEqual([{ from: 40 * 60_000 + 1_100, until: 24 * 3_600_000 + 100 }]);
  });
  it('a reinstall resets the count whatever the param says, and is not an assumption', () => {
    const b = given({ duration: '3h', app: { report: 'never' }, params: { updateResetsStrikes: false } });
    for (let i = 0; i < 5; i++) b.at(`${i * 10}m`, push(`c${i}`));
    const r = b.at('2h', appAction('reinstall')).at('150m', push('after')).run();
    expect(r.fate('after')).toBe('crashed');
    expect(allMarks(r)).toEqual([]);
  });
});

describe('ended-process-strike (KILL-1)', () => {
  const run = (endedProcessStrikes?: boolean) =>
    given({
      app: { blockMainThread: '8s' },
      ...(endedProcessStrikes === undefined ? {} : { params: { endedProcessStrikes } }),
    })
      .at('0s', push('c'))
      .at('2s', appAction('force-quit'))
      .run();
  it('by default the check on a process the user ended counts a strike, marked', () => {
    const r = run();
    expect(r.fate('c')).toBe('killed');
    expect(r.strikes()).toBe(1);
    expect(marked(r, 'c', 'ended-process-strike')[0]?.why).toContain('Ringside assumes the failure counts');
  });
  it('with the param off it does not', () => {
    const r = run(false);
    expect(r.fate('c')).toBe('exempt');
    expect(r.strikes()).toBe(0);
    expect(marked(r, 'c', 'ended-process-strike')[0]?.why).toContain('does not count');
  });
  it('a check that kills a running app is not an assumption', () => {
    const r = given({ app: { blockMainThread: '8s' } })
      .at('0s', push('c'))
      .run();
    expect(r.fate('c')).toBe('killed');
    expect(allMarks(r)).toEqual([]);
  });
});
