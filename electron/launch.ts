/**
 * How a scenario file reaches the one Ringside window: double-clicked in the Finder (macOS `open-file`),
 * in Explorer or a Linux file manager (argv of a new process, which hands it to the running one through
 * the single-instance lock's `second-instance` event), or named on the command line. Pure but for the
 * injected app: electron/testing/fakeElectron.ts drives it in the unit tests.
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the system may hand us: `.ringside` (the file association) and `.json` (`.ringside.json`). */
export const SCENARIO_EXTENSIONS = ['.ringside', '.json'] as const;

/** The path functions argv needs: node:path, or path.win32 / path.posix in tests. */
export type PathApi = Pick<typeof nodePath, 'isAbsolute' | 'resolve' | 'sep'>;

export interface ArgvOptions {
  /** True when run as `electron . [files]` (process.defaultApp): argv holds the app's path too. */
  readonly defaultApp: boolean;
  /** The folder relative paths are relative to (the second instance's working directory). */
  readonly cwd: string;
  readonly path?: PathApi;
}

const isScenarioName = (name: string) => {
  const lower = name.toLowerCase();
  return SCENARIO_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
};

/**
 * The scenario files named in an argv, absolute, in order, without duplicates. Skips the executable,
 * the app's path (`electron .`), every flag (Electron's and Chromium's `--switch[=value]`, macOS's
 * `-psn_…`) up to a `--`, and anything that is not a scenario's name; `file://` URLs (Linux desktop
 * entries pass `%U`) become paths.
 */
export function filesFromArgv(argv: readonly string[], options: ArgvOptions): string[] {
  const path = options.path ?? nodePath;
  const files: string[] = [];
  let skipAppPath = options.defaultApp;
  let flags = true;
  for (const arg of argv.slice(1)) {
    if (flags && arg === '--') {
      flags = false;
      continue;
    }
    if (arg === '' || (flags && arg.startsWith('-'))) continue;
    if (skipAppPath) {
      skipAppPath = false;
      continue;
    }
    let file = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        file = fileURLToPath(arg, { windows: path.sep === '\\' });
      } catch {
        continue;
      }
    }
    if (file.includes('\0') || !isScenarioName(file)) continue;
    const absolute = path.isAbsolute(file) ? path.resolve(file) : path.resolve(options.cwd, file);
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}

/** The part of Electron's `app` the launch routing uses. */
export interface LaunchApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  quit(): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
}

export interface LaunchShell {
  /** Reads the file and sends it to the renderer (which validates it and asks before replacing edits). */
  open(path: string): void;
  /** Brings the window to the front, creating it (once the app is ready) when there is none. */
  showWindow(): void;
}

/**
 * Files wait here until the renderer listens for menu commands; one window holds one document, so the
 * latest request wins.
 */
export class OpenQueue {
  private pending: string | undefined;
  private ready = false;

  constructor(private readonly shell: LaunchShell) {}

  /** A file the system or the user asked to open. */
  request(path: string): void {
    if (this.ready) this.shell.open(path);
    else this.pending = path;
    this.shell.showWindow();
  }

  /** The renderer reported its document state: it listens now. */
  rendererReady(): void {
    this.ready = true;
    const path = this.pending;
    this.pending = undefined;
    if (path !== undefined) this.shell.open(path);
  }

  /** The page is (re)loading or the window is gone: files wait again. */
  rendererGone(): void {
    this.ready = false;
  }

  /** A second instance started without a file: the user wants the window. */
  focus(): void {
    this.shell.showWindow();
  }

  /** The file waiting for the renderer, if any. */
  get waiting(): string | undefined {
    return this.pending;
  }
}

/**
 * The files a second instance handed over: its own parse of its argv (`additionalData.files`, since
 * Chromium may add switches to the argv the first instance sees), else the argv itself.
 */
export function handedOver(
  argv: readonly string[],
  workingDirectory: string,
  additionalData: unknown,
  options: Omit<ArgvOptions, 'cwd'>,
): string[] {
  const path = options.path ?? nodePath;
  const files = (additionalData as { files?: unknown } | null | undefined)?.files;
  if (Array.isArray(files)) {
    return files.filter(
      (f): f is string => typeof f === 'string' && !f.includes('\0') && path.isAbsolute(f) && isScenarioName(f),
    );
  }
  return filesFromArgv(argv, { ...options, cwd: workingDirectory });
}

/**
 * Takes the single-instance lock and routes files to `queue`: this process's own argv, a second
 * instance's files, and macOS's `open-file`. False when another Ringside runs: this process has handed
 * its files over and quits.
 */
export function routeLaunches(
  app: LaunchApp,
  queue: OpenQueue,
  process: { argv: readonly string[]; defaultApp: boolean; cwd: string; path?: PathApi },
): boolean {
  const options = { defaultApp: process.defaultApp, ...(process.path ? { path: process.path } : {}) };
  const files = filesFromArgv(process.argv, { ...options, cwd: process.cwd });
  if (!app.requestSingleInstanceLock({ files })) {
    app.quit();
    return false;
  }
  if (files[0] !== undefined) queue.request(files[0]);
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const [file] = handedOver(argv, workingDirectory, additionalData, options);
    if (file !== undefined) queue.request(file);
    else queue.focus();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    queue.request(path);
  });
  return true;
}
