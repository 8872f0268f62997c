import { Command } from 'commander';
import { simulateOrBug } from '../errors';
import { diffReport } from '../format/terminal';
import { makeStyle, useColor } from '../format/style';
import { loadOrThrow, write } from '../io';
import { examples } from '../options';

export function diffCommand(): Command {
  return new Command('diff')
    .argument('<a>', 'a scenario')
    .argument('<b>', 'another scenario, e.g. a variant of the first')
    .description('two results side by side: pushes whose fate differs are marked ≠, then strikes and throttling')
    .option('--no-color', 'plain output, no colour or symbols (also NO_COLOR=1)')
    .addHelpText(
      'after',
      examples(
        'ringside diff scenarios/slow-cold-launch.ringside.json scenarios/slow-cold-launch-watchdog.ringside.json',
        "ringside run scenarios/flight-mode-cancelled.ringside.json --vs '--ios 26.4'   (a variant without a second file)",
      ),
    )
    .action(async (a: string, b: string, o: { color?: boolean }) => {
      const la = await loadOrThrow(a);
      const lb = await loadOrThrow(b);
      const ra = simulateOrBug(la.scenario, la.source).result;
      const rb = simulateOrBug(lb.scenario, lb.source).result;
      write(
        diffReport({ label: la.source, result: ra }, { label: lb.source, result: rb }, makeStyle(useColor(o.color)))
          .lines,
      );
    });
}
