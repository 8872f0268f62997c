export interface ElectronDeps {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  readFile(path: string): string;
  /** node_modules/electron */
  pkg: string;
}
export function findElectron(
  deps?: Partial<ElectronDeps>,
): { path: string; reason?: undefined } | { path: undefined; reason: string };
export function tryDownloadElectron(timeoutMs?: number): boolean;
