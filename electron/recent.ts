/**
 * File → Open Recent: the list of recently opened or saved scenarios, most recent first. Pure: the
 * file system is injected (`exists`, `read`, `write`), so the rules are unit-tested without Electron.
 * Main keeps it in `userData/recent.json`.
 */
import { posix, win32 } from 'node:path';

/**
 * How paths compare on a platform. Windows paths name the same file whatever their case and whichever
 * slash they use (`C:\Calls\a.ringside` is `c:/calls/A.RINGSIDE`); elsewhere only `.` and `..`
 * segments are folded, since a macOS or Linux volume may be case-sensitive.
 */
export interface PathRules {
  isAbsolute(path: string): boolean;
  /** The same file, written one way. */
  key(path: string): string;
}

/** The rules for a platform (the running one by default). */
export function pathRules(platform: NodeJS.Platform = process.platform): PathRules {
  return platform === 'win32'
    ? { isAbsolute: (p) => win32.isAbsolute(p), key: (p) => win32.normalize(p).toLowerCase() }
    : { isAbsolute: (p) => posix.isAbsolute(p), key: (p) => posix.normalize(p) };
}

const NATIVE = pathRules();

/** How many paths the menu shows. */
export const RECENT_LIMIT = 10;
/** The file in Electron's userData folder. */
export const RECENT_FILE = 'recent.json';

/** `path` first, without duplicates (the same file written another way too), at most `limit` paths. */
export function addRecent(list: readonly string[], path: string, limit = RECENT_LIMIT, rules = NATIVE): string[] {
  const key = rules.key(path);
  return [path, ...list.filter((p) => rules.key(p) !== key)].slice(0, Math.max(0, limit));
}

/** The list without `path` (however it is written). */
export function removeRecent(list: readonly string[], path: string, rules = NATIVE): string[] {
  const key = rules.key(path);
  return list.filter((p) => rules.key(p) !== key);
}

/** Only the paths that still exist (an `exists` that throws counts as missing). */
export function pruneRecent(list: readonly string[], exists: (path: string) => boolean): string[] {
  return list.filter((p) => {
    try {
      return exists(p);
    } catch {
      return false;
    }
  });
}

/**
 * Reads recent.json's text: `{ "paths": [...] }` (or a bare array). Anything else (missing, corrupt,
 * the wrong shape) is an empty list; entries that are not absolute paths are dropped (main trusts
 * these paths for saving), duplicates and anything past the limit too.
 */
export function parseRecent(text: string | undefined, limit = RECENT_LIMIT, rules = NATIVE): string[] {
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const paths: unknown =
    typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as { paths?: unknown }).paths : data;
  if (!Array.isArray(paths)) return [];
  const out: string[] = [];
  const keys = new Set<string>();
  for (const p of paths) {
    if (typeof p !== 'string' || p.includes('\0') || !rules.isAbsolute(p) || keys.has(rules.key(p))) continue;
    out.push(p);
    keys.add(rules.key(p));
    if (out.length >= limit) break;
  }
  return out;
}

/** recent.json's text for a list. */
export function serializeRecent(list: readonly string[]): string {
  return `${JSON.stringify({ version: 1, paths: list }, null, 2)}\n`;
}

/** Loads the list; a read that fails (no file yet, no permission) or a corrupt file starts empty. */
export async function loadRecent(read: () => Promise<string>, limit = RECENT_LIMIT, rules = NATIVE): Promise<string[]> {
  try {
    return parseRecent(await read(), limit, rules);
  } catch {
    return [];
  }
}

/** Saves the list. */
export function saveRecent(write: (text: string) => Promise<void>, list: readonly string[]): Promise<void> {
  return write(serializeRecent(list));
}

export interface RecentIo {
  read(): Promise<string>;
  write(text: string): Promise<void>;
  exists(path: string): boolean;
  /** Called when a write fails; the in-memory list stays as it is. */
  onError?(error: unknown): void;
}

/**
 * The list main holds: load once, then add / clear; `current()` drops paths that no longer exist
 * (call it when the menu is built). Every change is written, one write at a time, in order.
 */
export class RecentList {
  private list: string[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: RecentIo,
    private readonly limit = RECENT_LIMIT,
    private readonly rules = NATIVE,
  ) {}

  async load(): Promise<readonly string[]> {
    this.list = await loadRecent(() => this.io.read(), this.limit, this.rules);
    return this.list;
  }

  /** The paths as last set, without checking the disk. */
  get paths(): readonly string[] {
    return this.list;
  }

  /** The paths that still exist, most recent first; missing ones are dropped (and the file rewritten). */
  current(): readonly string[] {
    const pruned = pruneRecent(this.list, (p) => this.io.exists(p));
    if (pruned.length !== this.list.length) this.set(pruned);
    return this.list;
  }

  add(path: string): readonly string[] {
    if (this.list[0] !== path) this.set(addRecent(this.list, path, this.limit, this.rules));
    return this.list;
  }

  remove(path: string): readonly string[] {
    const key = this.rules.key(path);
    if (this.list.some((p) => this.rules.key(p) === key)) this.set(removeRecent(this.list, path, this.rules));
    return this.list;
  }

  clear(): readonly string[] {
    if (this.list.length > 0) this.set([]);
    return this.list;
  }

  /** Resolves when every write so far has finished (or failed). */
  flushed(): Promise<void> {
    return this.writing;
  }

  private set(list: string[]): void {
    this.list = list;
    const snapshot = [...list];
    this.writing = this.writing
      .then(() => saveRecent((text) => this.io.write(text), snapshot))
      .catch((error: unknown) => this.io.onError?.(error));
  }
}
