import { simulate, type Scenario, type SimulationOutput } from '../machines';

/** Exit codes: 0 all good, 1 an expectation failed, 2 bad input or usage, 3 a bug in Ringside. */
export const EXIT = { ok: 0, failed: 1, input: 2, bug: 3 } as const;

/** A failure for people: its lines are printed as-is to stderr, never a stack trace. */
export class CliError extends Error {
  constructor(
    readonly lines: readonly string[],
    readonly code: number = EXIT.input,
  ) {
    super(lines.join('\n'));
  }
}

/** The message for an exception that should not happen: the engine threw. */
export function bugLines(error: unknown, source?: string): string[] {
  const ask = source
    ? `Please attach the scenario file ${source} to a report.`
    : 'Please report it with the command you ran.';
  return [
    `ringside: internal error — this is a bug. ${ask}`,
    `  ${error instanceof Error ? error.message : String(error)}`,
  ];
}

/** simulate(), with an engine exception turned into the exit-3 "this is a bug" message naming the file. */
export function simulateOrBug(scenario: Scenario, source: string): SimulationOutput {
  try {
    return simulate(scenario);
  } catch (error) {
    throw new CliError(bugLines(error, source), EXIT.bug);
  }
}
