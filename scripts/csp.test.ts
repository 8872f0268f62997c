import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../electron/security';
import { buildCsp, FRAME_HEADERS, parseCsp, rewriteCspMeta } from './csp';

const devHtml = readFileSync(join(__dirname, '..', 'renderer', 'index.html'), 'utf8');
const metaOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';

describe('the built page’s CSP', () => {
  it("drops the dev server's WebSocket sources", () => {
    expect(metaOf(devHtml)).toMatch(/connect-src[^;]*ws:/);
    const built = metaOf(rewriteCspMeta(devHtml));
    expect(built).not.toMatch(/wss?:/);
    expect(parseCsp(built).get('connect-src')).toEqual(["'self'"]);
  });
  it("is the app:// header's policy, but for frame-ancestors, which only a header can carry", () => {
    const built = parseCsp(metaOf(rewriteCspMeta(devHtml)));
    const header = parseCsp(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(built)).toEqual(Object.fromEntries(header));
    expect(FRAME_HEADERS['Content-Security-Policy']).toBe("frame-ancestors 'none'");
  });
  it("leaves 'none' where only sockets were allowed, and keeps everything else", () => {
    expect(buildCsp("connect-src ws://127.0.0.1:* wss://x; img-src 'self'")).toBe("connect-src 'none'; img-src 'self'");
  });
  it('refuses a page without a CSP meta rather than ship one unprotected', () => {
    expect(() => rewriteCspMeta('<html><head></head></html>')).toThrow(/no Content-Security-Policy meta/);
  });
});
