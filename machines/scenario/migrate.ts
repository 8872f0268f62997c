import { shown } from './limits';
import { SCENARIO_FORMAT } from './types';

/** Turns a document of one format version into the next one. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Old `format` tags → the migration to the next version. Empty today: v1 is the first format.
 * When v2 arrives, add `'ringside.scenario/v1': v1ToV2` here and a test beside it.
 */
export const MIGRATIONS: Readonly<Record<string, { to: string; migrate: Migration }>> = {};

export type MigrationResult =
  { ok: true; doc: Record<string, unknown>; migratedFrom?: string } | { ok: false; message: string };

/** Brings a document up to the current format, one step at a time. */
export function migrate(
  doc: Record<string, unknown>,
  migrations: Readonly<Record<string, { to: string; migrate: Migration }>> = MIGRATIONS,
): MigrationResult {
  const from = doc.format;
  if (from === undefined) return { ok: false, message: `is missing; add "format": "${SCENARIO_FORMAT}"` };
  if (typeof from !== 'string')
    return { ok: false, message: `${shown(from)} must be a string: "format": "${SCENARIO_FORMAT}"` };
  let current = doc;
  let format: string = from;
  for (let steps = 0; format !== SCENARIO_FORMAT; steps++) {
    // Own keys only: "constructor" or "toString" must not find Object.prototype's.
    const step = Object.hasOwn(migrations, format) ? migrations[format] : undefined;
    if (!step || steps > 20) {
      const known = [SCENARIO_FORMAT, ...Object.keys(migrations)].map((f) => `"${f}"`).join(', ');
      return {
        ok: false,
        message: `${shown(format)} is not a scenario format this version of Ringside knows (${known})`,
      };
    }
    current = { ...step.migrate(current), format: step.to };
    format = step.to;
  }
  return from === SCENARIO_FORMAT ? { ok: true, doc: current } : { ok: true, doc: current, migratedFrom: from };
}
