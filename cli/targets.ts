import { statSync } from 'node:fs';
import nodePath from 'node:path';
import { globSync } from 'tinyglobby';

/** Files named like this are scenarios; a folder given to `check` is searched for them. */
export const SCENARIO_SUFFIX = '.ringside.json';

/** The parts of `node:path` the targets use; tests pass `path.win32` to check Windows paths on any machine. */
export type PathApi = Pick<typeof nodePath, 'sep' | 'join'>;

const GLOB_CHARS = /[*?{]/;
export const isGlob = (target: string): boolean => GLOB_CHARS.test(target);

/**
 * A glob target split into the folder to search (in the platform's form, as the user wrote it) and the
 * pattern below it (in `/` form, as tinyglobby wants). On Windows `\` is the separator, never an escape,
 * so `C:\s\**\*.json` is searched in `C:\s`; a bare drive (`C:\*.json`) keeps its root, `C:\`.
 */
export function splitGlob(target: string, path: PathApi = nodePath): { base: string; pattern: string } {
  const slashed = path.sep === '\\' ? target.replaceAll('\\', '/') : target;
  const segments = slashed.replace(/^(\.\/)+/, '').split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlob(segment)) break;
    fixed.push(segment);
  }
  const pattern = segments.slice(fixed.length).join('/');
  if (fixed.length === 0) return { base: '.', pattern };
  const joined = fixed.join(path.sep);
  // `/x/*.json` and `C:/*.json` leave an empty or drive-only prefix: the search starts at that root.
  const base = joined === '' ? path.sep : /^[A-Za-z]:$/.test(joined) ? `${joined}${path.sep}` : joined;
  return { base, pattern };
}

/** Matches of `pattern` below `base` (paths in `/` form, relative to base), joined to base, sorted folder by folder. */
export function joinMatches(base: string, matches: readonly string[], path: PathApi = nodePath): string[] {
  const bySegment = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.length - b.length;
  };
  return matches
    .map((m) => m.split('/'))
    .sort(bySegment)
    .map((segments) => path.join(base, ...segments));
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Files below `base` matching `pattern`, skipping dot-folders and node_modules, as paths joined to `base`. */
function search(base: string, pattern: string): string[] {
  const matches = globSync(pattern, {
    cwd: base,
    onlyFiles: true,
    dot: false,
    expandDirectories: false,
    ignore: ['**/node_modules/**'],
  });
  return joinMatches(base, matches);
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
      const { base, pattern } = splitGlob(target);
      if (!isDirectory(base)) {
        problems.push({ target, message: `${target}: no such folder ${base}` });
        continue;
      }
      const matched = search(base, pattern);
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
    const found = search(target, `**/*${SCENARIO_SUFFIX}`);
    if (found.length === 0)
      problems.push({ target, message: `${target}: no *${SCENARIO_SUFFIX} scenarios in this folder` });
    found.forEach(add);
  }
  return { files, problems };
}
