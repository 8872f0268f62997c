import type { Fate } from '../machines';

/** Colour and symbols when writing to a terminal; plain otherwise (or with NO_COLOR / --no-color). */
export interface Style {
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  fate(f: Fate): string;
}

const FATE_SYMBOL: Record<Fate, string> = {
  rang: '✓',
  'in-app': '▣',
  stale: '⚠',
  duplicate: '≡',
  exempt: '○',
  missed: '☏',
  crashed: '✕',
  killed: '☠',
  throttled: '⊘',
  expired: '⌛',
  superseded: '⤳',
  undelivered: '…',
  delivered: '✓',
  ignored: '∅',
};
const BAD = new Set<Fate>(['crashed', 'killed', 'throttled']);
const WARN = new Set<Fate>(['stale', 'expired', 'superseded', 'undelivered', 'ignored']);

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
    fate: (f) => {
      if (!color) return f;
      const text = `${FATE_SYMBOL[f]} ${f}`;
      return BAD.has(f) ? style.red(text) : WARN.has(f) ? style.yellow(text) : style.green(text);
    },
  };
  return style;
}

export function useColor(option: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (option === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean(stream.isTTY);
}

/** Pads columns to a table; widths from the longest visible cell. */
export function table(rows: readonly (readonly string[])[], gap = 2): string[] {
  // eslint-disable-next-line no-control-regex
  const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell) + gap)))
      .join('')
      .trimEnd(),
  );
}
