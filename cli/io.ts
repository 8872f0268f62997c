import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SCENARIO_BYTES, parseScenarioText, type LoadResult } from '../machines';
import { CliError } from './errors';
import { applyOverrides, formatLoadErrors, overrideHints, type Overrides } from './overrides';
import { streams, toStdout } from './streams';

/** Writes lines to stdout, each ending with a newline. */
export const write = (lines: readonly string[] | string): void =>
  toStdout(`${typeof lines === 'string' ? lines : lines.join('\n')}\n`);

/**
 * The package root: dist/cli/ringside.mjs → ../.. in a clone and in an installed package; cli/*.ts
 * under tsx → .. . Found by looking upwards for package.json beside scenarios/.
 */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 4; i++) {
    try {
      if (statSync(join(dir, 'package.json')).isFile() && statSync(join(dir, 'scenarios')).isDirectory()) return dir;
    } catch {
      // keep looking upwards
    }
    dir = dirname(dir);
  }
  return resolve(here, '../..');
}

export const presetsDir = (): string => join(packageRoot(), 'scenarios');
export const schemaFile = (): string => join(packageRoot(), 'schema', 'ringside.scenario.v1.json');

/** The bundled presets, `scenarios/*.ringside.json`, by name (the file name without `.ringside.json`). */
export function presetFiles(): { id: string; file: string; path: string }[] {
  const dir = presetsDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ringside.json'))
    .sort()
    .map((f) => ({ id: f.slice(0, -'.ringside.json'.length), file: f, path: join(dir, f) }));
}

const tooBig = (source: string, bytes: number) =>
  new CliError([`${source}: the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; scenarios are limited to 10 MB`]);

function describeFsError(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory; give a scenario file (ringside check accepts folders)'
          : (error as Error).message;
  return new CliError([`${file}: cannot read: ${why}`]);
}

/** Reads stdin, refusing more than the scenario size limit without holding it all in memory. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stdin = streams().stdin;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_SCENARIO_BYTES) {
      stdin.destroy?.();
      throw tooBig('<stdin>', size);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a scenario's text from a file or stdin (`-`), the size limit checked before reading. */
export async function readScenarioText(file: string): Promise<string> {
  const text = file === '-' ? await readStdin() : readFileChecked(file);
  // Editors on Windows may start a UTF-8 file with a byte-order mark, which JSON.parse rejects.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function readFileChecked(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new CliError([`${file}: is a directory; give a scenario file (ringside check accepts folders)`]);
    size = st.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw describeFsError(file, error);
  }
  if (size > MAX_SCENARIO_BYTES) throw tooBig(file, size);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw describeFsError(file, error);
  }
}

export type Loaded = Extract<LoadResult, { ok: true }> & { readonly source: string };

/**
 * Loads a scenario file with `--ios` / `--set` applied to the raw document before validation; throws a
 * CliError listing every problem, each prefixed with the file name and JSON path.
 */
export async function loadOrThrow(file: string, overrides: Overrides = {}): Promise<Loaded> {
  return parseOrThrow(await readScenarioText(file), sourceName(file), overrides);
}

/** How messages name a file: its path as given, or `<stdin>`. */
export const sourceName = (file: string): string => (file === '-' ? '<stdin>' : file);

/** {@link loadOrThrow} for text already read (so `run - --vs` can load stdin twice). */
export function parseOrThrow(text: string, source: string, overrides: Overrides = {}): Loaded {
  const loaded = loadText(text, overrides);
  if (!loaded.ok)
    throw new CliError([
      ...formatLoadErrors(loaded.errors, source, overrides),
      ...overrideHints(loaded.errors, overrides),
    ]);
  return { ...loaded, source };
}

function loadText(text: string, overrides: Overrides): LoadResult {
  const first = parseScenarioText(text);
  if (overrides.ios === undefined && !overrides.set?.length) return first;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return first; // not JSON: the loader's message (line and column) says so
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return first;
  return parseScenarioText(JSON.stringify(applyOverrides(doc as Record<string, unknown>, overrides)));
}

/** Writes a file for the user (a report, a new scenario), creating its folder; failures are CliErrors. */
export function writeUserFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError([
      `${file}: cannot write: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`,
    ]);
  }
}
