import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

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

/**
 * Maps an app:// URL path to a file inside `root`, or undefined when it would leave `root`
 * (`..`, encoded traversal, absolute paths, NUL bytes).
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const cleaned = normalize(decoded.replace(/^\/+/, '') || 'index.html');
  if (isAbsolute(cleaned)) return undefined;
  const full = resolve(root, cleaned);
  const rel = relative(root, full);
  if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) return undefined;
  return full;
}

/** True when a URL belongs to the app (navigation and IPC senders). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      `${u.protocol}//${u.host}` === APP_ORIGIN ||
      (process.env.RINGSIDE_DEV_URL !== undefined && url.startsWith(process.env.RINGSIDE_DEV_URL))
    );
  } catch {
    return false;
  }
}

/** Links the app may open in the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
