import type { Command } from 'commander';
import { parseDuration } from '../machines';
import { CliError } from './errors';
import type { Overrides } from './overrides';

/**
 * A time option: a duration with its unit ("12.5s", "250ms", "-2m"); `what` names the option in the
 * error. A bare number other than 0 is refused: on a command line `--at 12.5` is as likely seconds as
 * milliseconds (a scenario file keeps bare numbers as milliseconds, its format says so).
 */
export function timeOption(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const bare = value.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(bare) && Number(bare) !== 0)
    throw new CliError([`${what} ${value}: no unit; did you mean ${bare}s or ${bare}ms?`]);
  const t = parseDuration(value);
  if (t === undefined) throw new CliError([`${what} ${value}: not a time; use "250ms", "5s", "2m", "1h"`]);
  return t;
}

/** What a command reports back to main(): its exit code (0 unless it sets one). */
export interface RunState {
  exitCode: number;
}

/** Commander reducer for repeatable options (`--set a=1 --set b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--ios` and `--set`, the flags that change a file before it is validated. */
export function addOverrideOptions(command: Command): Command {
  return command
    .option('--ios <version>', 'override device.ios, e.g. 26.4')
    .option(
      '--set <path=value>',
      'override any field (repeatable); the value is JSON when it parses, else text; e.g. app.report=sync, timeline[1].at=5s',
      collect,
    );
}

export const overridesOf = (o: { ios?: string; set?: string[] }): Overrides => ({
  ...(o.ios === undefined ? {} : { ios: o.ios }),
  ...(o.set?.length ? { set: o.set } : {}),
});

/** Help text listing examples, shown after a command's options. */
export const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
