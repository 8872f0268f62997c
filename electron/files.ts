import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Temporary files older than this are a killed save's leftovers (a live save takes well under a second). */
export const STALE_TEMP_MS = 60_000;

const tempName = (base: string) => `.${base}.${randomBytes(6).toString('hex')}.tmp`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Our own temporaries for `base` and nothing else: `.<base>.<12 hex digits>.tmp`. */
export const tempPattern = (base: string) => new RegExp(`^\\.${escapeRegExp(base)}\\.[0-9a-f]{12}\\.tmp$`);

export interface AtomicWriteOptions {
  /** Test hook: runs between the fsync of the temporary file and the rename. */
  beforeRename?: () => Promise<void>;
  /** Folders are fsynced except on Windows, where a folder cannot be opened for it. */
  platform?: NodeJS.Platform;
  /** Fsyncs a folder (injected by tests to see it happen). */
  syncFolder?: (dir: string) => Promise<void>;
  /** The clock stale temporaries are aged by. */
  now?: () => number;
}

/**
 * The file a save must replace: a symlink's target (saving through a link keeps the link), else the
 * path itself. A dangling link resolves to where it points, so the save creates that file.
 */
export async function saveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) return resolve(dirname(path), await readlink(path));
  return path;
}

/** Fsyncs a folder so a rename in it survives a power cut. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (network shares, FUSE) cannot fsync a folder; the file itself is synced.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

/** Removes our temporaries for `base` in `dir` older than STALE_TEMP_MS (a killed save's leftovers). */
export async function removeStaleTemps(dir: string, base: string, now = Date.now()): Promise<string[]> {
  const pattern = tempPattern(base);
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!pattern.test(name)) continue;
    const file = join(dir, name);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < STALE_TEMP_MS) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Writes a file atomically: a temporary file in the same folder, fsync, rename over the target, fsync
 * the folder. A crash at any point leaves the old file or the new one, never half of one; the next
 * save removes the temporaries a killed save left. Saving keeps the file's permissions (a 0600 file
 * stays 0600) and writes through a symlink to the file it points to.
 */
export async function atomicWrite(path: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await saveTarget(path);
  const dir = dirname(target);
  const base = basename(target);
  const existing = await stat(target).catch(() => undefined);
  const mode = existing ? existing.mode & 0o7777 : 0o644;
  await removeStaleTemps(dir, base, (options.now ?? Date.now)());
  const temp = join(dir, tempName(base));
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      // open's mode is narrowed by the umask; the saved file keeps exactly the mode it had.
      await handle.chmod(mode);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if ((options.platform ?? process.platform) !== 'win32') await (options.syncFolder ?? syncFolder)(dir);
}

/** The largest file main reads whole: a scenario (the IPC's 10 MiB limit) or the app's own small files. */
export interface ReadLimit {
  readonly maxBytes: number;
  /** What the file is, for the error: "scenario", "recent files list". */
  readonly what: string;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * Reads a text file whole, after checking on the open handle that it is a file and within the limit
 * (so a huge file or a device is refused at once, not after filling memory).
 */
export async function readTextFile(path: string, limit: ReadLimit): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${basename(path)} is not a file.`);
    if (info.size > limit.maxBytes) {
      throw new Error(
        `${basename(path)} is ${megabytes(info.size)}; Ringside opens a ${limit.what} of at most ${megabytes(limit.maxBytes)}.`,
      );
    }
    const bytes = await handle.readFile();
    // The file may have grown since the check.
    if (bytes.length > limit.maxBytes) {
      throw new Error(`${basename(path)} grew past ${megabytes(limit.maxBytes)} while it was read.`);
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}
