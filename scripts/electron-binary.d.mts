export function findElectron(): { path: string; reason?: undefined } | { path: undefined; reason: string };
export function tryDownloadElectron(timeoutMs?: number): boolean;
