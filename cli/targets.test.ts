import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTargets, globToRegExp, isGlob } from './targets';

describe('globToRegExp', () => {
  it.each([
    ['s/*.ringside.json', 's/a.ringside.json', true],
    ['s/*.ringside.json', 's/sub/a.ringside.json', false],
    ['s/*.ringside.json', 's/a.json', false],
    ['s/**/*.ringside.json', 's/a.ringside.json', true],
    ['s/**/*.ringside.json', 's/x/y/a.ringside.json', true],
    ['s/**', 's/x/y', true],
    ['s/a?.json', 's/ab.json', true],
    ['s/a?.json', 's/a/.json', false],
    ['s/{slow,fast}-*.json', 's/fast-1.json', true],
    ['s/{slow,fast}-*.json', 's/slowly-1.json', false],
    ['s/a+b (1).json', 's/a+b (1).json', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });

  it('knows a glob from a path', () => {
    expect(isGlob('scenarios/')).toBe(false);
    expect(isGlob('scenarios/*.json')).toBe(true);
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
      `${dir}/nope/*.json: no such folder ${dir}/nope`,
    ]);
  });

  it('passes - (stdin) through', () => {
    expect(expandTargets(['-']).files).toEqual(['-']);
  });
});
