import { Command, Option } from 'commander';
import { simulateOrBug } from '../errors';
import { diffReport, runReport, stateReport } from '../format/terminal';
import { makeStyle, terminalWidth, useColor } from '../format/style';
import { parseOrThrow, readScenarioText, sourceName, write } from '../io';
import { addOverrideOptions, examples, overridesOf, timeOption } from '../options';
import { parseVs } from '../overrides';

interface RunOptions {
  json?: boolean;
  at?: string;
  ios?: string;
  set?: string[];
  vs?: string;
  color?: boolean;
}

export function runCommand(): Command {
  return addOverrideOptions(
    new Command('run')
      .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
      .description('simulate a scenario and print what happened to every push, and why')
      .option('--json', 'print exactly the result contract (ringside.result/v1); with --at, the state as JSON'),
  )
    .option('--at <time>', 'print the state of every actor at this moment, e.g. 12.5s')
    .addOption(
      new Option('--vs <flags>', "compare with a variant of the same file, e.g. --vs '--ios 26.4'").conflicts([
        'json',
        'at',
      ]),
    )
    .option('--no-color', 'plain output, no colour or symbols (also NO_COLOR=1)')
    .addHelpText(
      'after',
      examples(
        'ringside run scenarios/flight-mode-cancelled.ringside.json',
        'ringside run scenarios/flight-mode-cancelled.ringside.json --json > result.json',
        'ringside run scenarios/flight-mode-cancelled.ringside.json --at 27s',
        'ringside run scenarios/report-after-fetch.ringside.json --set app.report=sync',
        "ringside run scenarios/flight-mode-cancelled.ringside.json --vs '--ios 26.4 --set app.checksMustReport=true'",
        'cat my.ringside.json | ringside run -',
      ),
    )
    .action(async (file: string, o: RunOptions) => {
      const at = timeOption(o.at, '--at');
      const text = await readScenarioText(file);
      const loaded = parseOrThrow(text, sourceName(file), overridesOf(o));
      const out = simulateOrBug(loaded.scenario, loaded.source);
      const style = makeStyle(useColor(o.color));
      if (o.vs !== undefined) {
        const variant = parseVs(o.vs);
        const other = parseOrThrow(text, sourceName(file), {
          ...overridesOf(o),
          ...(variant.ios === undefined ? {} : { ios: variant.ios }),
          set: [...(o.set ?? []), ...(variant.set ?? [])],
        });
        const b = simulateOrBug(other.scenario, other.source);
        const mine = [...(o.ios === undefined ? [] : [`--ios ${o.ios}`]), ...(o.set ?? []).map((x) => `--set ${x}`)];
        write(
          diffReport(
            { label: mine.length ? mine.join(' ') : 'as written', result: out.result },
            { label: o.vs.trim() || 'as written', result: b.result },
            style,
          ).lines,
        );
        return;
      }
      if (at !== undefined) {
        const state = out.trace.stateAt(at);
        write(o.json ? JSON.stringify(state, null, 2) : stateReport(state, style, loaded.scenario.duration));
        return;
      }
      // The result object is the contract: nothing added, nothing reordered.
      if (o.json) write(JSON.stringify(out.result, null, 2));
      else write(runReport(loaded.scenario, out.result, style, terminalWidth()));
    });
}
