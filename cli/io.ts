import { readFileSync, statSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatErrors,
  MAX_SCENARIO_BYTES,
  parseScenarioText,
  type LoadResult,
  type ScenarioFile,
} from '../machines/scenario';

/** A user-facing failure: printed as-is, exit code 2. Never a stack trace. */
export class InputError extends Error {
  constructor(
    readonly lines: readonly string[],
    readonly code = 2,
  ) {
    super(lines.join('\n'));
  }
}

/** The package root (dist/cli/ringside.mjs → ../..; cli/io.ts under tsx → ..). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      if (statSync(join(dir, 'package.json')).isFile() && statSync(join(dir, 'scenarios')).isDirectory()) return dir;
    } catch {
      // keep looking upwards
    }
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

export const presetsDir = (): string => join(packageRoot(), 'scenarios');

/** Reads a scenario's text from a file or stdin (`-`), with the size limit checked first. */
export function readScenarioText(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new InputError([`${file}: is a directory; give a scenario file (ringside check accepts folders)`]);
    size = st.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    ]);
  }
  if (size > MAX_SCENARIO_BYTES)
    throw new InputError([
      `${file}: the file is ${(size / 1024 / 1024).toFixed(1)} MB; scenarios are limited to 10 MB`,
    ]);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([`${file}: cannot read: ${(error as Error).message}`]);
  }
}

/** Sets `a.b.c` in a plain object copy; the value is JSON when it parses, else a string. */
export function setPath(doc: Record<string, unknown>, path: string, raw: string): Record<string, unknown> {
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // a bare word such as sync or 5s stays a string
  }
  const keys = path.split('.');
  if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype')) {
    throw new InputError([`--set ${path}: not a valid path; use dotted keys such as app.report`]);
  }
  const copy = (v: unknown): Record<string, unknown> | unknown[] =>
    Array.isArray(v)
      ? [...(v as unknown[])]
      : typeof v === 'object' && v !== null
        ? { ...(v as Record<string, unknown>) }
        : {};
  const root = copy(doc) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = root;
  for (const [i, key] of keys.entries()) {
    const last = i === keys.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) {
        throw new InputError([`--set ${path}: ${key} is not an index of that list (0…${node.length - 1})`]);
      }
      if (last) node[index] = value;
      else node = node[index] = copy(node[index]);
    } else if (last) node[key] = value;
    else node = node[key] = copy(node[key]);
  }
  return root;
}

export interface Overrides {
  readonly ios?: string;
  readonly set?: readonly string[];
}

/** Loads a scenario file with `--ios` / `--set` applied to the raw document before validation. */
export function loadFile(file: string, overrides: Overrides = {}): LoadResult & { source: string } {
  const source = file === '-' ? '<stdin>' : file;
  const text = readScenarioText(file);
  const first = parseScenarioText(text);
  if (!overrides.ios && !overrides.set?.length) return { ...first, source };
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ...first, source };
  }
  if (overrides.ios) doc = setPath(doc, 'device.ios', JSON.stringify(overrides.ios));
  for (const item of overrides.set ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError([`--set ${item}: write it as path=value, e.g. --set app.report=sync`]);
    doc = setPath(doc, item.slice(0, eq), item.slice(eq + 1));
  }
  return { ...parseScenarioText(JSON.stringify(doc)), source };
}

/** Loads or throws an InputError listing every problem with the file name. */
export function loadOrThrow(file: string, overrides: Overrides = {}) {
  const loaded = loadFile(file, overrides);
  if (!loaded.ok) throw new InputError(formatErrors(loaded.errors, loaded.source));
  return loaded;
}

/** Expands FILE | DIR | simple globs (`dir/*.ringside.json`) into scenario files. */
export function expandTargets(targets: readonly string[]): string[] {
  const out: string[] = [];
  for (const target of targets) {
    if (target.includes('*')) {
      const dir = dirname(target);
      const pattern = new RegExp(
        `^${basename(target)
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      );
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        throw new InputError([`${target}: no such folder ${dir}`]);
      }
      const matched = names.filter((n) => pattern.test(n)).map((n) => join(dir, n));
      if (matched.length === 0) throw new InputError([`${target}: matches no file`]);
      out.push(...matched.sort());
      continue;
    }
    let st;
    try {
      st = statSync(target);
    } catch {
      throw new InputError([`${target}: no such file or folder`]);
    }
    if (st.isDirectory()) {
      const found = walk(target);
      if (found.length === 0) throw new InputError([`${target}: no *.ringside.json scenarios in this folder`]);
      out.push(...found);
    } else out.push(target);
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.name.endsWith('.ringside.json')) out.push(path);
  }
  return out;
}

export type { ScenarioFile };
