import { Command, Option } from 'commander';
import { describeExpectation, type Result } from '../../machines';
import { bugLines, CliError, EXIT, simulateOrBug } from '../errors';
import { junitXml, pushOf, type SuiteResult } from '../format/junit';
import { makeStyle, useColor } from '../format/style';
import { loadOrThrow, sourceName, write, writeUserFile, type Loaded } from '../io';
import { examples, type RunState } from '../options';
import { toStderr } from '../streams';
import { expandTargets } from '../targets';

interface CheckOptions {
  reporter?: 'junit';
  output?: string;
  color?: boolean;
}

const DEFAULT_JUNIT = 'ringside-junit.xml';

type Verdict =
  { kind: 'checked'; loaded: Loaded; result: Result } | { kind: 'invalid' | 'bug'; lines: readonly string[] };

/** JSON nested deeper than the loader's recursion can follow: the file's shape, not an engine bug. */
const tooDeep = (error: unknown) => error instanceof RangeError && /call stack/i.test(error.message);

/**
 * One file's verdict, whatever it throws: invalid input (exit 2), or a bug in Ringside named with the
 * file (exit 3); either way `check` goes on to the next file, so every file gets its own line.
 */
async function checkOne(file: string): Promise<Verdict> {
  let loaded: Loaded;
  try {
    loaded = await loadOrThrow(file);
  } catch (error) {
    if (error instanceof CliError && error.code === EXIT.input) return { kind: 'invalid', lines: error.lines };
    if (tooDeep(error))
      return { kind: 'invalid', lines: [`${sourceName(file)}: nested too deeply to read as a scenario`] };
    return { kind: 'bug', lines: error instanceof CliError ? error.lines : bugLines(error, sourceName(file)) };
  }
  try {
    return { kind: 'checked', loaded, result: simulateOrBug(loaded.scenario, loaded.source).result };
  } catch (error) {
    return { kind: 'bug', lines: error instanceof CliError ? error.lines : bugLines(error, loaded.source) };
  }
}

/**
 * `ringside check`: every file's `expect` block. One line per failing expectation, then
 * `N passed, N failed`; exit 1 when one fails, 2 when a file cannot be loaded, 3 when Ringside itself
 * threw on one (every other file still runs and gets its verdict).
 */
export function checkCommand(state: RunState): Command {
  return new Command('check')
    .argument(
      '<targets...>',
      'scenario files, folders (every *.ringside.json below) or globs ("scenarios/**/*.ringside.json")',
    )
    .description("check every scenario's expect block; exit 1 if one fails, 2 if a file is invalid")
    .addOption(new Option('--reporter <name>', 'also write a report for CI').choices(['junit']))
    .option('--output <file>', `where the report goes (implies --reporter junit; default ${DEFAULT_JUNIT})`)
    .option('--no-color', 'plain output, no colour or symbols (also NO_COLOR=1)')
    .addHelpText(
      'after',
      examples(
        'ringside check scenarios/',
        'ringside check my-app.ringside.json other.ringside.json',
        'ringside check "scenarios/**/*.ringside.json" --reporter junit --output ringside.xml',
      ),
    )
    .action(async (targets: string[], o: CheckOptions) => {
      const s = makeStyle(useColor(o.color));
      const { files, problems } = expandTargets(targets);
      let passed = 0;
      let failed = 0;
      let invalid = problems.length;
      const suites: SuiteResult[] = problems.map((p) => ({
        file: p.target,
        title: p.target,
        expectations: [],
        error: [p.message],
      }));
      for (const p of problems) toStderr(`${p.message}\n`);
      let bugs = 0;
      for (const file of files) {
        const verdict = await checkOne(file);
        if (verdict.kind !== 'checked') {
          if (verdict.kind === 'bug') bugs++;
          else invalid++;
          toStderr(`${verdict.lines.join('\n')}\n`);
          suites.push({ file, title: file, expectations: [], error: verdict.lines });
          continue;
        }
        const { loaded, result } = verdict;
        suites.push({ file, title: loaded.scenario.title, expectations: result.expectations, pushes: result.pushes });
        for (const e of result.expectations) {
          if (e.ok) {
            passed++;
            continue;
          }
          failed++;
          const why = pushOf(e.expect, result.pushes)?.why;
          write(
            `${s.fail} ${loaded.source}: expected ${describeExpectation(e.expect)}, got ${String(e.actual)}${why ? `\n    ${s.dim(why)}` : ''}`,
          );
        }
      }
      if (o.reporter === 'junit' || o.output !== undefined) writeUserFile(o.output ?? DEFAULT_JUNIT, junitXml(suites));
      if (invalid + bugs) toStderr(`${invalid + bugs} could not be checked: see the messages above\n`);
      // The last line is exactly `N passed, N failed`, counting expectations, for people and scripts.
      write(`${passed} passed, ${failed} failed`);
      // A bug in Ringside outranks the user's problems: it is the one a report must reach us about.
      state.exitCode = bugs ? EXIT.bug : invalid ? EXIT.input : failed ? EXIT.failed : EXIT.ok;
    });
}
