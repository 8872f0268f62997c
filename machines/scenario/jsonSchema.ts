import { z } from 'zod';
import { scenarioSchema } from './schema';

export const SCHEMA_ID = 'https://ringside.dev/schema/ringside.scenario.v1.json';

/** The JSON Schema of `ringside.scenario/v1` (the input side: what people write), generated from zod. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: SCHEMA_ID,
    title: 'Ringside scenario',
    description:
      'A scenario for Ringside, the simulator of iOS VoIP call-delivery rules. Durations are milliseconds or strings like "250ms", "5s", "2m", "1h", "1d".',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The schema file's text, as scripts/gen-schema.ts writes it (load.test.ts checks the file is up to date). */
export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
