/**
 * `ringside`: run, check and explain scenarios in a terminal and in CI. A thin layer over the core in
 * machines/: it loads files, calls simulate() and prints; it never decides a fate itself.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';
import { explainCommand } from './commands/explain';
import { rulesCommand } from './commands/rules';
import { runCommand } from './commands/run';
import { newCommand, presetsCommand, schemaCommand } from './commands/scenarios';
import { sweepCommand } from './commands/sweep';
import { whatifCommand } from './commands/whatif';
import { bugLines, CliError, EXIT } from './errors';
import { packageRoot } from './io';
import { examples, type RunState } from './options';
import { processStreams, streams, toStderr, toStdout, withStreams, type Streams } from './streams';

const version = (): string =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** Commander wraps help to a terminal's width; without one, to its default. */
const helpWidth = (out: Streams['stdout']): number => (out.isTTY && out.columns ? out.columns : 80);

/** The command tree. `state` collects the exit code a command decides (check: 0, 1 or 2). */
export function program(state: RunState): Command {
  const cli = new Command('ringside')
    .description('Simulate iOS VoIP call delivery: which pushes ring, crash the app, or get throttled, and why.')
    .version(version(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help; every command has its own (ringside run --help)')
    .exitOverride()
    // Commander's own messages (help, usage errors) go to the run's streams too; copied to each command.
    .configureOutput({
      writeOut: toStdout,
      writeErr: toStderr,
      getOutHelpWidth: () => helpWidth(streams().stdout),
      getErrHelpWidth: () => helpWidth(streams().stdout),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `${examples(
        'ringside run scenarios/flight-mode-cancelled.ringside.json',
        'ringside check scenarios/',
        'ringside explain KILL-1',
      )}\nExit codes: 0 fine, 1 an expectation failed (check), 2 bad input or usage, 3 a bug in Ringside.\n`,
    );
  for (const command of [
    runCommand(),
    checkCommand(state),
    diffCommand(),
    whatifCommand(),
    sweepCommand(),
    reportCommand(),
    rulesCommand(),
    explainCommand(),
    presetsCommand(),
    newCommand(),
    schemaCommand(),
    importCommand(),
  ]) {
    // addCommand() does not inherit settings the way command() does: usage errors must throw, not exit 1.
    cli.addCommand(command.copyInheritedSettings(cli));
  }
  return cli;
}

/**
 * Runs the CLI on `argv` (as process.argv) with `io` as its streams (the process's unless given) and
 * returns the exit code; never throws.
 */
export function main(argv: readonly string[], io: Streams = processStreams()): Promise<number> {
  return withStreams(io, () => run(argv));
}

async function run(argv: readonly string[]): Promise<number> {
  const state: RunState = { exitCode: EXIT.ok };
  try {
    await program(state).parseAsync([...argv]);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CliError) {
      toStderr(`${error.lines.join('\n')}\n`);
      return error.code;
    }
    // Commander has already printed its message (unknown option, missing argument) or the help.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    toStderr(`${bugLines(error).join('\n')}\n`);
    return EXIT.bug;
  }
}
