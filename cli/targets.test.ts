import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTargets, isGlob, joinMatches, splitGlob } from './targets';

describe('globs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-globs-'));
  for (const f of [
    's/a.ringside.json',
    's/a.json',
    's/ab.json',
    's/fast-1.json',
    's/slowly-1.json',
    's/a+b (1).json',
    's/x/y/b.ringside.json',
    's/node_modules/n.ringside.json',
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '{}');
  }
  const found = (pattern: string) => expandTargets([`${dir}/${pattern}`]).files.map((f) => relative(dir, f));

  it.each([
    ['s/*.ringside.json', ['s/a.ringside.json']],
    ['s/**/*.ringside.json', ['s/a.ringside.json', 's/x/y/b.ringside.json']],
    ['s/a?.json', ['s/ab.json']],
    ['s/{slow,fast}-*.json', ['s/fast-1.json']],
    ['s/a+b*', ['s/a+b (1).json']],
  ])('%s finds %j (never inside node_modules)', (pattern, expected) => {
    expect(found(pattern)).toEqual(expected.map((f) => f.split('/').join(sep)));
  });

  it('knows a glob from a path', () => {
    expect(isGlob('scenarios/')).toBe(false);
    expect(isGlob('scenarios/*.json')).toBe(true);
    expect(isGlob('C:\\scenarios\\*.json')).toBe(true);
  });
});

describe('splitGlob and joinMatches, on Windows paths', () => {
  it.each([
    ['C:\\Users\\me\\s\\**\\*.ringside.json', 'C:\\Users\\me\\s', '**/*.ringside.json'],
    ['C:/Users/me/s/*.json', 'C:\\Users\\me\\s', '*.json'],
    ['C:\\*.json', 'C:\\', '*.json'],
    ['d:\\s\\{a,b}.json', 'd:\\s', '{a,b}.json'],
    ['\\\\server\\share\\s\\*.json', '\\\\server\\share\\s', '*.json'],
    ['s\\x\\*.json', 's\\x', '*.json'],
    ['.\\s\\*\\*.json', 's', '*/*.json'],
    ['*.json', '.', '*.json'],
  ])('%s searches %s for %s', (target, base, pattern) => {
    expect(splitGlob(target, win32)).toEqual({ base, pattern });
  });

  it('joins matches (always in / form) to the folder with backslashes, sorted folder by folder', () => {
    expect(joinMatches('C:\\s', ['sub/c.ringside.json', 'b.ringside.json', 'a.ringside.json'], win32)).toEqual([
      'C:\\s\\a.ringside.json',
      'C:\\s\\b.ringside.json',
      'C:\\s\\sub\\c.ringside.json',
    ]);
    // As a walk of the folders would list them: folder `a` sorts before the file `a.json`.
    expect(joinMatches('.', ['a.json', 'a/x.json'], win32)).toEqual(['a\\x.json', 'a.json']);
  });
});

describe('splitGlob on POSIX paths', () => {
  it.each([
    ['/home/me/s/**/*.json', '/home/me/s', '**/*.json'],
    ['/*.json', '/', '*.json'],
    ['./s/*.json', 's', '*.json'],
    ['s/*/x.json', 's', '*/x.json'],
  ])('%s searches %s for %s', (target, base, pattern) => {
    expect(splitGlob(target, posix)).toEqual({ base, pattern });
  });
});

describe('expandTargets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-targets-'));
  for (const f of [
    'b.ringside.json',
    'a.ringside.json',
    'notes.json',
    'sub/c.ringside.json',
    'broken/x.json',
    '.hidden/d.ringside.json',
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '{}');
  }
  mkdirSync(join(dir, 'empty'));

  it('takes every *.ringside.json below a folder, sorted, skipping dot-folders', () => {
    expect(expandTargets([dir])).toEqual({
      files: ['a.ringside.json', 'b.ringside.json', 'sub/c.ringside.json'].map((f) => join(dir, f)),
      problems: [],
    });
  });

  it('takes a file as named, once, and globs by pattern', () => {
    const notes = join(dir, 'notes.json');
    expect(expandTargets([notes, notes, `${dir}/*.ringside.json`]).files).toEqual([
      notes,
      join(dir, 'a.ringside.json'),
      join(dir, 'b.ringside.json'),
    ]);
    expect(expandTargets([`${dir}/**/*.json`]).files).toHaveLength(5);
  });

  it('reports each target that names nothing, and still expands the others', () => {
    const out = expandTargets([
      join(dir, 'nope.json'),
      join(dir, 'empty'),
      `${dir}/zz*.json`,
      `${dir}/nope/*.json`,
      dir,
    ]);
    expect(out.files).toHaveLength(3);
    expect(out.problems.map((p) => p.message)).toEqual([
      `${join(dir, 'nope.json')}: no such file or folder`,
      `${join(dir, 'empty')}: no *.ringside.json scenarios in this folder`,
      `${dir}/zz*.json: matches no file`,
      `${dir}/nope/*.json: no such folder ${join(dir, 'nope')}`,
    ]);
  });

  it('passes - (stdin) through', () => {
    expect(expandTargets(['-']).files).toEqual(['-']);
  });
});
