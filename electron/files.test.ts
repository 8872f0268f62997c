import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite, readTextFile, STALE_TEMP_MS } from './files';

const posixOnly = process.platform === 'win32' ? it.skip : it;
const folder = () => mkdtemp(join(tmpdir(), 'ringside-files-'));

describe('atomic save keeps what the user set up', () => {
  posixOnly('keeps a private file private (0600 stays 0600)', async () => {
    const dir = await folder();
    const file = join(dir, 'secret.ringside');
    await writeFile(file, 'old');
    await chmod(file, 0o600);
    await atomicWrite(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('new');
  });
  posixOnly('gives a new file 0644 whatever the umask lets through', async () => {
    const dir = await folder();
    await atomicWrite(join(dir, 'new.ringside'), 'x');
    expect((await stat(join(dir, 'new.ringside'))).mode & 0o777).toBe(0o644);
  });
  posixOnly('writes through a symlink: the link stays a link, its target gets the text', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'a.ringside');
    await writeFile(real, 'old');
    const link = join(dir, 'a.ringside');
    await symlink(join('real', 'a.ringside'), link);
    await atomicWrite(link, 'new');
    expect(await readlink(link)).toBe(join('real', 'a.ringside'));
    expect(await readFile(real, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.ringside', 'real']);
    expect(await readdir(join(dir, 'real'))).toEqual(['a.ringside']);
  });
  posixOnly('a dangling symlink: the save creates the file it points to', async () => {
    const dir = await folder();
    const link = join(dir, 'a.ringside');
    await symlink('target.ringside', link);
    await atomicWrite(link, 'new');
    expect(await readlink(link)).toBe('target.ringside');
    expect(await readFile(join(dir, 'target.ringside'), 'utf8')).toBe('new');
  });
});

describe('atomic save cleans up after a killed save', () => {
  it('removes its own stale temporaries, and only those', async () => {
    const dir = await folder();
    const file = join(dir, 'a.ringside');
    const stale = '.a.ringside.0123456789ab.tmp';
    const fresh = '.a.ringside.ba9876543210.tmp';
    const foreign = ['.b.ringside.0123456789ab.tmp', '.a.ringside.notours.tmp', 'a.ringside.tmp'];
    for (const name of [stale, fresh, ...foreign]) await writeFile(join(dir, name), 'left over');
    const old = (Date.now() - STALE_TEMP_MS - 5000) / 1000;
    for (const name of [stale, ...foreign]) await utimes(join(dir, name), old, old);
    await atomicWrite(file, 'new');
    // The fresh one may be another save still under way; the foreign ones are not ours.
    expect((await readdir(dir)).sort()).toEqual([fresh, ...foreign, 'a.ringside'].sort());
  });
});

describe('atomic save fsyncs the folder', () => {
  const synced = async (platform: NodeJS.Platform) => {
    const dir = await folder();
    const folders: string[] = [];
    await atomicWrite(join(dir, 'a.ringside'), 'x', {
      platform,
      syncFolder: (d) => Promise.resolve(void folders.push(d)),
    });
    return { dir, folders };
  };
  it('after the rename, on macOS and Linux', async () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { dir, folders } = await synced(platform);
      expect(folders).toEqual([dir]);
    }
  });
  it('not on Windows, which cannot open a folder for it', async () => {
    expect((await synced('win32')).folders).toEqual([]);
  });
  posixOnly('for real, here', async () => {
    const dir = await folder();
    await atomicWrite(join(dir, 'a.ringside'), 'x');
    expect(await readFile(join(dir, 'a.ringside'), 'utf8')).toBe('x');
  });
});

describe('files main reads whole are size-checked first', () => {
  const limit = { maxBytes: 1024, what: 'scenario' };
  it('reads a file within the limit', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'a.ringside'), 'é'.repeat(512));
    expect(await readTextFile(join(dir, 'a.ringside'), limit)).toBe('é'.repeat(512));
  });
  it('refuses a larger file, saying how large and what the limit is', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'big.ringside'), Buffer.alloc(3 * 1024 * 1024, 0x20));
    await expect(readTextFile(join(dir, 'big.ringside'), { maxBytes: 1024 * 1024, what: 'scenario' })).rejects.toThrow(
      'big.ringside is 3 MB; Ringside opens a scenario of at most 1 MB.',
    );
  });
  it('refuses a folder', async () => {
    const dir = await folder();
    await expect(readTextFile(dir, limit)).rejects.toThrow(/is not a file|EISDIR/);
  });
});
