import { describe, expect, it } from 'vitest';
import { RULES } from './rules';
import { RULE_SYNONYMS, searchRules } from './search';

const ids = (q: string) => searchRules(q).map((r) => r.id);

describe('rule search by meaning', () => {
  it.each([
    ["didn't ring", ['THROTTLE-1', 'PK-1', 'KILL-1']],
    ['Phone did not ring', ['THROTTLE-1', 'PK-1', 'KILL-1']],
    ['no sound', ['AUDIO-1', 'AUDIO-2', 'AUDIO-5']],
    ['late', ['APNS-2', 'DEV-2']],
    ['crash', ['PK-1', 'KILL-1']],
    ['blocked', ['THROTTLE-1', 'THROTTLE-2']],
    ['crahs', ['PK-1', 'KILL-1']],
    ['throtled', ['THROTTLE-1', 'THROTTLE-2']],
  ])('"%s" finds %j', (query, expected) => {
    const found = ids(query);
    for (const id of expected) expect(found, query).toContain(id);
  });

  it('ranks what the words literally say first, and keeps an exact search exact', () => {
    expect(ids('0xbaadca11')).toEqual(['KILL-1']);
    expect(ids('PATH-4')).toEqual(['PATH-4']);
    expect(ids('no sound')[0]).toBe('AUDIO-1');
    expect(ids('')).toHaveLength(RULES.length);
    expect(ids('zebra')).toEqual([]);
  });

  it('names only rules that exist', () => {
    const known = new Set(RULES.map((r) => r.id));
    for (const g of RULE_SYNONYMS) for (const r of g.rules) expect(known.has(r), r).toBe(true);
  });
});
