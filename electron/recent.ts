/**
 * File → Open Recent: the list of recently opened or saved scenarios, most recent first. Pure: the
 * file system is injected (`exists`, `read`, `write`), so the rules are unit-tested without Electron.
 * Main keeps it in `userData/recent.json`.
 */

/** How many paths the menu shows. */
export const RECENT_LIMIT = 10;
/** The file in Electron's userData folder. */
export const RECENT_FILE = 'recent.json';

/** `path` first, without duplicates, at most `limit` paths. */
export function addRecent(list: readonly string[], path: string, limit = RECENT_LIMIT): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, Math.max(0, limit));
}

/** The list without `path`. */
export function removeRecent(list: readonly string[], path: string): string[] {
  return list.filter((p) => p !== path);
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
 * the wrong shape) is an empty list; entries that are not non-empty strings are dropped, duplicates
 * and anything past the limit too.
 */
export function parseRecent(text: string | undefined, limit = RECENT_LIMIT): string[] {
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
  for (const p of paths) {
    if (typeof p === 'string' && p.length > 0 && !p.includes('\0') && !out.includes(p)) out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}

/** recent.json's text for a list. */
export function serializeRecent(list: readonly string[]): string {
  return `${JSON.stringify({ version: 1, paths: list }, null, 2)}\n`;
}

/** Loads the list; a read that fails (no file yet, no permission) or a corrupt file starts empty. */
export async function loadRecent(read: () => Promise<string>, limit = RECENT_LIMIT): Promise<string[]> {
  try {
    return parseRecent(await read(), limit);
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
  ) {}

  async load(): Promise<readonly string[]> {
    this.list = await loadRecent(() => this.io.read(), this.limit);
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
    if (this.list[0] !== path) this.set(addRecent(this.list, path, this.limit));
    return this.list;
  }

  remove(path: string): readonly string[] {
    if (this.list.includes(path)) this.set(removeRecent(this.list, path));
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
