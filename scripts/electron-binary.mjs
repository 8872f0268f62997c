// Finds an Electron binary WITHOUT require('electron'): Electron 42+ downloads its binary on the
// first require, which throws on a machine without access to Electron's downloads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules', 'electron');

/** The binary's path inside Electron's dist folder, as Electron's own install.js names it per platform. */
function platformPath(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

const real = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  readFile: (file) => readFileSync(file, 'utf8'),
  pkg,
};

/**
 * The Electron binary, found by its package's path.txt and dist/ (or ELECTRON_OVERRIDE_DIST_PATH),
 * never by require('electron'). Each input can be replaced, so every platform's case is testable here.
 *
 * @param {Partial<import('./electron-binary.mjs').ElectronDeps>} [deps]
 * @returns {{ path: string } | { path: undefined, reason: string }}
 */
export function findElectron(deps = {}) {
  const { platform, env, exists, readFile, pkg: dir } = { ...real, ...deps };
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, platformPath(platform));
    return exists(candidate)
      ? { path: candidate }
      : { path: undefined, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${platformPath(platform)}` };
  }
  if (!exists(dir)) return { path: undefined, reason: 'the electron package is not installed' };
  const pathFile = join(dir, 'path.txt');
  if (exists(pathFile)) {
    const candidate = join(dir, 'dist', readFile(pathFile).trim());
    if (exists(candidate)) return { path: candidate };
  }
  return { path: undefined, reason: 'no Electron binary has been downloaded (node_modules/electron/dist is empty)' };
}

/** Tries Electron's own installer once, briefly; it fails fast where its downloads cannot be reached. */
export function tryDownloadElectron(timeoutMs = 60_000) {
  if (!existsSync(join(pkg, 'install.js'))) return false;
  const result = spawnSync(process.execPath, [join(pkg, 'install.js')], {
    cwd: pkg,
    timeout: timeoutMs,
    stdio: 'ignore',
  });
  return result.status === 0;
}
