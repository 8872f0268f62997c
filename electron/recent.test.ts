import { describe, expect, it } from 'vitest';
import {
  addRecent,
  loadRecent,
  parseRecent,
  pathRules,
  pruneRecent,
  RECENT_LIMIT,
  RecentList,
  removeRecent,
  saveRecent,
  serializeRecent,
} from './recent';

const paths = (n: number) => Array.from({ length: n }, (_, i) => `/docs/${i}.ringside.json`);

describe('the recent list', () => {
  it('puts the newest first without duplicates', () => {
    expect(addRecent([], '/a')).toEqual(['/a']);
    expect(addRecent(['/a', '/b'], '/c')).toEqual(['/c', '/a', '/b']);
    expect(addRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    expect(addRecent(['/a'], '/a')).toEqual(['/a']);
  });
  it(`keeps at most ${RECENT_LIMIT} paths, dropping the oldest`, () => {
    const list = addRecent(paths(RECENT_LIMIT), '/new');
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]).toBe('/new');
    expect(list).not.toContain(`/docs/${RECENT_LIMIT - 1}.ringside.json`);
    expect(addRecent(['/a', '/b'], '/c', 2)).toEqual(['/c', '/a']);
  });
  it('removes one path', () => {
    expect(removeRecent(['/a', '/b', '/c'], '/b')).toEqual(['/a', '/c']);
    expect(removeRecent(['/a'], '/zzz')).toEqual(['/a']);
  });
  it('drops paths that no longer exist, keeping the order', () => {
    const exists = (p: string) => p !== '/gone';
    expect(pruneRecent(['/a', '/gone', '/b'], exists)).toEqual(['/a', '/b']);
    const throws = (p: string) => {
      if (p === '/denied') throw new Error('EACCES');
      return true;
    };
    expect(pruneRecent(['/denied', '/a'], throws)).toEqual(['/a']);
  });
});

describe('recent.json', () => {
  it('round-trips', () => {
    expect(parseRecent(serializeRecent(['/a', '/b']))).toEqual(['/a', '/b']);
    expect(JSON.parse(serializeRecent(['/a']))).toEqual({ version: 1, paths: ['/a'] });
  });
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['corrupt', '{"paths": ['],
    ['not JSON', 'hello'],
    ['null', 'null'],
    ['a number', '42'],
    ['paths not a list', '{"paths": "/a"}'],
    ['no paths', '{"version": 1}'],
  ])('starts empty when the file is %s', (_name, text) => expect(parseRecent(text)).toEqual([]));
  it('keeps only usable entries, once each, within the limit', () => {
    expect(parseRecent(JSON.stringify({ paths: ['/a', 3, '', null, '/a', '/b', 'x\0y', { p: 1 }] }))).toEqual([
      '/a',
      '/b',
    ]);
    expect(parseRecent(JSON.stringify(['/a', '/b']))).toEqual(['/a', '/b']);
    expect(parseRecent(JSON.stringify({ paths: paths(25) }))).toEqual(paths(RECENT_LIMIT));
  });
  it('loads through the injected reader, starting empty when it fails', async () => {
    expect(await loadRecent(() => Promise.resolve(serializeRecent(['/a'])))).toEqual(['/a']);
    expect(await loadRecent(() => Promise.reject(new Error('ENOENT: no such file')))).toEqual([]);
    expect(await loadRecent(() => Promise.resolve('garbage{'))).toEqual([]);
  });
  it('saves through the injected writer', async () => {
    const written: string[] = [];
    await saveRecent(
      (text) => {
        written.push(text);
        return Promise.resolve();
      },
      ['/a', '/b'],
    );
    expect(written.map((t) => parseRecent(t))).toEqual([['/a', '/b']]);
  });
});

describe('RecentList', () => {
  function setup(initial: string | Error, existing = new Set<string>()) {
    const writes: string[][] = [];
    const errors: unknown[] = [];
    let failWrites = false;
    const list = new RecentList({
      read: () => (initial instanceof Error ? Promise.reject(initial) : Promise.resolve(initial)),
      write: (text) => {
        if (failWrites) return Promise.reject(new Error('EROFS'));
        writes.push(parseRecent(text));
        return Promise.resolve();
      },
      exists: (p) => existing.has(p),
      onError: (e) => errors.push(e),
    });
    return { list, writes, errors, existing, failWrites: () => (failWrites = true) };
  }

  it('loads, adds, clears and writes every change in order', async () => {
    const { list, writes } = setup(serializeRecent(['/a', '/b']), new Set(['/a', '/b', '/c']));
    expect(await list.load()).toEqual(['/a', '/b']);
    list.add('/c');
    list.add('/b');
    list.add('/b'); // already first: nothing to write
    expect(list.current()).toEqual(['/b', '/c', '/a']);
    list.clear();
    list.clear(); // already empty
    await list.flushed();
    expect(writes).toEqual([['/c', '/a', '/b'], ['/b', '/c', '/a'], []]);
  });
  it('starts empty when recent.json is missing or corrupt', async () => {
    expect(await setup(new Error('ENOENT')).list.load()).toEqual([]);
    expect(await setup('{{{').list.load()).toEqual([]);
  });
  it('drops missing files when the menu is built, and saves the shorter list', async () => {
    const { list, writes, existing } = setup(serializeRecent(['/a', '/gone', '/b']), new Set(['/a', '/b']));
    await list.load();
    expect(list.paths).toEqual(['/a', '/gone', '/b']);
    expect(list.current()).toEqual(['/a', '/b']);
    expect(list.current()).toEqual(['/a', '/b']); // nothing more to drop, nothing written
    await list.flushed();
    expect(writes).toEqual([['/a', '/b']]);
    existing.delete('/a');
    expect(list.current()).toEqual(['/b']);
  });
  it('removes a path that could not be opened', async () => {
    const { list, writes } = setup(serializeRecent(['/a', '/b']));
    await list.load();
    expect(list.remove('/a')).toEqual(['/b']);
    list.remove('/zzz');
    await list.flushed();
    expect(writes).toEqual([['/b']]);
  });
  it('keeps working when a write fails', async () => {
    const { list, errors, failWrites } = setup(serializeRecent([]));
    await list.load();
    failWrites();
    list.add('/a');
    await list.flushed();
    expect(errors).toHaveLength(1);
    expect(list.paths).toEqual(['/a']);
  });
});

describe('the recent list with Windows paths', () => {
  const win = pathRules('win32');
  const a = 'C:\\Users\\ada\\calls\\a.ringside';
  it('keeps one entry for the same file written with another case or slash', () => {
    expect(addRecent([a, 'D:\\b.ringside'], 'c:/users/ADA/calls/A.ringside', RECENT_LIMIT, win)).toEqual([
      'c:/users/ADA/calls/A.ringside',
      'D:\\b.ringside',
    ]);
    expect(addRecent([a], 'C:\\Users\\ada\\calls\\..\\calls\\a.ringside', RECENT_LIMIT, win)).toHaveLength(1);
    expect(removeRecent([a, 'D:\\b.ringside'], 'C:/USERS/ada/calls/a.ringside', win)).toEqual(['D:\\b.ringside']);
  });
  it('keeps drive-letter and UNC paths from recent.json and drops relative or drive-relative ones', () => {
    const text = JSON.stringify({
      paths: [
        a,
        'c:\\users\\ada\\calls\\A.RINGSIDE',
        '\\\\server\\share\\c.ringside',
        'calls\\x.ringside',
        'C:x.ringside',
      ],
    });
    expect(parseRecent(text, RECENT_LIMIT, win)).toEqual([a, '\\\\server\\share\\c.ringside']);
  });
  it('on macOS and Linux a Windows path is not absolute, and case is kept apart', () => {
    const posixRules = pathRules('darwin');
    expect(
      parseRecent(JSON.stringify([a, '/Users/ada/a.ringside', 'relative.ringside']), RECENT_LIMIT, posixRules),
    ).toEqual(['/Users/ada/a.ringside']);
    expect(addRecent(['/Users/ada/A.ringside'], '/Users/ada/a.ringside', RECENT_LIMIT, posixRules)).toHaveLength(2);
  });
  it('a RecentList on Windows removes a path however it is written', async () => {
    const written: string[][] = [];
    const list = new RecentList(
      {
        read: () => Promise.resolve(serializeRecent([a, 'D:\\b.ringside'])),
        write: (text) => Promise.resolve(void written.push(parseRecent(text, RECENT_LIMIT, win))),
        exists: () => true,
      },
      RECENT_LIMIT,
      win,
    );
    await list.load();
    expect(list.remove('c:/users/ada/calls/a.RINGSIDE')).toEqual(['D:\\b.ringside']);
    list.add('d:/B.ringside');
    await list.flushed();
    expect(written).toEqual([['D:\\b.ringside'], ['d:/B.ringside']]);
  });
});
