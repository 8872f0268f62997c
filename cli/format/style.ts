import { stripVTControlCharacters } from 'node:util';
import type { Fate } from '../../machines';
import { FATE_SYMBOL, fateTone } from '../../machines';
import { streams } from '../streams';

/** Colour and symbols when writing to a terminal; plain otherwise (or with NO_COLOR / --no-color). */
export interface Style {
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  /** A fate with its symbol and colour (`✕ crashed` in red), or the bare name when plain. */
  fate(f: Fate): string;
  /** The mark before a failed expectation: a red `✕`, or `FAIL` when plain (logs are searched for it). */
  readonly fail: string;
}

// Green: the core's good fates. Red: the app was punished or blocked (a strike, or THROTTLE-1).
// Yellow: everything else — the push did not do what the caller meant, with no penalty (machines/fates.ts).

export function makeStyle(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  const style: Style = {
    color,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    fail: color ? '\u001b[31m✕\u001b[39m' : 'FAIL',
    fate: (f) => {
      if (!color) return f;
      const text = `${FATE_SYMBOL[f]} ${f}`;
      const tone = fateTone(f);
      return tone === 'good' ? style.green(text) : tone === 'bad' ? style.red(text) : style.yellow(text);
    },
  };
  return style;
}

/** The parts of the environment that decide colour; passed in so the decision is testable. */
export interface ColorEnv {
  readonly isTTY?: boolean;
  readonly NO_COLOR?: string;
  readonly FORCE_COLOR?: string;
}

/**
 * Colour when `--no-color` was not given, `NO_COLOR` is unset or empty (no-color.org), and stdout is a
 * terminal; `FORCE_COLOR` (non-empty, not `0`) turns it on without a terminal.
 */
export function useColor(option: boolean | undefined, env: ColorEnv = currentColorEnv()): boolean {
  if (option === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return Boolean(env.isTTY);
}

export const currentColorEnv = (): ColorEnv => {
  const { stdout, env } = streams();
  return { isTTY: stdout.isTTY, NO_COLOR: env.NO_COLOR, FORCE_COLOR: env.FORCE_COLOR };
};

/** Width to wrap prose to: the terminal's, or none (0) when stdout is not a terminal, so logs stay one line. */
export const terminalWidth = (): number => {
  const { stdout } = streams();
  return stdout.isTTY ? (stdout.columns ?? 0) : 0;
};

/** Length as seen on screen: escape codes take no room. */
export const visibleLength = (s: string): number => [...stripVTControlCharacters(s)].length;

/** Pads columns to a table; widths from the longest visible cell. The last column is not padded. */
export function table(rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell) + gap)))
      .join('')
      .trimEnd(),
  );
}

/**
 * Wraps plain text to `width` columns, continuing lines with `indent` spaces. Width 0 means no wrapping.
 * Words longer than a line are left whole.
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  if (width <= 0 || visibleLength(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const room = width - (lines.length ? indent : 0);
    if (line && visibleLength(line) + 1 + visibleLength(word) > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i ? ' '.repeat(indent) + l : l));
}
