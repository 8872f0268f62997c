import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { atomicWrite, STALE_TEMP_MS } from './files';
import { CHANNELS, MAX_SCENARIO_TEXT, MENU_CHANNEL, MenuCommand, validate } from '../ipc/contract';
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

describe('IPC contract: document state', () => {
  const { name, request, value } = CHANNELS.documentState;
  const refused = (payload: unknown, field: string) =>
    expect(validate(name, request, payload)).toEqual({
      ok: false,
      error: expect.stringContaining(`ringside:document-state: invalid payload: ${field}`) as unknown,
    });
  it("accepts the renderer's state", () => {
    expect(validate(name, request, { dirty: true, title: 'Untitled' })).toEqual({
      ok: true,
      value: { dirty: true, title: 'Untitled' },
    });
    expect(validate(name, request, { dirty: false, path: '/a.ringside.json', title: 'a.ringside.json' }).ok).toBe(true);
    expect(validate(name, value, null).ok).toBe(true);
  });
  it('refuses malformed states, naming the field', () => {
    refused({ dirty: 'yes', title: 'x' }, 'dirty: ');
    refused({ title: 'x' }, 'dirty: ');
    refused({ dirty: true }, 'title: ');
    refused({ dirty: true, title: 7 }, 'title: ');
    refused({ dirty: true, title: 'x'.repeat(1001) }, 'title: ');
    refused({ dirty: true, title: 'x', path: '' }, 'path: ');
    refused({ dirty: true, title: 'x', path: 42 }, 'path: ');
    refused({ dirty: true, title: 'x', path: '/a'.repeat(3000) }, 'path: ');
    refused({ dirty: true, title: 'x', close: true }, 'Unrecognized key: "close"');
    refused(undefined, '');
    refused('dirty', '');
  });
});

describe('IPC contract: menu commands', () => {
  const check = (payload: unknown) => validate(MENU_CHANNEL, MenuCommand, payload);
  const refused = (payload: unknown, field: string) =>
    expect(check(payload)).toEqual({
      ok: false,
      error: expect.stringContaining(`ringside:menu: invalid payload: ${field}`) as unknown,
    });
  it('accepts the plain commands and the ones carrying a file', () => {
    for (const command of ['new', 'open', 'save', 'save-as'] as const) expect(check({ command }).ok).toBe(true);
    for (const command of ['open-recent', 'revert'] as const)
      expect(check({ command, path: '/a.ringside.json', text: '{}' })).toEqual({
        ok: true,
        value: { command, path: '/a.ringside.json', text: '{}' },
      });
  });
  it('refuses malformed commands, naming the field', () => {
    refused({ command: 'format-disk' }, 'command: ');
    refused({}, 'command: ');
    refused('new', '');
    refused({ command: 'open-recent', text: '{}' }, 'path: ');
    refused({ command: 'revert', path: '', text: '{}' }, 'path: ');
    refused({ command: 'revert', path: '/a', text: 5 }, 'text: ');
    refused({ command: 'open-recent', path: '/a' }, 'text: ');
    refused({ command: 'open-recent', path: '/a', text: 'x'.repeat(MAX_SCENARIO_TEXT + 1) }, 'text: ');
    refused({ command: 'save', path: '/a' }, 'Unrecognized key: "path"');
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

  it('leaves a whole old or new file when the saving process is killed (SIGKILL) at any moment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ringside-kill-'));
    const file = join(dir, 'a.ringside.json');
    // Two large documents (~2 MB each): a write takes long enough for kills to land mid-write.
    const size = 2_000_000;
    const a = JSON.stringify({ title: 'A', pad: 'a'.repeat(size) });
    const b = JSON.stringify({ title: 'B', pad: 'b'.repeat(size) });
    // The helper bundled once and run by plain node: a process started through tsx cost 0.5 CPU s (issue #21).
    const helper = join(await mkdtemp(join(tmpdir(), 'ringside-helper-')), 'save-forever.mjs');
    buildSync({
      entryPoints: [join(__dirname, 'testing', 'save-forever.ts')],
      outfile: helper,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    const seen = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [helper, file, String(size)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`save-forever exited early (${code})`)));
      });
      // Kill after a varying delay, so the kill falls at different points of write, fsync and rename.
      await new Promise((resolve) => setTimeout(resolve, 5 + round * 7));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const text = await readFile(file, 'utf8');
      expect(text === a || text === b, `round ${round}: the file is neither the old nor the new document`).toBe(true);
      seen.add(text === a ? 'a' : 'b');
    }
    // Leftover temporary files may remain after a kill; never a torn target.
    expect((await readdir(dir)).filter((f) => !f.endsWith('.tmp'))).toEqual(['a.ringside.json']);
    // The next save, once they are stale, sweeps every one of them away.
    await atomicWrite(file, a, { now: () => Date.now() + STALE_TEMP_MS + 1000 });
    expect(await readdir(dir)).toEqual(['a.ringside.json']);
    // Eight processes started one after another: at load 30 each waits seconds for a core.
  }, 180_000);
});
