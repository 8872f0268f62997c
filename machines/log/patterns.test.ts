import { describe, expect, it } from 'vitest';
import { RULES } from '../explain/rules';
import { LOG_PATTERNS } from './patterns';
import { readLog } from './reader';

describe('the pattern table (the closing note of #26 lists it: `ringside import --patterns`)', () => {
  it.each(LOG_PATTERNS.map((p) => [p.id, p] as const))(
    '%s: its example, read alone, is recognised by it and by no earlier pattern',
    (_id, pattern) => {
      const { observations, stats } = readLog(`${pattern.example}\n`);
      expect(stats.entries).toBe(1);
      expect(observations.map((o) => [o.pattern, o.rule, o.kind])).toEqual([[pattern.id, pattern.rule, pattern.kind]]);
    },
  );

  it('every pattern names a rule of the rulebook, a source, what it means and an example', () => {
    const known = new Set(RULES.map((r) => r.id));
    for (const p of LOG_PATTERNS) {
      expect(known.has(p.rule), `${p.id}: ${p.rule}`).toBe(true);
      expect(p.source.trim(), p.id).not.toBe('');
      expect(p.means.trim(), p.id).not.toBe('');
      expect(p.example, p.id).toContain(p.needle);
    }
  });

  it('copies only seed lines verbatim: a line from a public thread is synthetic (its shape only)', () => {
    for (const p of LOG_PATTERNS) if (p.exampleIs === 'verbatim') expect(p.source, p.id).toMatch(/^seed 00\d$/);
  });
});
