import { Command } from 'commander';
import { closest, distance } from 'fastest-levenshtein';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { simulate, MODEL_CHOICES, PARAMS, RULES, ruleById, parseScenarioText, formatTime } from '../../machines';
import { CliError } from '../errors';
import { makeStyle, table, terminalWidth, useColor, wrapText } from '../format/style';
import { presetFiles, write } from '../io';
import { examples } from '../options';

export function rulesCommand(): Command {
  return (
    new Command('rules')
      .description("list every rule whole, one line each, then Ringside's own choices where the sources are silent")
      .addHelpText('after', examples('ringside rules', 'ringside rules | grep THROTTLE'))
      // Whole, not the title: a title stops at its first sentence, and some rules' first sentence is not all.
      .action(() =>
        write([
          ...table(RULES.map((r) => [r.id, r.text.replace(/`/g, '')])),
          '',
          "Ringside's own choices (the sources are silent; a scenario's params change them):",
          ...table(
            MODEL_CHOICES.map((c) => [
              c.id,
              `${c.statement} Params: ${c.params.join(', ')}. Rules: ${c.rules.join(', ')}. ${c.silence}`,
            ]),
          ),
        ]),
      )
  );
}

/** The presets whose simulated result cites the rule, on a push's why or in the event log. */
export function presetsShowing(ruleId: string): ReturnType<typeof presetFiles> {
  return presetFiles().filter((p) => {
    const loaded = parseScenarioText(readFileSync(p.path, 'utf8'));
    if (!loaded.ok) return false;
    const { result } = simulate(loaded.scenario);
    return result.pushes.some((x) => x.rules.includes(ruleId)) || result.events.some((e) => e.rule === ruleId);
  });
}

export function explainCommand(): Command {
  return new Command('explain')
    .argument('<rule>', 'a rule ID such as KILL-1 (any case)')
    .description('print a rule, its numbers (documented or estimate), its sources and the presets that show it')
    .option('--no-color', 'plain output (also NO_COLOR=1)')
    .addHelpText('after', examples('ringside explain KILL-1', 'ringside explain must-1'))
    .action((id: string, o: { color?: boolean }) => {
      const rule = ruleById(id);
      if (!rule) {
        const wanted = id.toUpperCase();
        const best = closest(
          wanted,
          RULES.map((r) => r.id),
        );
        const hint = distance(wanted, best) <= 2 ? `; did you mean ${best}?` : '';
        throw new CliError([`${id}: no such rule${hint} (ringside rules lists them all)`]);
      }
      const s = makeStyle(useColor(o.color));
      const width = Math.min(terminalWidth(), 100);
      const lines = [`${s.bold(rule.id)} ${s.dim(`— ${rule.section}`)}`, '', ...wrapText(rule.text, width)];
      if (rule.params.length) {
        lines.push('', `${s.bold('Numbers')} ${s.dim('(a scenario\'s "params" can override them)')}:`);
        for (const name of rule.params) {
          const p = PARAMS[name];
          const value = p.unit === 'ms' ? formatTime(p.default) : String(p.default);
          const how = p.provenance === 'estimate' ? s.yellow('estimate: Apple does not document this') : 'documented';
          lines.push(...wrapText(`  ${name} = ${value} (${how}) — ${p.about}`, width, 4));
        }
      }
      lines.push(
        '',
        `${s.bold('Sources')}: ${rule.sources.map((x) => `seed ${x}`).join(', ')} ${s.dim('(the source documents of docs/RULES.md)')}`,
      );
      const showing = presetsShowing(rule.id);
      lines.push(
        `${s.bold('Presets that show it')}: ${showing.map((p) => p.id).join(', ') || 'none yet'}`,
        ...(showing[0] ? [s.dim(`  try: ringside run ${relative(process.cwd(), showing[0].path)}`)] : []),
      );
      write(lines);
    });
}
