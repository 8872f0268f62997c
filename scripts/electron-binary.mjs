// Finds an Electron binary WITHOUT require('electron'): Electron 42+ downloads its binary on the
// first require, which throws on a machine without access to Electron's downloads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules', 'electron');

function platformPath() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** @returns {{ path: string } | { path: undefined, reason: string }} */
export function findElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, platformPath());
    return existsSync(candidate)
      ? { path: candidate }
      : { path: undefined, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${platformPath()}` };
  }
  if (!existsSync(pkg)) return { path: undefined, reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  if (existsSync(pathFile)) {
    const candidate = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(candidate)) return { path: candidate };
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
