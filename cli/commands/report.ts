import { Command } from 'commander';
import { htmlReport, markdownReport } from '../../machines';
import { simulateOrBug } from '../errors';
import { loadOrThrow, writeUserFile } from '../io';
import { addOverrideOptions, examples, overridesOf } from '../options';
import { toStdout } from '../streams';

export function reportCommand(): Command {
  return addOverrideOptions(
    new Command('report')
      .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
      .description(
        'a Markdown report to paste into a ticket, or a printable HTML page: scenario, timeline, fates, why-chains, strikes',
      ),
  )
    .option('--html', 'a standalone, printable HTML page instead of Markdown (implied by --output *.html)')
    .option('--output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      examples(
        'ringside report scenarios/report-after-fetch.ringside.json | pbcopy',
        'ringside report crash.ringside.json --output crash.md',
        'ringside report crash.ringside.json --output crash.html   # HTML, because of .html',
        'ringside report crash.ringside.json --html > crash.html',
      ),
    )
    .action(async (file: string, o: { ios?: string; set?: string[]; output?: string; html?: boolean }) => {
      const loaded = await loadOrThrow(file, overridesOf(o));
      const { result, trace } = simulateOrBug(loaded.scenario, loaded.source);
      const html = o.html === true || (o.output !== undefined && /\.html?$/i.test(o.output));
      const text = html ? htmlReport(loaded.scenario, result, trace) : markdownReport(loaded.scenario, result);
      if (o.output) writeUserFile(o.output, text);
      else toStdout(text);
    });
}
