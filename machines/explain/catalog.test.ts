import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PARAM_NAMES, PARAMS } from '../scenario/params';
import { FATES } from '../scenario/types';
import { generateCatalog } from './catalogText';
import { FATE_INFO, RULES, ruleById } from './rules';

const RULES_MD = resolve(__dirname, '../../docs/RULES.md');
const SHARED_RULES_MD = resolve(__dirname, '../../../shared/RULES.md');
const CATALOG_TS = resolve(__dirname, 'catalog.generated.ts');

describe('rule catalog', () => {
  // The steering repo's shared/ sits beside this one in CI; a lone clone has only docs/RULES.md.
  it.skipIf(!existsSync(SHARED_RULES_MD))(
    'docs/RULES.md is the same as ../shared/RULES.md (cp ../shared/RULES.md docs/)',
    () => {
      expect(readFileSync(RULES_MD, 'utf8')).toBe(readFileSync(SHARED_RULES_MD, 'utf8'));
    },
  );

  it('is generated from docs/RULES.md and up to date (run npx tsx scripts/gen-catalog.ts)', async () => {
    const options = (await resolveConfig(CATALOG_TS)) ?? {};
    const fresh = await format(generateCatalog(readFileSync(RULES_MD, 'utf8')), { ...options, filepath: CATALOG_TS });
    expect(readFileSync(CATALOG_TS, 'utf8')).toBe(fresh);
  });

  it('has every rule ID of RULES.md with its text and sources', () => {
    const ids = [...readFileSync(RULES_MD, 'utf8').matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]);
    expect(RULES.map((r) => r.id)).toEqual(ids);
    for (const r of RULES) {
      expect(r.text.length, r.id).toBeGreaterThan(40);
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.title.length, r.id).toBeLessThanOrEqual(70);
    }
    expect(ruleById('kill-1')?.text).toContain('0xbaadca11');
  });

  it('has every fate with its meaning', () => {
    expect(Object.keys(FATE_INFO).sort()).toEqual([...FATES].sort());
    expect(FATE_INFO.killed.strike).toContain('KILL-1');
  });

  it('names only real rules in the params', () => {
    for (const name of PARAM_NAMES)
      for (const id of PARAMS[name].rules) expect(ruleById(id), `${name} → ${id}`).toBeDefined();
    expect(ruleById('KILL-1')?.params).toContain('callservicesdDeadline');
  });
});
