import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite } from './files';
import { CHANNELS, validate } from './ipc-contract';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalLink, resolveInside } from './security';

describe('app:// path containment', () => {
  const root = '/srv/ringside/renderer';
  it.each([
    ['/index.html', '/srv/ringside/renderer/index.html'],
    ['/', '/srv/ringside/renderer/index.html'],
    ['/assets/app-1234.js', '/srv/ringside/renderer/assets/app-1234.js'],
  ])('serves %s', (url, file) => expect(resolveInside(root, url)).toBe(file));
  it.each(['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/..%2fsecret', '/a/%00b', '/%E0%A4%A'])(
    'refuses %s',
    (url) => expect(resolveInside(root, url)).toBeUndefined(),
  );
});

describe('origins and links', () => {
  it('knows its own origin', () => {
    expect(isAppUrl('app://ringside/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
  });
  it('opens only https links outside', () => {
    expect(isExternalLink('https://developer.apple.com/forums/')).toBe(true);
    expect(isExternalLink('http://example.com')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });
  it('has a strict CSP without eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC contract', () => {
  it('prefixes every channel', () => {
    for (const c of Object.values(CHANNELS)) expect(c.name).toMatch(/^ringside:/);
  });
  it('rejects invalid payloads with a clear error', () => {
    const r = validate(CHANNELS.saveScenario.name, CHANNELS.saveScenario.request, { text: 42 });
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^ringside:save-scenario: invalid payload: text: /) as unknown,
    });
    expect(validate(CHANNELS.saveScenario.name, CHANNELS.saveScenario.request, { text: 'x', extra: 1 }).ok).toBe(false);
    expect(validate(CHANNELS.saveScenario.name, CHANNELS.saveScenario.request, { text: '{}' })).toEqual({
      ok: true,
      value: { text: '{}' },
    });
  });
});

describe('atomic save', () => {
  it('replaces the file in one step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringside-'));
    const file = join(dir, 'a.ringside.json');
    await writeFile(file, 'old');
    await atomicWrite(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.ringside.json']);
  });
  it('leaves the old file intact when the writer dies before the rename', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringside-'));
    const file = join(dir, 'a.ringside.json');
    await writeFile(file, 'old');
    await expect(
      atomicWrite(file, 'new', {
        beforeRename: () => Promise.reject(new Error('killed mid-save')),
      }),
    ).rejects.toThrow('killed mid-save');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.ringside.json']);
  });
});
