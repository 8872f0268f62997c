import { describe, expect, it } from 'vitest';
import { missedLines, wrap, type Row } from './bench-rows';

describe("the table's missed rows", () => {
  const row = (ok: boolean, extra: Partial<Row> = {}): Row => ({
    measure: ok ? 'fast' : 'slow',
    figure: '2 ms',
    target: '≤ 1 ms',
    ok,
    ...extra,
  });

  it('lists only the rows that miss, each with its profile and what would close it', () => {
    const lines = missedLines([row(true, { profile: 'p' }), row(false, { profile: 'all xstate', closes: 'ask less' })]);
    expect(lines).toEqual([
      'MISS  slow: 2 ms  (target ≤ 1 ms)',
      '      profile: all xstate',
      '      what would close it: ask less',
    ]);
  });

  it('wraps long text at the width, a word too long for a line on a line of its own', () => {
    expect(wrap('aa bb cc', 7, '  ')).toEqual(['  aa bb', '  cc']);
    expect(wrap('aaaaaaaaaa b', 7, '  ')).toEqual(['  aaaaaaaaaa', '  b']);
  });
});
