import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DEBIAN_ARGS,
  DEBIAN_CHROMIUM,
  INSTALL_COMMAND,
  preflight,
  resolveBrowser,
  type BrowserDeps,
} from './browser.mjs';

const MAC_PW =
  '/Users/me/Library/Caches/ms-playwright/chromium-1255/chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium';
const WIN_PW = 'C:\\Users\\me\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe';
const LINUX_PW = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/** A machine with these files; its installer (if any) "downloads" Playwright's browser by adding it. */
function machine(platform: NodeJS.Platform, files: string[], pw: string, options: { canDownload?: boolean } = {}) {
  const disk = new Set(files);
  const install = vi.fn(() => {
    if (!options.canDownload) return false;
    disk.add(pw);
    return true;
  });
  const deps: BrowserDeps = {
    platform,
    env: {},
    exists: (path) => disk.has(path),
    playwrightChromium: () => pw,
    install,
  };
  return { deps, install };
}

describe('resolveBrowser', () => {
  it("macOS with Playwright's Chromium: uses it, no flags, no download", () => {
    const { deps, install } = machine('darwin', [MAC_PW], MAC_PW);
    expect(resolveBrowser(deps)).toEqual({ path: MAC_PW, args: [], source: 'playwright' });
    expect(install).not.toHaveBeenCalled();
  });

  it("macOS without it: installs Playwright's Chromium on this first need, then uses it", () => {
    const { deps, install } = machine('darwin', [], MAC_PW, { canDownload: true });
    expect(resolveBrowser(deps)).toEqual({ path: MAC_PW, args: [], source: 'playwright' });
    expect(install).toHaveBeenCalledOnce();
  });

  it("Windows: Playwright's Chromium (never Debian's path, even if a file were there)", () => {
    const { deps } = machine('win32', [WIN_PW, DEBIAN_CHROMIUM], WIN_PW);
    expect(resolveBrowser(deps)).toEqual({ path: WIN_PW, args: [], source: 'playwright' });
    const { deps: fresh, install } = machine('win32', [DEBIAN_CHROMIUM], WIN_PW, { canDownload: true });
    expect(resolveBrowser(fresh)).toMatchObject({ path: WIN_PW, source: 'playwright' });
    expect(install).toHaveBeenCalledOnce();
  });

  it('Debian with the chromium package (this machine, CI): /usr/bin/chromium with its flags, no download tried', () => {
    const { deps, install } = machine('linux', [DEBIAN_CHROMIUM], LINUX_PW);
    expect(resolveBrowser(deps)).toEqual({ path: DEBIAN_CHROMIUM, args: DEBIAN_ARGS, source: 'debian' });
    expect(install).not.toHaveBeenCalled();
  });

  it("Debian without the package: Playwright's Chromium, downloaded where downloads work", () => {
    const { deps, install } = machine('linux', [], LINUX_PW, { canDownload: true });
    expect(resolveBrowser(deps)).toEqual({ path: LINUX_PW, args: [], source: 'playwright' });
    expect(install).toHaveBeenCalledOnce();
  });

  it('no browser at all: one line naming the problem and the command that fixes it', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { deps, install } = machine(platform, [], LINUX_PW);
      const browser = resolveBrowser(deps);
      expect(browser.path).toBeUndefined();
      expect(browser.problem).toMatch(/^ringside: no browser for the end-to-end tests .*installing it failed/);
      expect(browser.problem).toContain(`Fix: ${INSTALL_COMMAND}`);
      expect(browser.problem).not.toContain('\n');
      expect(install).toHaveBeenCalledOnce();
    }
    expect(resolveBrowser(machine('linux', [], LINUX_PW).deps).problem).toContain('sudo apt-get install chromium');
  });

  it('Playwright with no build for this platform, no installer: the problem, not a crash', () => {
    const { deps } = machine('linux', [], LINUX_PW);
    const browser = resolveBrowser({ ...deps, playwrightChromium: () => undefined, install: undefined });
    expect(browser.problem).toContain(INSTALL_COMMAND);
    expect(browser.problem).not.toContain('installing it failed');
  });

  it('CHROMIUM_PATH comes first; Debian flags only for Debian’s binary; a wrong one is the problem, never a download', () => {
    const custom = '/opt/chrome/chrome';
    const { deps, install } = machine('linux', [custom, DEBIAN_CHROMIUM, LINUX_PW], LINUX_PW);
    expect(resolveBrowser({ ...deps, env: { CHROMIUM_PATH: custom } })).toEqual({
      path: custom,
      args: [],
      source: 'CHROMIUM_PATH',
    });
    expect(resolveBrowser({ ...deps, env: { CHROMIUM_PATH: DEBIAN_CHROMIUM } })).toMatchObject({ args: DEBIAN_ARGS });
    const wrong = resolveBrowser({ ...deps, env: { CHROMIUM_PATH: '/nowhere/chrome' } });
    expect(wrong.problem).toMatch(/^ringside: CHROMIUM_PATH=\/nowhere\/chrome is not a file/);
    expect(install).not.toHaveBeenCalled();
  });
});

describe('preflight', () => {
  it('passes quietly when there is a browser', () => {
    const writeError = vi.fn();
    expect(preflight({ path: DEBIAN_CHROMIUM, args: DEBIAN_ARGS, source: 'debian' }, writeError)).toBe(0);
    expect(writeError).not.toHaveBeenCalled();
  });

  it('fails with the one line when there is none', () => {
    const writeError = vi.fn();
    expect(preflight({ problem: 'ringside: no browser. Fix: x' }, writeError)).toBe(1);
    expect(writeError.mock.calls).toEqual([['ringside: no browser. Fix: x']]);
  });

  it('as npm test runs it: with no browser to be had, one line on stderr and a failing exit, within seconds', () => {
    const nowhere = join(mkdtempSync(join(tmpdir(), 'ringside-preflight-')), 'no-chrome');
    const started = Date.now();
    const run = spawnSync(process.execPath, [resolve(__dirname, 'preflight.mjs')], {
      env: { ...process.env, CHROMIUM_PATH: nowhere },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `ringside: CHROMIUM_PATH=${nowhere} is not a file, so the end-to-end tests have no browser. Fix: point CHROMIUM_PATH at a Chromium or Chrome, or unset it and run ${INSTALL_COMMAND}`,
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
