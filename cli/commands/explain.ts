import { Command, CommanderError } from 'commander';
import { closest, distance } from 'fastest-levenshtein';
import { GLOSSARY, lookupTerm, ruleById } from '../../machines';
import { CliError } from '../errors';
import { makeStyle, terminalWidth, useColor, wrapText } from '../format/style';
import { write } from '../io';
import { examples } from '../options';
import { explainCommand as explainRuleCommand } from './rules';

/** A glossary term in plain words (machines/explain/glossary.ts, the UI's hover definitions). */
function termLines(name: string, color: boolean | undefined): string[] | undefined {
  const term = lookupTerm(name);
  if (!term) return undefined;
  const s = makeStyle(useColor(color));
  const width = Math.min(terminalWidth(), 100);
  return [
    `${s.bold(term.term)} ${s.dim(`— ${term.gloss}`)}`,
    '',
    ...wrapText(term.definition, width),
    ...(term.rules.length
      ? ['', `${s.bold('Rules')}: ${term.rules.join(', ')} ${s.dim('(ringside explain RULE-ID)')}`]
      : []),
  ];
}

/**
 * `ringside explain WORD`: a rule ID prints the rule (rules.ts); a term of art (apsd, strike, VoIP push …)
 * prints its plain-words definition from the one glossary the UI also reads.
 */
export function explainCommand(): Command {
  return new Command('explain')
    .argument('<rule-or-term...>', 'a rule ID such as KILL-1, or a term such as apsd, strike or "VoIP push"')
    .description('print a rule (text, numbers, sources, presets) or a term of art in plain words')
    .option('--no-color', 'plain output (also NO_COLOR=1)')
    .addHelpText('after', examples('ringside explain KILL-1', 'ringside explain apsd', 'ringside explain VoIP push'))
    .action(async (words: string[], o: { color?: boolean }) => {
      const name = words.join(' ');
      const term = ruleById(name) ? undefined : termLines(name, o.color);
      if (term) return write(term);
      try {
        await explainRuleCommand()
          .exitOverride()
          .parseAsync([name, ...(o.color === false ? ['--no-color'] : [])], { from: 'user' });
      } catch (error) {
        // A rule-like name (KILL-9) keeps the rule's own "did you mean KILL-1?".
        if (!(error instanceof CliError) || error instanceof CommanderError || /^[a-z]+-\d+$/i.test(name)) throw error;
        const names = GLOSSARY.flatMap((t) => [t.term, ...t.aliases]);
        const best = closest(
          name.toLowerCase(),
          names.map((n) => n.toLowerCase()),
        );
        const hint = distance(name.toLowerCase(), best) <= 2 ? `; did you mean ${lookupTerm(best)?.term}?` : '';
        throw new CliError([`${name}: no such rule or term${hint} (ringside rules lists the rules)`], error.code);
      }
    });
}
