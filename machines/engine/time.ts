/**
 * Simulated time: milliseconds from the scenario's zero, on the virtual clock.
 * A branded number so that wall-clock values cannot be mixed in by accident.
 */
export type SimTime = number & { readonly __simTime: true };

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

export const Time = {
  ZERO: 0 as SimTime,
  ms: (n: number): SimTime => n as SimTime,
  seconds: (n: number): SimTime => (n * 1_000) as SimTime,
} as const;

const DURATION_RE = /^(-)?((?:\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)\s*)+)$/;
const PART_RE = /(\d+)(?:\.(\d+))?\s*(ms|s|m|h|d)/g;
/** More digits than any time a scenario may hold (30 days is 2,592,000,000 ms: 10 digits). */
const MAX_DIGITS = 16;

/**
 * What a duration in a scenario reads as: whole milliseconds, or why not. `syntax`: not a duration;
 * `fraction`: finer than a millisecond (`"0.5ms"`, `12.5`), which the engine cannot hold (its times are
 * integers, so that `(s + w) − w` is always `s`); `range`: too many digits to be a time at all.
 */
export type DurationReading =
  { readonly ok: true; readonly ms: SimTime } | { readonly ok: false; readonly why: 'syntax' | 'fraction' | 'range' };

/**
 * Reads a scenario duration exactly: a number is milliseconds; a string is one or more
 * `<number><unit>` parts with units ms, s, m, h, d (`"250ms"`, `"5s"`, `"24h5m"`, `"-30s"`).
 * Decimals are read as decimals, not as floating point: `"10.3s"` is exactly 10300 ms.
 */
export function readDuration(value: number | string): DurationReading {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, why: 'range' };
    if (!Number.isInteger(value)) return { ok: false, why: 'fraction' };
    return { ok: true, ms: Time.ms(value + 0) }; // + 0: -0 is 0
  }
  const trimmed = value.trim();
  const bare = /^(-?)(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (bare) return total(bare[1] === '-', [[bare[2]!, bare[3] ?? '', 1]]);
  const match = DURATION_RE.exec(trimmed);
  if (!match) return { ok: false, why: 'syntax' };
  const parts: [string, string, number][] = [];
  for (const part of (match[2] ?? '').matchAll(PART_RE))
    parts.push([part[1]!, part[2] ?? '', UNIT_MS[part[3] as Unit]]);
  return total(match[1] === '-', parts);
}

/** Sums `whole.fraction × unit` parts in integers; a remainder below 1 ms is a `fraction`. */
function total(negative: boolean, parts: readonly (readonly [string, string, number])[]): DurationReading {
  let sum = 0n;
  for (const [whole, fraction, unit] of parts) {
    const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
    if (digits.length > MAX_DIGITS + fraction.length) return { ok: false, why: 'range' };
    const scaled = BigInt(digits) * BigInt(unit);
    const divisor = 10n ** BigInt(fraction.length);
    if (scaled % divisor !== 0n) return { ok: false, why: 'fraction' };
    sum += scaled / divisor;
  }
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, why: 'range' };
  const ms = Number(sum);
  return { ok: true, ms: Time.ms(negative && ms !== 0 ? -ms : ms) };
}

/**
 * Parses a scenario duration (see {@link readDuration}) into whole milliseconds. Returns `undefined`
 * when the text is not a duration, or not one in whole milliseconds.
 */
export function parseDuration(value: number | string): SimTime | undefined {
  const read = readDuration(value);
  return read.ok ? read.ms : undefined;
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
