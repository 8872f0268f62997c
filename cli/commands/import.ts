import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Command } from 'commander';
import { LogImporter, LogReadError, serializeScenario, type ImportedLog } from '../../machines';
import { CliError } from '../errors';
import { sourceName, writeUserFile } from '../io';
import { patternListing } from '../format/patterns';
import { examples } from '../options';

interface ImportOptions {
  output?: string;
  title?: string;
  patterns?: boolean;
}

/** `ringside import LOG`: a device log, streamed through the core's reader, becomes a scenario. */
export function importCommand(): Command {
  return new Command('import')
    .argument('[log]', 'a device log (`log show` output or a Console export), or - for stdin')
    .description('turn a device log into a scenario: what the log shows, marked observed, to hold against the rules')
    .option('-o, --output <file>', 'write the scenario to this file (default: stdout)')
    .option('--title <text>', "the scenario's title (default: the log's file name)")
    .option('--patterns', 'list every log line the reader recognises: the rule it evidences, an example, its source')
    .addHelpText(
      'after',
      examples(
        'ringside import sysdiagnose-callservicesd.log -o incident.ringside.json && ringside run incident.ringside.json',
        'log show --last 1h --predicate \'process == "callservicesd"\' | ringside import - > incident.ringside.json',
        'ringside import --patterns',
      ),
    )
    .action(async (log: string | undefined, o: ImportOptions) => {
      if (o.patterns) {
        if (log !== undefined) throw new CliError(['--patterns lists what the reader recognises; give it no log']);
        process.stdout.write(patternListing());
        return;
      }
      if (log === undefined)
        throw new CliError(['give a device log (or - for stdin); --patterns lists the lines the reader recognises']);
      const source = sourceName(log);
      const imported = await importFrom(log, o.title ?? (log === '-' ? 'Imported device log' : `Imported: ${log}`));
      const text = serializeScenario(imported.scenario);
      const s = imported.stats;
      const pushes = imported.scenario.timeline.filter((e) => e.do === 'push').length;
      const summary = `${source}: ${s.lines} lines, ${s.recognised} recognised, ${s.unrecognised} not recognised; ${pushes} push${pushes === 1 ? '' : 'es'}, ${imported.inferred.length} inference${imported.inferred.length === 1 ? '' : 's'} (see notes)`;
      if (o.output === undefined || o.output === '-') {
        process.stdout.write(text);
        process.stderr.write(`${summary}\n`);
        return;
      }
      writeUserFile(o.output, text);
      process.stdout.write(`${summary}\nwrote ${o.output}; try: ringside run ${o.output}\n`);
    });
}

function openInput(log: string): Readable {
  if (log === '-') return process.stdin;
  try {
    if (statSync(log).isDirectory()) throw new CliError([`${log}: is a directory; give a log file`]);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([
      `${log}: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`,
    ]);
  }
  return createReadStream(log, { highWaterMark: 1 << 20 });
}

/** Streams the log through the core's reader: memory holds one chunk and the recognised lines, not the file. */
async function importFrom(log: string, title: string): Promise<ImportedLog> {
  const input = openInput(log);
  // Not fatal: invalid UTF-8 becomes U+FFFD, which the reader counts to refuse a binary file early.
  const decoder = new TextDecoder('utf-8');
  const importer = new LogImporter({ title });
  try {
    for await (const chunk of input) importer.push(decoder.decode(chunk as Uint8Array, { stream: true }));
    importer.push(decoder.decode());
    return importer.end();
  } catch (error) {
    input.destroy();
    if (error instanceof LogReadError) throw new CliError([`${sourceName(log)}: cannot import: ${error.message}`]);
    if (error instanceof CliError) throw error;
    throw new CliError([`${sourceName(log)}: cannot read: ${(error as Error).message}`]);
  }
}
