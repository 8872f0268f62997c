import { Command, CommanderError } from 'commander';
import { formatErrors, type ScenarioError } from '../machines';
import { CliError } from './errors';

/** `--ios` and `--set` given on the command line, applied to the raw file before validation. */
export interface Overrides {
  readonly ios?: string;
  readonly set?: readonly string[];
}

/** A `--set` value: JSON when it parses (`true`, `5000`, `"26.4"`, `{…}`), else the text itself (`sync`, `5s`). */
export function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Splits `app.report`, `timeline.1.at` or `timeline[1].at` (the form error messages print) into keys.
 * Throws for an empty key or one that would reach the object prototype.
 */
export function parsePath(path: string): string[] {
  const keys: string[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m)
      throw new CliError([`--set ${path}: not a valid path; use dotted keys such as app.report or timeline[1].at`]);
    if (m[1]) keys.push(m[1]);
    else if (!m[2]) keys.push('');
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) keys.push(index[1] ?? '');
  }
  if (keys.some((k) => k === '' || k === '__proto__' || k === 'constructor' || k === 'prototype')) {
    throw new CliError([`--set ${path}: not a valid path; use dotted keys such as app.report or timeline[1].at`]);
  }
  return keys;
}

const copy = (v: unknown): Record<string, unknown> | unknown[] =>
  Array.isArray(v)
    ? [...(v as unknown[])]
    : typeof v === 'object' && v !== null
      ? { ...(v as Record<string, unknown>) }
      : {};

/** Returns a copy of `doc` with the value at `path` set (objects on the way are created; list indexes must exist). */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = parsePath(path);
  const root = copy(doc) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = root;
  for (const [i, key] of keys.entries()) {
    const last = i === keys.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) {
        throw new CliError([
          `--set ${path}: ${key} is not an index of that list (${node.length ? `0…${node.length - 1}` : 'it is empty'})`,
        ]);
      }
      if (last) node[index] = value;
      else node = node[index] = copy(node[index]);
    } else if (last) node[key] = value;
    else node = node[key] = copy(node[key]);
  }
  return root;
}

/** `path=value` → its parts; `=` inside the value is kept. */
export function splitAssignment(item: string): { path: string; raw: string } {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new CliError([`--set ${item}: write it as path=value, e.g. --set app.report=sync`]);
  return { path: item.slice(0, eq), raw: item.slice(eq + 1) };
}

/** Applies `--ios` then every `--set`, in order, to a parsed scenario document. */
export function applyOverrides(doc: Record<string, unknown>, o: Overrides): Record<string, unknown> {
  // --ios is always a string: 26.4 would otherwise parse as a number, and versions are strings.
  let out = o.ios === undefined ? doc : setPath(doc, 'device.ios', o.ios);
  for (const item of o.set ?? []) {
    const { path, raw } = splitAssignment(item);
    out = setPath(out, path, parseValue(raw));
  }
  return out;
}

const asErrorPath = (path: string) =>
  parsePath(path).reduce((p, k) => (/^\d+$/.test(k) ? `${p}[${k}]` : p ? `${p}.${k}` : k), '');

/**
 * A hint for an error at a path that a `--set` wrote with a JSON value that is not a string, the usual
 * surprise being `--set device.ios=26.4` (a number).
 */
export function overrideHints(errors: readonly ScenarioError[], o: Overrides): string[] {
  const hints: string[] = [];
  for (const item of o.set ?? []) {
    const { path, raw } = splitAssignment(item);
    const value = parseValue(raw);
    if (typeof value === 'string') continue;
    const at = asErrorPath(path);
    if (errors.some((e) => e.path === at || e.path.startsWith(`${at}.`) || e.path.startsWith(`${at}[`))) {
      hints.push(
        `  hint: --set ${item} gave ${at} the ${value === null ? 'value null' : `${Array.isArray(value) ? 'list' : typeof value} ${raw}`}; for the text, quote it: --set '${path}="${raw}"'`,
      );
    }
  }
  return hints;
}

/** Splits a string into words the way a shell would: spaces separate, quotes group, `\` escapes. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word = (word ?? '') + (text[++i] ?? '');
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + (text[++i] ?? '');
    else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new CliError([`--vs ${text}: a ${quote} quote is not closed`]);
  if (word !== undefined) words.push(word);
  return words;
}

/** The flags inside `--vs '…'`: only `--ios` and `--set`, parsed by the same parser as the command line. */
export function parseVs(flags: string): Overrides {
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const parser = new Command('--vs')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .helpOption(false)
    .allowExcessArguments(false)
    .option('--ios <version>')
    .option('--set <path=value>', '', collect);
  try {
    parser.parse(shellWords(flags), { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    throw new CliError([
      `--vs ${flags}: ${error.message.replace(/^error: /, '')}; only --ios and --set are allowed inside --vs`,
    ]);
  }
  const o = parser.opts<{ ios?: string; set?: string[] }>();
  return { ...(o.ios === undefined ? {} : { ios: o.ios }), ...(o.set ? { set: o.set } : {}) };
}

/**
 * The load errors as lines, each naming where its value came from: an error at a path that a `--set`
 * (the last one to write there) or `--ios` wrote names that override (`--set app.report=later: "later"
 * is not …`), not the file, which never held the value; the others name the file.
 */
export function formatLoadErrors(errors: readonly ScenarioError[], source: string, o: Overrides): string[] {
  const writers = [
    ...(o.ios === undefined ? [] : [{ at: 'device.ios', flag: `--ios ${o.ios}` }]),
    ...(o.set ?? []).map((item) => ({ at: asErrorPath(splitAssignment(item).path), flag: `--set ${item}` })),
  ];
  const under = (path: string, at: string) => path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);
  return errors.flatMap((e) => {
    const writer = [...writers].reverse().find((w) => under(e.path, w.at));
    if (!writer) return formatErrors([e], source);
    return [[writer.flag, e.path === writer.at ? '' : e.path, e.message].filter(Boolean).join(': ')];
  });
}
