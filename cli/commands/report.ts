import { Command } from 'commander';
import { markdownReport } from '../../machines/report';
import { simulateOrBug } from '../errors';
import { loadOrThrow, writeUserFile } from '../io';
import { addOverrideOptions, examples, overridesOf } from '../options';

export function reportCommand(): Command {
  return addOverrideOptions(
    new Command('report')
      .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
      .description('a Markdown report to paste into a ticket: scenario, timeline, fates, why-chains, strikes'),
  )
    .option('--output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      examples(
        'ringside report scenarios/report-after-fetch.ringside.json | pbcopy',
        'ringside report crash.ringside.json --output crash.md',
      ),
    )
    .action(async (file: string, o: { ios?: string; set?: string[]; output?: string }) => {
      const loaded = await loadOrThrow(file, overridesOf(o));
      const md = markdownReport(loaded.scenario, simulateOrBug(loaded.scenario, loaded.source).result);
      if (o.output) writeUserFile(o.output, md);
      else process.stdout.write(md);
    });
}
