/**
 * Simulated time: milliseconds from the scenario's zero, on the virtual clock.
 * A branded number so that wall-clock values cannot be mixed in by accident.
 */
export type SimTime = number & { readonly __simTime: true };

/** A span of simulated time; `from <= to` always holds (see {@link span}). */
export interface TimeSpan {
  readonly from: SimTime;
  readonly to: SimTime;
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

export const Time = {
  ZERO: 0 as SimTime,
  ms: (n: number): SimTime => n as SimTime,
  seconds: (n: number): SimTime => (n * 1_000) as SimTime,
  add: (t: SimTime, d: number): SimTime => (t + d) as SimTime,
  diff: (a: SimTime, b: SimTime): number => a - b,
  min: (a: SimTime, b: SimTime): SimTime => (a < b ? a : b),
  max: (a: SimTime, b: SimTime): SimTime => (a > b ? a : b),
} as const;

/** Builds a span; throws when `to` is before `from`, which would be an engine bug. */
export function span(from: SimTime, to: SimTime): TimeSpan {
  if (to < from) throw new RangeError(`span ends (${to}) before it starts (${from})`);
  return { from, to };
}

const DURATION_RE = /^\s*(-)?((?:\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)\s*)+)$/;
const PART_RE = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g;

/**
 * Parses a scenario duration: a number is milliseconds; a string is one or more
 * `<number><unit>` parts with units ms, s, m, h, d (`"250ms"`, `"5s"`, `"24h5m"`, `"-30s"`).
 * Returns `undefined` when the text is not a duration.
 */
export function parseDuration(value: number | string): SimTime | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Time.ms(value) : undefined;
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Time.ms(Number(trimmed));
  const match = DURATION_RE.exec(trimmed);
  if (!match) return undefined;
  let total = 0;
  for (const part of (match[2] ?? '').matchAll(PART_RE)) {
    total += Number(part[1]) * UNIT_MS[part[2] as Unit];
  }
  return Time.ms(match[1] ? -total : total);
}

/**
 * Formats a time for people: `0 s`, `250 ms`, `27 s`, `2 min 40 s`, `1 h 5 min`, `1 d 2 h`.
 * Exact to the millisecond below one minute.
 */
export function formatTime(t: number): string {
  const sign = t < 0 ? '−' : '';
  const a = Math.abs(t);
  if (a === 0) return '0 s';
  if (a < 1_000) return `${sign}${a} ms`;
  if (a < 60_000) return `${sign}${trimNumber(a / 1_000)} s`;
  if (a < 3_600_000) {
    const m = Math.floor(a / 60_000);
    const s = trimNumber((a - m * 60_000) / 1_000);
    return s === '0' ? `${sign}${m} min` : `${sign}${m} min ${s} s`;
  }
  if (a < 86_400_000) {
    const h = Math.floor(a / 3_600_000);
    const m = Math.floor((a - h * 3_600_000) / 60_000);
    const s = trimNumber((a - h * 3_600_000 - m * 60_000) / 1_000);
    return `${sign}${h} h${m ? ` ${m} min` : ''}${s !== '0' ? ` ${s} s` : ''}`;
  }
  const d = Math.floor(a / 86_400_000);
  const h = Math.round((a - d * 86_400_000) / 3_600_000);
  return h === 0 ? `${sign}${d} d` : `${sign}${d} d ${h} h`;
}

/** A rolling window in words: whole hours as hours (`24 h`, not `1 d`), anything else as `formatTime`. */
export function formatWindow(t: number): string {
  return t > 0 && t % 3_600_000 === 0 ? `${t / 3_600_000} h` : formatTime(t);
}

/** Formats a duration the way scenario files write it (`"5s"`, `"2m"`, `"250ms"`, `"1h30m"`). */
export function toDurationString(t: number): string {
  if (t === 0) return '0s';
  const sign = t < 0 ? '-' : '';
  let rest = Math.abs(t);
  const parts: string[] = [];
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      const n = Math.floor(rest / size);
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  if (rest > 0) parts.push(`${trimNumber(rest)}ms`);
  return sign + parts.join('');
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
