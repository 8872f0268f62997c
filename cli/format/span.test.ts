import { describe, expect, it } from 'vitest';
import type { Result } from '../../machines';
import { makeStyle } from './style';
import { summary } from './terminal';

describe('throttle spans', () => {
  it('show their real length: a 20-minute block a day in is not "1 d → 1 d"', () => {
    const day = 86_400_000;
    const result = {
      strikes: [],
      throttled: [{ from: day, until: day + 20 * 60_000 }],
      expectations: [],
    } as unknown as Result;
    expect(summary(result, makeStyle(false)).join('\n')).toContain('1 d → 1 d (20 min)');
  });
});
