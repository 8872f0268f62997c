import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files named like this are scenarios; a folder given to `check` is searched for them. */
export const SCENARIO_SUFFIX = '.ringside.json';

const GLOB_CHARS = /[*?{]/;
export const isGlob = (target: string): boolean => GLOB_CHARS.test(target);

/**
 * A small glob matcher (Node 20 has no fs.glob): `*` and `?` within a path segment, `**` across
 * segments, `{a,b}` alternatives. Paths use `/`.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      if (atSegmentStart && slashAfter) {
        re += '(?:[^/]*/)*'; // `**/`: zero or more whole folders
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every file below `dir` (sorted, without dot-folders and node_modules), as paths joined to `dir`. */
function walk(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** The folder part of a glob before its first wildcard: `scenarios/**\/*.json` → `scenarios`. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (isGlob(s)) break;
    fixed.push(s);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

export interface Targets {
  /** Scenario files to run, in order, each once. */
  readonly files: string[];
  /** Targets that named nothing runnable, with why (`scenarios/x: no such file or folder`). */
  readonly problems: { readonly target: string; readonly message: string }[];
}

/**
 * FILE | DIR | GLOB… → scenario files. A folder means every `*.ringside.json` below it (so files meant
 * to be broken, like `scenarios/broken/*.json`, are not picked up); a glob means whatever it matches;
 * a file is taken as named. `-` is stdin.
 */
export function expandTargets(targets: readonly string[]): Targets {
  const files: string[] = [];
  const problems: { target: string; message: string }[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const target of targets) {
    if (target === '-') {
      add(target);
      continue;
    }
    if (isGlob(target)) {
      const pattern = target.split(sep).join('/').replace(/^\.\//, '');
      const base = globBase(pattern);
      const re = globToRegExp(pattern);
      let matched: string[];
      try {
        matched = walk(base, (path) => re.test((base === '.' ? relative('.', path) : path).split(sep).join('/')));
      } catch {
        problems.push({ target, message: `${target}: no such folder ${base}` });
        continue;
      }
      if (matched.length === 0) problems.push({ target, message: `${target}: matches no file` });
      matched.forEach(add);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      problems.push({ target, message: `${target}: no such file or folder` });
      continue;
    }
    if (!isDir) {
      add(target);
      continue;
    }
    const found = walk(target, (path) => path.endsWith(SCENARIO_SUFFIX));
    if (found.length === 0)
      problems.push({ target, message: `${target}: no *${SCENARIO_SUFFIX} scenarios in this folder` });
    found.forEach(add);
  }
  return { files, problems };
}
