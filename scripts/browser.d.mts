export interface BrowserDeps {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  playwrightChromium(): string | undefined;
  install?: () => boolean;
}
export type Browser =
  | { path: string; args: readonly string[]; source: 'CHROMIUM_PATH' | 'playwright' | 'debian'; problem?: undefined }
  | { problem: string; path?: undefined };
export const DEBIAN_CHROMIUM: string;
export const DEBIAN_ARGS: readonly string[];
export const INSTALL_COMMAND: string;
export function resolveBrowser(deps: BrowserDeps): Browser;
export function playwrightChromium(): string | undefined;
export function installPlaywrightChromium(log?: (line: string) => void): boolean;
export function systemBrowser(options?: { install?: boolean }): Browser;
export function preflight(browser: Browser, writeError?: (line: string) => void): 0 | 1;
