/** machines/CONTEXT.md's rule table (rule ID → folder → function) is generated, and must be up to date. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CONTEXT_MD, ruleTable, withRuleTable } from './gen-context';

const RULES_MD = readFileSync(resolve(__dirname, '../docs/RULES.md'), 'utf8');

describe("CONTEXT.md's rule table", () => {
  it('is up to date with the code (run npx tsx scripts/gen-context.ts)', async () => {
    const current = readFileSync(CONTEXT_MD, 'utf8');
    const options = (await resolveConfig(CONTEXT_MD)) ?? {};
    const fresh = await format(withRuleTable(current, RULES_MD), { ...options, filepath: CONTEXT_MD });
    expect(current).toBe(fresh);
  });

  it('has a row for every rule of RULES.md, and finds the code that cites one', () => {
    const table = ruleTable(RULES_MD);
    const ids = [...RULES_MD.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(table).toContain(`| ${id} |`);
    // KILL-1's check lives in callservicesd's room; the table must lead there.
    expect(table).toMatch(/\| KILL-1 \|[^\n]*`actors\/callServices\/`[^\n]*reportCheck\.ts`: [^\n]*checkDeadline/);
  });
});
