import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrl, isAppUrl, isExternalLink, resolveInside } from './security';

describe('app:// path containment with Windows paths', () => {
  const root = 'C:\\Program Files\\Ringside\\resources\\app.asar\\dist\\renderer';
  it.each([
    ['/index.html', `${root}\\index.html`],
    ['/', `${root}\\index.html`],
    ['/assets/app-1234.js', `${root}\\assets\\app-1234.js`],
    ['/assets%5Capp-1234.js', `${root}\\assets\\app-1234.js`],
  ])('serves %s', (url, file) => expect(resolveInside(root, url, win32)).toBe(file));
  it.each([
    '/..%5C..%5Csecret.txt',
    '/assets%5C..%5C..%5Csecret.txt',
    '/C:/Windows/win.ini',
    '/C:%5CWindows%5Cwin.ini',
    '/D:secret.txt',
    '/%5C%5Cserver%5Cshare%5Cfile',
    '/index.html:stream',
    '/...%5Csecret.txt',
    '/..%20%5Csecret.txt',
    '/assets/app.js.',
  ])('refuses %s', (url) => expect(resolveInside(root, url, win32)).toBeUndefined());
  it('refuses the same on POSIX', () => {
    for (const url of ['/C:/etc/passwd', '/index.html:x', '/.../secret', '/.. /secret'])
      expect(resolveInside('/opt/ringside/renderer', url, posix)).toBeUndefined();
  });
});

describe('the dev server only when unpackaged', () => {
  it('ignores RINGSIDE_DEV_URL in a packaged app', () => {
    expect(devServerUrl('http://127.0.0.1:5173/', true)).toBeUndefined();
    expect(devServerUrl('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl(undefined, false)).toBeUndefined();
  });
  it('accepts only this machine over http', () => {
    expect(devServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/');
    for (const url of ['https://evil.example/', 'http://192.168.1.4:5173/', 'file:///tmp/index.html', 'nonsense'])
      expect(devServerUrl(url, false)).toBeUndefined();
  });
  it("trusts the dev server's origin, not a prefix of it", () => {
    const dev = 'http://127.0.0.1:5173/';
    expect(isAppUrl('http://127.0.0.1:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/index.html')).toBe(false);
  });
});

describe('window.open and links: an allowlist for the system browser', () => {
  it.each(['https://developer.apple.com/forums/', 'https://developer.apple.com/documentation/pushkit'])(
    'opens %s',
    (url) => expect(isExternalLink(url)).toBe(true),
  );
  it.each([
    'https://evil.example/',
    'https://developer.apple.com.evil.example/',
    'https://user:pass@developer.apple.com/',
    'https://developer.apple.com:8443/',
    'http://developer.apple.com/',
    'smb://server/share',
    'file:///C:/Windows/System32/calc.exe',
    'ms-settings:',
    'javascript:alert(1)',
  ])('denies %s', (url) => expect(isExternalLink(url)).toBe(false));
});
