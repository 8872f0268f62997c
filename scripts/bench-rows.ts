/**
 * The rows of issue #25's table, as `npm run bench` measures them: each bench script prints its rows as it
 * goes and appends them to one file, and `bench-table.ts` prints the whole table at the end with the
 * machine's load. A row says its figure, its target (a ratio to a floor measured in the same run where the
 * target is one) and whether it is met. Timing never fails a build: the table is read, not asserted.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

/** One row of the table. */
export interface Row {
  readonly measure: string;
  readonly figure: string;
  readonly target: string;
  readonly ok: boolean;
  /** Where the row's time goes, measured in the same run (a profile by kind of work). */
  readonly profile?: string;
  /** What would close the gap to the target: the concrete change, with this run's figure for its worth. */
  readonly closes?: string;
}

const FILE = 'dist/bench/rows.jsonl';

/** Starts a new table (the first bench of `npm run bench` calls it). */
export function newTable(): void {
  rmSync(FILE, { force: true });
}

/** Prints `row` and keeps it for the table. */
export function row(r: Row): void {
  console.log(`${r.ok ? 'ok  ' : 'MISS'}  ${r.measure}: ${r.figure}  (target ${r.target})`);
  mkdirSync('dist/bench', { recursive: true });
  appendFileSync(FILE, `${JSON.stringify(r)}\n`);
}

/** The rows kept so far, in the order measured. */
export function rows(): Row[] {
  let text: string;
  try {
    text = readFileSync(FILE, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
}

/**
 * What the table adds under itself for each row that misses its target (issue #25: the bench names,
 * with a profile, which rows miss and what would close them): its figure, its profile and what would
 * close it, each wrapped to `width` columns.
 */
export function missedLines(all: readonly Row[], width = 110): string[] {
  const out: string[] = [];
  for (const r of all.filter((x) => !x.ok)) {
    out.push(`MISS  ${r.measure}: ${r.figure}  (target ${r.target})`);
    if (r.profile) out.push(...wrap(`profile: ${r.profile}`, width, '      '));
    if (r.closes) out.push(...wrap(`what would close it: ${r.closes}`, width, '      '));
  }
  return out;
}

/** `text` in lines of at most `width` columns (a longer word gets a line of its own), each after `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** `x.x×`, for ratios. */
export const times = (n: number): string => `${n.toFixed(2)}×`;

/** The median and p95 of `samples` (sorted in place). */
export function quantiles(samples: number[]): { median: number; p95: number } {
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)] ?? NaN,
    p95: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))] ?? NaN,
  };
}
