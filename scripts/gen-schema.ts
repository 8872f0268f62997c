/**
 * Writes schema/ringside.scenario.v1.json from the zod schema, so editors complete and check
 * *.ringside.json files. Run: npx tsx scripts/gen-schema.ts  (a test fails when it is out of date)
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaText } from '../machines/scenario/jsonSchema';

export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/ringside.scenario.v1.json');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
