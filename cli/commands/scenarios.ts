import { Command } from 'commander';
import { closest } from 'fastest-levenshtein';
import { existsSync, readFileSync } from 'node:fs';
import nodePath, { resolve } from 'node:path';
import { savedScenarioText, scenarioJsonSchema, SCHEMA_ID, type ScenarioFile } from '../../machines';
import { CliError } from '../errors';
import { table } from '../format/style';
import { packageRoot, presetFiles, schemaFile, write, writeUserFile } from '../io';
import { examples } from '../options';
import { toStdout } from '../streams';

export function presetsCommand(): Command {
  return new Command('presets')
    .description('list the bundled presets: file, title, pushes')
    .addHelpText('after', examples('ringside presets', 'ringside new --from flight-mode-cancelled mine.ringside.json'))
    .action(() => {
      const rows = presetFiles().map((p) => {
        const doc = JSON.parse(readFileSync(p.path, 'utf8')) as ScenarioFile;
        const pushes = doc.timeline.filter((e) => e.do === 'push').length;
        return [p.file, doc.title, `${pushes} ${pushes === 1 ? 'push' : 'pushes'}`];
      });
      write(table(rows));
    });
}

/** A scenario to start from: one VoIP push to a suspended app that reports at once, and its expectation. */
export const STARTER: ScenarioFile = {
  format: 'ringside.scenario/v1',
  title: 'My scenario',
  notes: 'What this scenario shows, for the people who will read it.',
  duration: '60s',
  device: { ios: '18.5', network: 'wifi', locked: true, app: 'suspended' },
  app: { report: 'sync' },
  timeline: [{ at: '0s', do: 'push', id: 'call-1', kind: 'voip' }],
  expect: [{ push: 'call-1', fate: 'rang' }],
};

/**
 * `$schema` for a new file: the bundled schema by a relative path when the file is inside this clone or
 * inside the project that installed Ringside (`node_modules/ringside`), so editors validate it and the
 * path works for everyone who checks the file out; else the schema's id.
 */
export function schemaRef(file: string): string {
  const schema = schemaFile();
  if (!existsSync(schema)) return SCHEMA_ID;
  return schemaRefFor(resolve(file), schema, packageRoot());
}

type PathApi = Pick<typeof nodePath, 'sep' | 'dirname' | 'relative'>;

/**
 * {@link schemaRef} for absolute paths, with the path module given (tests pass `path.win32`). On
 * Windows, `C:\` and `c:\` are one drive and folder names ignore case, so the inside test does too.
 */
export function schemaRefFor(file: string, schema: string, root: string, path: PathApi = nodePath): string {
  const project = root.split(path.sep).includes('node_modules')
    ? root.slice(0, root.lastIndexOf(`${path.sep}node_modules${path.sep}`))
    : root;
  const dir = path.dirname(file);
  const fold = (p: string) => (path.sep === '\\' ? p.toLowerCase() : p);
  if (fold(dir) !== fold(project) && !fold(dir).startsWith(fold(project + path.sep))) return SCHEMA_ID;
  const ref = path.relative(dir, schema).split(path.sep).join('/');
  return ref.startsWith('.') ? ref : `./${ref}`;
}

export function newCommand(): Command {
  return new Command('new')
    .argument('<file>', 'where to write the scenario (- for stdout)')
    .description('write a starter scenario with $schema set, so editors complete and check it')
    .option('--from <preset>', 'start from a bundled preset (ringside presets lists them)')
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      examples('ringside new my-app.ringside.json', 'ringside new --from report-after-fetch crash.ringside.json'),
    )
    .action((file: string, o: { from?: string; force?: boolean }) => {
      if (file !== '-' && existsSync(file) && !o.force)
        throw new CliError([`${file}: already exists; use --force to overwrite it`]);
      let doc = STARTER;
      if (o.from !== undefined) {
        const presets = presetFiles();
        const wanted = o.from.replace(/\.ringside\.json$/, '').replace(/^.*[\\/]/, '');
        const preset = presets.find((p) => p.id === wanted);
        if (!preset) {
          const best = presets.length
            ? closest(
                wanted,
                presets.map((p) => p.id),
              )
            : undefined;
          throw new CliError([
            `--from ${o.from}: no such preset${best ? `; did you mean ${best}?` : ''} (ringside presets lists them)`,
          ]);
        }
        doc = JSON.parse(readFileSync(preset.path, 'utf8')) as ScenarioFile;
      }
      const text = file === '-' ? savedScenarioText(doc) : savedScenarioText(doc, schemaRef(file));
      if (file === '-') {
        toStdout(text);
        return;
      }
      writeUserFile(file, text);
      write(`wrote ${file}; try: ringside run ${file}`);
    });
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files (ringside.scenario/v1)')
    .addHelpText('after', examples('ringside schema > ringside.scenario.v1.json'))
    .action(() => write(JSON.stringify(scenarioJsonSchema(), null, 2)));
}
