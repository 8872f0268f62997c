/**
 * Generates machines/explain/catalog.generated.ts from docs/RULES.md (the project's copy of ../shared/RULES.md): every rule (ID, section, text,
 * sources) and every fate (meaning, strike), so the UI and CLI show the rules' own words.
 * Run: npx tsx scripts/gen-catalog.ts   (catalog.test.ts fails when the output is out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog } from '../machines/explain/catalogText';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The rules as this repo ships them; kept equal to ../shared/RULES.md by catalog.test.ts. */
export const RULES_MD = resolve(root, 'docs/RULES.md');
export const SHARED_RULES_MD = resolve(root, '../shared/RULES.md');
export const CATALOG_TS = resolve(root, 'machines/explain/catalog.generated.ts');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(CATALOG_TS, generateCatalog(readFileSync(RULES_MD, 'utf8')));
  console.log(`wrote ${CATALOG_TS}`);
}
