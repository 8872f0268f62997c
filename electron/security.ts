import * as nodePath from 'node:path';

/** The origin the bundle is served from. */
export const APP_ORIGIN = 'app://ringside';

/** Strict CSP for the app: no eval, no remote code; inline styles only for React's style props. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The path functions containment needs: node:path, or path.win32 / path.posix in tests. */
export type PathApi = Pick<typeof nodePath, 'isAbsolute' | 'normalize' | 'relative' | 'resolve' | 'sep'>;

/**
 * A segment Windows would rewrite before opening it (trailing dots and spaces are dropped, so `... `
 * may become `..`), or one naming a drive or an alternate data stream (`C:`, `file:stream`). The
 * bundle has no such names, so they are refused on every platform.
 */
const suspiciousSegment = (segment: string) => segment.includes(':') || (segment !== '.' && /[. ]$/.test(segment));

/**
 * Maps an app:// URL path to a file inside `root`, or undefined when it would leave `root`
 * (`..`, encoded traversal, absolute paths, NUL bytes, drive letters, backslashes on Windows).
 */
export function resolveInside(root: string, urlPath: string, path: PathApi = nodePath): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const trimmed = decoded.replace(/^\/+/, '') || 'index.html';
  if (trimmed.split(/[\\/]/).some(suspiciousSegment)) return undefined;
  const cleaned = path.normalize(trimmed);
  if (path.isAbsolute(cleaned)) return undefined;
  const full = path.resolve(root, cleaned);
  const rel = path.relative(root, full);
  if (rel === '' || path.isAbsolute(rel) || rel.split(path.sep).includes('..')) return undefined;
  return full;
}

/**
 * The dev server's URL (`npm run dev` sets RINGSIDE_DEV_URL), only in an unpackaged app and only on
 * this machine's loopback: a packaged app always loads its own bundle, whatever the environment says.
 */
export function devServerUrl(value: string | undefined, packaged: boolean): string | undefined {
  if (packaged || value === undefined) return undefined;
  try {
    const url = new URL(value);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** True when a URL belongs to the app (navigation and IPC senders); `devUrl` from devServerUrl. */
export function isAppUrl(url: string, devUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (`${u.protocol}//${u.host}` === APP_ORIGIN) return true;
    return devUrl !== undefined && u.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Hosts the app may send to the system browser. The app links to Apple's developer site (the Help
 * menu, and the documentation the rules cite); nothing else it shows is a link, so anything else a
 * page asks to open (a link in a pasted scenario's notes, a script's window.open) is denied.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['developer.apple.com'];

/** Links the app may open in the system browser: https, an allowed host, no credentials, no port. */
export function isExternalLink(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      EXTERNAL_HOSTS.includes(u.hostname) &&
      u.username === '' &&
      u.password === '' &&
      u.port === ''
    );
  } catch {
    return false;
  }
}
