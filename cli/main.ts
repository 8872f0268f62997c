/**
 * `ringside`: run, check and explain scenarios in a terminal and in CI. A thin layer over the core in
 * machines/: it loads files, calls simulate() and prints; it never decides a fate itself.
 */
import { Command, Option } from 'commander';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, type Result } from '../machines';
import { PARAMS } from '../machines/params';
import { markdownReport } from '../machines/report';
import { RULES, ruleById } from '../machines/rules';
import { GOOD_FATES, whatWouldHaveSaved } from '../machines/whatif';
import { parseScenarioText, scenarioJsonSchema, serializeScenario, type ScenarioFile } from '../machines/scenario';
import { parseDuration } from '../machines/time';
import { expandTargets, InputError, loadOrThrow, packageRoot, presetsDir, type Overrides } from './io';
import { describeExpectation, junitXml, type SuiteResult } from './junit';
import { diffReport, runReport, stateReport } from './report';
import { makeStyle, table, useColor } from './style';

const write = (lines: readonly string[] | string): void =>
  void process.stdout.write(`${typeof lines === 'string' ? lines : lines.join('\n')}\n`);
const version = (): string =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

function simulateOrBug(scenario: Parameters<typeof simulate>[0], source: string) {
  try {
    return simulate(scenario);
  } catch (error) {
    throw new InputError(
      [
        `ringside: internal error — this is a bug. Please attach the scenario file ${source} to a report.`,
        `  ${(error as Error).message}`,
      ],
      3,
    );
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const overridesOf = (o: { ios?: string; set?: string[] }): Overrides => ({
  ...(o.ios ? { ios: o.ios } : {}),
  ...(o.set ? { set: o.set } : {}),
});

function presetFiles(): { id: string; path: string }[] {
  const dir = presetsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ringside.json'))
    .sort()
    .map((f) => ({ id: f.replace('.ringside.json', ''), path: join(dir, f) }));
}

export function program(): Command {
  const cli = new Command('ringside')
    .description('Simulate iOS VoIP call delivery: which pushes ring, crash the app, or get throttled, and why.')
    .version(version(), '-v, --version')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n  ringside run scenarios/flight-mode-cancelled.ringside.json\n  ringside check scenarios/\n  ringside explain KILL-1\n',
    );

  cli
    .command('run')
    .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
    .description('simulate a scenario and print what happened to every push, and why')
    .option('--json', 'print exactly the result contract (ringside.result/v1)')
    .option('--at <time>', 'print the state of every actor at this moment (e.g. 12.5s)')
    .option('--ios <version>', 'override device.ios')
    .option('--set <path=value>', 'override a field of the file (repeatable), e.g. --set app.report=sync', collect)
    .option('--vs <flags>', "compare with a variant, e.g. --vs '--ios 26.4 --set app.checksMustReport=true'")
    .option('--no-color', 'plain output')
    .addHelpText(
      'after',
      "\nExamples:\n  ringside run flight.ringside.json\n  ringside run flight.ringside.json --json\n  ringside run flight.ringside.json --at 27s\n  ringside run flight.ringside.json --vs '--ios 26.4 --set app.checksMustReport=true'\n  cat x.ringside.json | ringside run -\n",
    )
    .action(
      (
        file: string,
        o: { json?: boolean; at?: string; ios?: string; set?: string[]; vs?: string; color?: boolean },
      ) => {
        const loaded = loadOrThrow(file, overridesOf(o));
        const out = simulateOrBug(loaded.scenario, loaded.source);
        if (o.vs !== undefined) {
          const variant = parseVs(o.vs);
          const other = loadOrThrow(file, {
            ios: variant.ios ?? o.ios,
            set: [...(o.set ?? []), ...(variant.set ?? [])],
          });
          const b = simulateOrBug(other.scenario, other.source);
          write(
            diffReport(
              { label: 'as written', result: out.result },
              { label: o.vs, result: b.result },
              makeStyle(useColor(o.color)),
            ).lines,
          );
          return;
        }
        if (o.json) {
          write(JSON.stringify(out.result, null, 2));
          return;
        }
        if (o.at !== undefined) {
          const t = parseDuration(o.at);
          if (t === undefined) throw new InputError([`--at ${o.at}: not a time; use ms or "5s", "2m", "1h"`]);
          write(stateReport(out.trace.stateAt(t), makeStyle(useColor(o.color))));
          return;
        }
        write(runReport(loaded.scenario, out.result, makeStyle(useColor(o.color))));
      },
    );

  cli
    .command('whatif')
    .argument('<file>', 'a *.ringside.json scenario')
    .argument('<push>', 'the id of a push that crashed, was killed, throttled, expired, stale …')
    .description('name the common changes that, each on its own, would have saved a push')
    .action((file: string, push: string) => {
      const loaded = loadOrThrow(file);
      const now = simulateOrBug(loaded.scenario, loaded.source).result.pushes.find((p) => p.id === push);
      if (!now)
        throw new InputError([
          `${file}: no push "${push}" (pushes: ${simulate(loaded.scenario)
            .result.pushes.map((p) => p.id)
            .join(', ')})`,
        ]);
      const saves = whatWouldHaveSaved(loaded.scenario, push);
      if (GOOD_FATES.has(now.fate)) write(`${push} ${now.fate}: nothing to save.`);
      else if (saves.length === 0) write(`${push} ${now.fate}: none of the common changes alone would have saved it.`);
      else write([`${push} ${now.fate}:`, ...saves.map((w) => `  ${w.sentence}`)]);
    });

  cli
    .command('report')
    .argument('<file>', 'a *.ringside.json scenario, or - for stdin')
    .description('a Markdown report to paste into a ticket: scenario, timeline, fates, why-chains, strikes')
    .option('--ios <version>', 'override device.ios')
    .option('--set <path=value>', 'override a field of the file (repeatable)', collect)
    .option('--output <file>', 'write to a file instead of stdout')
    .action((file: string, o: { ios?: string; set?: string[]; output?: string }) => {
      const loaded = loadOrThrow(file, overridesOf(o));
      const md = markdownReport(loaded.scenario, simulateOrBug(loaded.scenario, loaded.source).result);
      if (o.output) writeFileSync(o.output, md);
      else process.stdout.write(md);
    });

  cli
    .command('check')
    .argument('<targets...>', 'scenario files, folders (all *.ringside.json inside) or globs')
    .description("check every scenario's expect block; exit 1 if any fails, 2 if any file is invalid")
    .addOption(new Option('--reporter <name>', 'also write a report').choices(['junit']))
    .option('--output <file>', 'where the report goes (default ringside-junit.xml)')
    .option('--no-color', 'plain output')
    .addHelpText(
      'after',
      '\nExamples:\n  ringside check scenarios/\n  ringside check "scenarios/*.ringside.json" --reporter junit --output ringside.xml\n',
    )
    .action((targets: string[], o: { reporter?: 'junit'; output?: string; color?: boolean }) => {
      const s = makeStyle(useColor(o.color));
      let passed = 0;
      let failed = 0;
      let invalid = 0;
      const suites: SuiteResult[] = [];
      for (const file of expandTargets(targets)) {
        let loaded;
        try {
          loaded = loadOrThrow(file);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          invalid++;
          process.stderr.write(`${error.lines.join('\n')}\n`);
          suites.push({ file, title: file, expectations: [], error: error.message });
          continue;
        }
        const { result } = simulateOrBug(loaded.scenario, file);
        suites.push({ file, title: loaded.scenario.title, expectations: result.expectations });
        for (const e of result.expectations) {
          if (e.ok) {
            passed++;
            continue;
          }
          failed++;
          const push =
            'fate' in e.expect ? result.pushes.find((p) => 'push' in e.expect && p.id === e.expect.push) : undefined;
          write(
            `${s.red('✕')} ${file}: expected ${describeExpectation(e.expect)}, got ${String(e.actual)}${push ? `\n    ${s.dim(push.why)}` : ''}`,
          );
        }
      }
      if (o.reporter === 'junit') writeFileSync(o.output ?? 'ringside-junit.xml', junitXml(suites));
      write(`${passed} passed, ${failed} failed${invalid ? `, ${invalid} invalid` : ''}`);
      process.exitCode = invalid ? 2 : failed ? 1 : 0;
    });

  cli
    .command('diff')
    .argument('<a>', 'a scenario')
    .argument('<b>', 'another scenario (e.g. a variant)')
    .description('two results side by side; pushes whose fate differs are marked ≠')
    .option('--no-color', 'plain output')
    .action((a: string, b: string, o: { color?: boolean }) => {
      const la = loadOrThrow(a);
      const lb = loadOrThrow(b);
      const ra = simulateOrBug(la.scenario, la.source).result;
      const rb = simulateOrBug(lb.scenario, lb.source).result;
      write(diffReport({ label: a, result: ra }, { label: b, result: rb }, makeStyle(useColor(o.color))).lines);
    });

  cli
    .command('rules')
    .description('list the rule IDs with one line each')
    .action(() => write(table(RULES.map((r) => [r.id, r.title]))));

  cli
    .command('explain')
    .argument('<rule>', 'a rule ID such as KILL-1')
    .description('print a rule, its numbers, its sources and the presets that show it')
    .action((id: string) => {
      const rule = ruleById(id);
      if (!rule) {
        const known = RULES.map((r) => r.id);
        throw new InputError([`${id}: no such rule (rules: ${known.join(', ')})`]);
      }
      const lines = [
        `${rule.id} — ${rule.section}`,
        '',
        rule.text,
        '',
        `Sources: ${rule.sources.map((s) => `seed ${s}`).join(', ')} (../shared/seeds)`,
      ];
      if (rule.params.length) {
        lines.push('', 'Numbers:');
        for (const name of rule.params) {
          const spec = PARAMS[name];
          lines.push(
            `  ${name} = ${spec.default}${spec.unit === 'ms' ? ' ms' : ''} (${spec.provenance === 'estimate' ? 'estimate: Apple does not document this' : 'documented'}) — ${spec.about}`,
          );
        }
      }
      const showing = presetFiles().filter((p) => {
        const r = parseScenarioText(readFileSync(p.path, 'utf8'));
        return r.ok && simulate(r.scenario).result.pushes.some((x) => x.rules.includes(rule.id));
      });
      lines.push('', `Presets that show it: ${showing.map((p) => p.id).join(', ') || 'none yet'}`);
      write(lines);
    });

  cli
    .command('presets')
    .description('list the bundled presets')
    .action(() => {
      const rows = presetFiles().map((p) => {
        const file = JSON.parse(readFileSync(p.path, 'utf8')) as ScenarioFile;
        return [p.id, file.title, `${file.timeline.filter((e) => e.do === 'push').length} pushes`];
      });
      write(table(rows));
    });

  cli
    .command('new')
    .argument('<file>', 'where to write the scenario')
    .description('write a starter scenario with $schema set')
    .option('--from <preset>', 'start from a bundled preset (see ringside presets)')
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      '\nExamples:\n  ringside new my-app.ringside.json\n  ringside new --from report-after-fetch crash.ringside.json\n',
    )
    .action((file: string, o: { from?: string; force?: boolean }) => {
      if (existsSync(file) && !o.force) throw new InputError([`${file}: already exists; use --force to overwrite it`]);
      let doc: ScenarioFile;
      if (o.from) {
        const preset = presetFiles().find((p) => p.id === o.from);
        if (!preset) throw new InputError([`--from ${o.from}: no such preset (ringside presets lists them)`]);
        doc = JSON.parse(readFileSync(preset.path, 'utf8')) as ScenarioFile;
      } else {
        doc = {
          format: 'ringside.scenario/v1',
          title: 'My scenario',
          notes: 'What this scenario shows, for the people who will read it.',
          duration: '60s',
          device: { ios: '18.5', network: 'wifi', locked: true, app: 'suspended' },
          app: { report: 'sync' },
          timeline: [{ at: '0s', do: 'push', id: 'call-1', kind: 'voip' }],
          expect: [{ push: 'call-1', fate: 'rang' }],
        };
      }
      const schemaPath = join(packageRoot(), 'schema', 'ringside.scenario.v1.json');
      writeFileSync(
        file,
        serializeScenario({
          ...doc,
          $schema: existsSync(schemaPath) ? schemaPath : 'https://ringside.dev/schema/ringside.scenario.v1.json',
        }),
      );
      write(`wrote ${file}`);
    });

  cli
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(() => write(JSON.stringify(scenarioJsonSchema(), null, 2)));

  return cli;
}

function parseVs(flags: string): Overrides {
  const words = flags.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const out: { ios?: string; set: string[] } = { set: [] };
  for (let i = 0; i < words.length; i++) {
    // Shell-style quotes around a word or a value (--set a.b="1h") are not part of it.
    const unquote = (x: string | undefined) => x?.replace(/(^|=)(["'])(.*)\2$/, '$1$3');
    const w = unquote(words[i])!;
    const next = unquote(words[i + 1]);
    if (w === '--ios' && next) {
      out.ios = next;
      i++;
    } else if (w === '--set' && next) {
      out.set.push(next);
      i++;
    } else throw new InputError([`--vs ${flags}: only --ios and --set are allowed inside --vs`]);
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().exitOverride().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.lines.join('\n')}\n`);
      return error.code;
    }
    const code = (error as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : 2;
    }
    process.stderr.write(
      `ringside: internal error — this is a bug. Please report it with the command you ran.\n  ${(error as Error).message}\n`,
    );
    return 3;
  }
}

export type { Result };
