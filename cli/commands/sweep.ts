import { Command } from 'commander';
import { FATE_SYMBOL, fatesBySendTime, sweepStep, formatTime } from '../../machines';
import { CliError, EXIT, bugLines, simulateOrBug } from '../errors';
import { loadOrThrow, write } from '../io';
import { examples, timeOption } from '../options';

export function sweepCommand(): Command {
  return new Command('sweep')
    .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
    .argument('<push>', 'the id of the push to send at other times')
    .description(
      'the fate a push would have if it alone were sent at any other time: where its fate changes, to the ms',
    )
    .option('--from <time>', 'earliest send time to try (default: the scenario start)')
    .option('--to <time>', 'latest send time to try (default: the scenario end)')
    .option(
      '--step <time>',
      'time between samples; each change between two is found to the ms (default: the range / 150 in 100ms steps, as the app does)',
    )
    .addHelpText(
      'after',
      examples(
        'ringside sweep scenarios/backgrounding-race.ringside.json call-1',
        'ringside sweep scenarios/apns-knows-offline.ringside.json call-1 --from 60s --to 120s --step 1s',
      ),
    )
    .action(async (file: string, push: string, o: { from?: string; to?: string; step?: string }) => {
      const loaded = await loadOrThrow(file);
      const { scenario } = loaded;
      const { result, trace } = simulateOrBug(scenario, loaded.source);
      const now = result.pushes.find((p) => p.id === push);
      const sent = scenario.timeline.some((e) => e.do === 'push' && e.id === push);
      if (!now || !sent) {
        const ids = scenario.timeline.flatMap((e) => (e.do === 'push' ? [e.id] : []));
        throw new CliError([`${loaded.source}: no push "${push}" on the timeline (pushes: ${ids.join(', ')})`]);
      }
      const from = timeOption(o.from, '--from') ?? trace.start;
      const to = timeOption(o.to, '--to') ?? trace.end;
      if (to <= from) throw new CliError([`--from ${formatTime(from)} --to ${formatTime(to)}: an empty range`]);
      const step = timeOption(o.step, '--step') ?? sweepStep(from, to);
      if (step <= 0) throw new CliError([`--step ${o.step ?? ''}: must be more than 0`]);
      let spans;
      try {
        spans = fatesBySendTime(scenario, push, from, to, step);
      } catch (error) {
        throw new CliError(bugLines(error, loaded.source), EXIT.bug);
      }
      const times = spans.map((s) => `${formatTime(s.from)} – ${formatTime(s.to)}`);
      const width = Math.max(...times.map((t) => t.length));
      write([
        `${push} sent at another time, all else as written (${formatTime(from)} to ${formatTime(Math.min(to, scenario.duration))}, every ${formatTime(step)}):`,
        ...spans.map((s, i) => {
          const here = now.sentAt >= s.from && now.sentAt < s.to ? `   ← as written (${formatTime(now.sentAt)})` : '';
          return `  ${times[i]!.padEnd(width)}  ${FATE_SYMBOL[s.fate]} ${s.fate}${here}`;
        }),
      ]);
    });
}
