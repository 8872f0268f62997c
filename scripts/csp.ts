/**
 * The Content-Security-Policy of the built index.html. renderer/index.html carries the dev server's
 * policy (Vite's hot reload needs `connect-src ws:`); the build drops every ws: source, so the shipped
 * page opens no socket. `frame-ancestors 'none'` cannot live in the meta tag (browsers ignore it there,
 * and Chromium logs an error): it is sent as a header, by the desktop app's app:// handler
 * (electron/security.ts) and by `vite preview` (FRAME_HEADERS), as any web host should.
 */

/** A policy as directive → sources, in order. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The built page's policy from the dev page's: the same, without WebSocket sources. */
export function buildCsp(devPolicy: string): string {
  const directives = parseCsp(devPolicy);
  for (const [name, sources] of directives) {
    const kept = sources.filter((source) => !/^wss?:/i.test(source));
    // A directive left with no source would allow nothing; 'none' says so explicitly.
    directives.set(name, sources.length > 0 && kept.length === 0 ? ["'none'"] : kept);
  }
  return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The headers that forbid framing the page (a second CSP is enforced alongside the meta's). */
export const FRAME_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
} as const;

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/** index.html with its CSP meta rewritten by buildCsp; an error if the page has none. */
export function rewriteCspMeta(html: string): string {
  if (!META.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag to rewrite');
  return html.replace(
    META,
    (_match, start: string, policy: string, end: string) => `${start}${buildCsp(policy)}${end}`,
  );
}
