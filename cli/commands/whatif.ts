import { Command } from 'commander';
import { GOOD_FATES, whatWouldHaveSaved } from '../../machines';
import { CliError, EXIT, bugLines, simulateOrBug } from '../errors';
import { loadOrThrow, write } from '../io';
import { examples } from '../options';

export function whatifCommand(): Command {
  return new Command('whatif')
    .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
    .argument('<push>', 'the id of a push that crashed, was killed, throttled, expired, stale …')
    .description('name the common changes that, each on its own, would have saved a push')
    .addHelpText('after', examples('ringside whatif scenarios/report-after-fetch.ringside.json call-1'))
    .action(async (file: string, push: string) => {
      const loaded = await loadOrThrow(file);
      const pushes = simulateOrBug(loaded.scenario, loaded.source).result.pushes;
      const now = pushes.find((p) => p.id === push);
      if (!now)
        throw new CliError([`${loaded.source}: no push "${push}" (pushes: ${pushes.map((p) => p.id).join(', ')})`]);
      if (GOOD_FATES.has(now.fate)) {
        write(`${push} ${now.fate}: nothing to save.`);
        return;
      }
      let saves;
      try {
        saves = whatWouldHaveSaved(loaded.scenario, push);
      } catch (error) {
        throw new CliError(bugLines(error, loaded.source), EXIT.bug);
      }
      if (saves.length === 0) write(`${push} ${now.fate}: none of the common changes alone would have saved it.`);
      else write([`${push} ${now.fate}:`, ...saves.map((w) => `  ${w.sentence}`)]);
    });
}
