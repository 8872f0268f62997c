import { describe, expect, it } from 'vitest';
import { makeStyle, table, useColor, visibleLength, wrapText } from './style';

// eslint-disable-next-line no-control-regex
const ESC = /\u001b\[/;

describe('useColor', () => {
  it.each([
    [undefined, { isTTY: true }, true],
    [undefined, { isTTY: false }, false],
    [false, { isTTY: true }, false],
    [undefined, { isTTY: true, NO_COLOR: '1' }, false],
    [undefined, { isTTY: true, NO_COLOR: '' }, true], // no-color.org: only a non-empty value counts
    [undefined, { isTTY: false, FORCE_COLOR: '1' }, true],
    [undefined, { isTTY: true, FORCE_COLOR: '0' }, false],
    [undefined, { isTTY: false, FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    [false, { isTTY: false, FORCE_COLOR: '1' }, false],
  ] as const)('--color %s with %o → %s', (option, env, expected) => {
    expect(useColor(option, env)).toBe(expected);
  });
});

describe('makeStyle', () => {
  it('is the identity when plain', () => {
    const s = makeStyle(false);
    expect(s.bold('x') + s.red('y') + s.fate('crashed')).toBe('xycrashed');
    expect(s.fail).toBe('FAIL');
  });

  it('gives fates a symbol and a colour by what they mean', () => {
    const s = makeStyle(true);
    expect(s.fate('rang')).toBe('\u001b[32m✓ rang\u001b[39m');
    expect(s.fate('crashed')).toBe('\u001b[31m✕ crashed\u001b[39m');
    expect(s.fate('stale')).toBe('\u001b[33m⚠ stale\u001b[39m');
    // eslint-disable-next-line no-control-regex
    expect(s.fate('missed')).toMatch(/^\u001b\[32m/); // MUST-1 working as meant is good
    expect(s.dim('x')).toMatch(ESC);
  });
});

describe('table', () => {
  it('pads columns to the widest cell, not counting colour codes, and trims line ends', () => {
    const s = makeStyle(true);
    const lines = table([
      ['a', s.red('bb'), 'c'],
      ['ccc', 'd', ''],
    ]);
    // eslint-disable-next-line no-control-regex
    expect(lines.map((l) => l.replace(/\u001b\[\d+m/g, ''))).toEqual(['a    bb  c', 'ccc  d']);
  });

  it('counts wide symbols as one column each', () => {
    expect(visibleLength('✓ rang')).toBe(6);
  });
});

describe('wrapText', () => {
  it('leaves text alone with width 0 (not a terminal) or when it fits', () => {
    const text = 'one two three four five';
    expect(wrapText(text, 0)).toEqual([text]);
    expect(wrapText(text, 80)).toEqual([text]);
  });

  it('wraps at word boundaries and indents the continuation lines', () => {
    expect(wrapText('one two three four five', 9, 2)).toEqual(['one two', '  three', '  four', '  five']);
  });

  it('keeps a word longer than the line whole', () => {
    expect(wrapText('a supercalifragilistic b', 5)).toEqual(['a', 'supercalifragilistic', 'b']);
  });
});
