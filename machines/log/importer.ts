/**
 * A log import fed chunk by chunk (the CLI streams a file through it): the reader's observations are
 * kept, up to a cap, and turned into a scenario at the end. Memory grows with the recognised lines
 * only, never with the file; past the cap, recognised lines are counted and the import says so.
 */
import { LogReader } from './reader';
import { logToScenario, type ImportedLog, type ImportOptions } from './toScenario';
import type { Observation } from './types';

/** Recognised lines kept for the scenario; a real incident has tens to a few thousand. */
export const MAX_OBSERVATIONS = 20_000;

export class LogImporter {
  private readonly reader = new LogReader();
  private readonly observations: Observation[] = [];
  private dropped = 0;

  constructor(private readonly options: ImportOptions = {}) {}

  /** The recognised lines kept so far, in log order (a preview shows each with what it became). */
  get kept(): readonly Observation[] {
    return this.observations;
  }

  /** Reads a chunk; throws a LogReadError as soon as the file is seen not to be a text log. */
  push(chunk: string): void {
    this.keep(this.reader.push(chunk));
  }

  /** Ends the stream and builds the scenario. */
  end(): ImportedLog {
    this.keep(this.reader.end());
    const out = logToScenario(this.observations, this.reader.stats, this.reader.unrecognisedSample, this.options);
    if (this.dropped === 0) return out;
    const more = `Only the first ${MAX_OBSERVATIONS} recognised lines were imported; ${this.dropped} more were counted but not used.`;
    return {
      ...out,
      inferred: [...out.inferred, more],
      scenario: { ...out.scenario, notes: `${out.scenario.notes}\n${more}` },
    };
  }

  private keep(list: readonly Observation[]): void {
    for (const o of list) {
      if (this.observations.length < MAX_OBSERVATIONS) this.observations.push(o);
      else this.dropped++;
    }
  }
}

/** Imports a log held in memory (a paste, a test). */
export function importLog(text: string, options: ImportOptions = {}): ImportedLog {
  const importer = new LogImporter(options);
  importer.push(text);
  return importer.end();
}
