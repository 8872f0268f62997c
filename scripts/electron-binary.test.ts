import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from './electron-binary.mjs';

const PKG = '/repo/node_modules/electron';

/** A checkout whose node_modules/electron holds these files (path.txt's text as Electron's installer writes it). */
function checkout(platform: NodeJS.Platform, files: Record<string, string>, env: Record<string, string> = {}) {
  const disk = new Map(Object.entries(files));
  return {
    platform,
    env,
    pkg: PKG,
    exists: (path: string) => path === PKG || disk.has(path),
    readFile: (path: string) => disk.get(path) ?? '',
  };
}

describe('findElectron', () => {
  it.each([
    ['darwin', 'Electron.app/Contents/MacOS/Electron'],
    ['win32', 'electron.exe'],
    ['linux', 'electron'],
  ] as const)('%s: the binary path.txt names inside dist/', (platform, binary) => {
    const deps = checkout(platform, { [join(PKG, 'path.txt')]: `${binary}\n`, [join(PKG, 'dist', binary)]: '' });
    expect(findElectron(deps)).toEqual({ path: join(PKG, 'dist', binary) });
  });

  it('no binary downloaded (this machine): the reason, so the desktop tests skip saying why', () => {
    expect(findElectron(checkout('linux', {}))).toEqual({
      path: undefined,
      reason: 'no Electron binary has been downloaded (node_modules/electron/dist is empty)',
    });
    // path.txt written but the download interrupted: still no binary.
    expect(
      findElectron(checkout('darwin', { [join(PKG, 'path.txt')]: 'Electron.app/Contents/MacOS/Electron' })).path,
    ).toBeUndefined();
  });

  it('ELECTRON_OVERRIDE_DIST_PATH wins, with the platform’s binary name', () => {
    const deps = checkout(
      'win32',
      { [join('/electron', 'electron.exe')]: '' },
      { ELECTRON_OVERRIDE_DIST_PATH: '/electron' },
    );
    expect(findElectron(deps)).toEqual({ path: join('/electron', 'electron.exe') });
    expect(findElectron({ ...deps, platform: 'darwin' })).toEqual({
      path: undefined,
      reason: 'ELECTRON_OVERRIDE_DIST_PATH has no Electron.app/Contents/MacOS/Electron',
    });
  });

  it('without the electron package', () => {
    expect(findElectron({ ...checkout('linux', {}), exists: () => false }).reason).toBe(
      'the electron package is not installed',
    );
  });
});
