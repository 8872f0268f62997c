import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/RULES.md is the repo's copy of ../shared/RULES.md (catalog.test.ts keeps them equal).
const RULES_MD = resolve(__dirname, '../../docs/RULES.md');

/** Rule IDs as RULES.md defines them: the first cell of each table row. */
function ruleIds(): string[] {
  const text = readFileSync(RULES_MD, 'utf8');
  return [...text.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]!);
}

describe('rule coverage', () => {
  it("every rule ID in RULES.md has a scenario test (a describe of its own) in an actor's room", () => {
    const actors = resolve(__dirname, '../actors');
    const files = readdirSync(actors, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.rules.test.ts'),
    );
    expect(files.length).toBeGreaterThanOrEqual(5);
    const tests = files.map((f) => readFileSync(resolve(actors, f), 'utf8')).join('\n');
    const ids = ruleIds();
    expect(ids.length).toBeGreaterThan(30);
    const missing = ids.filter((id) => !tests.includes(`describe('${id}'`));
    expect(missing, `rules without a scenario test: ${missing.join(', ')}`).toEqual([]);
  });
});
