/**
 * The timestamp and process at the start of a log line, in the formats people paste:
 * - `log show` (default, `--style syslog`, `--style compact`) and Xcode's console:
 *   `2025-10-23 16:00:39.916170+1100 callservicesd: …`, with or without the `+hhmm` offset;
 * - a Console.app copy: `default<TAB>12:04:21.207326 +0530<TAB>callservicesd<TAB>…`;
 * - a time-only excerpt as quoted in forum posts: `17:48:41.248  powerd  Sending …`.
 * Pure arithmetic: no Date (the core has no wall clock).
 */

/** A parsed line start. `t` is milliseconds on the log's clock; `dated` says whether a date was present. */
export interface LineHead {
  readonly t: number;
  readonly dated: boolean;
  readonly process: string;
  readonly message: string;
  /**
   * The line has a timestamp's shape but an impossible date or time (month 13, 25:61): a damaged or
   * hand-edited line. Its `t` means nothing; the reader counts it and never reads it as a time.
   */
  readonly malformed?: true;
}

const DAY = 86_400_000;

const CONSOLE =
  /^(?:default|info|debug|error|fault|notice|activity)\t(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ?([+-])(\d{2}):?(\d{2}))?\t([^\t]*)\t(.*)$/s;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})\.(\d{1,9})\s+([\w.-]+)\s+(.*)$/s;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const fraction = (digits: string | undefined): number => (digits ? Number(`0.${digits}`) * 1000 : 0);

/** Hours, minutes, seconds (a leap second allowed) and an offset's hours and minutes within range. */
const validTime = (h: number, mi: number, s: number, oh = 0, om = 0): boolean =>
  h <= 23 && mi <= 59 && s <= 60 && oh <= 23 && om <= 59;

/** A head read from a line whose fields are out of range: kept apart, never a time. */
const broken = (head: Omit<LineHead, 'malformed'>, valid: boolean): LineHead =>
  valid ? head : { ...head, malformed: true };

function clock(h: string, mi: string, s: string, frac: string | undefined): number {
  return Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000 + fraction(frac);
}

const offsetMs = (sign: string | undefined, hh: string | undefined, mm: string | undefined): number =>
  sign ? (sign === '-' ? -1 : 1) * (Number(hh) * 3_600_000 + Number(mm) * 60_000) : 0;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 9;
/** `n` digits at `i` as a number, or -1. */
function digits(line: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = line.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}

/** The next whitespace-separated token's end. */
function tokenEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && !isSpace(s.charCodeAt(j))) j++;
  return j;
}
function skipSpace(s: string, i: number): number {
  let j = i;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  return j;
}

const COMPACT_TYPES = new Set(['Df', 'Db', 'Er', 'Fa', 'Ft', 'I', 'E', 'A']);

/**
 * The process and message after the time. Index arithmetic rather than a RegExp with captures: this
 * runs on every line of a file that may be hundreds of MB.
 */
function splitProcess(rest: string, from: number): { process: string; message: string } {
  let i = skipSpace(rest, from);
  // `log show`'s default columns: thread (0x…), type, activity (0x…), pid, ttl.
  if (rest.startsWith('0x', i)) {
    const save = i;
    let ok = true;
    for (let k = 0; k < 5 && ok; k++) {
      const end = tokenEnd(rest, i);
      ok = end > i && (k !== 2 || rest.startsWith('0x', i));
      i = skipSpace(rest, end);
    }
    if (!ok) i = save;
  }
  let end = tokenEnd(rest, i);
  const first = rest.slice(i, end);
  if (first === 'localhost' || COMPACT_TYPES.has(first)) {
    i = skipSpace(rest, end);
    end = tokenEnd(rest, i);
  }
  let name = rest.slice(i, end);
  if (name.endsWith(':')) name = name.slice(0, -1);
  const bracket = name.indexOf('[');
  if (bracket > 0 && name.endsWith(']')) name = name.slice(0, bracket);
  return { process: name, message: rest.slice(skipSpace(rest, end)) };
}

/** A `log show` line: `YYYY-MM-DD HH:MM:SS[.ffffff][ ][±hh[:]mm] …`, or undefined. */
function parseDated(line: string): LineHead | undefined {
  const y = digits(line, 0, 4);
  const mo = digits(line, 5, 2);
  const d = digits(line, 8, 2);
  const h = digits(line, 11, 2);
  const mi = digits(line, 14, 2);
  const s = digits(line, 17, 2);
  const sep = line.charCodeAt(10);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || (sep !== 32 && sep !== 84)) return undefined;
  if (line.charCodeAt(7) !== 45 || line.charCodeAt(13) !== 58 || line.charCodeAt(16) !== 58) return undefined;
  let i = 19;
  let ms = 0;
  if (line.charCodeAt(i) === 46 /* . */) {
    let j = i + 1;
    while (j < line.length && j - i <= 9 && isDigit(line.charCodeAt(j))) j++;
    ms = fraction(line.slice(i + 1, j));
    i = j;
  }
  let offset = 0;
  let offsetValid = true;
  const o = line.charCodeAt(i) === 32 && (line.charCodeAt(i + 1) === 43 || line.charCodeAt(i + 1) === 45) ? i + 1 : i;
  const sign = line.charCodeAt(o);
  if (sign === 43 || sign === 45) {
    const oh = digits(line, o + 1, 2);
    const colon = line.charCodeAt(o + 3) === 58 ? 1 : 0;
    const om = digits(line, o + 3 + colon, 2);
    if (oh >= 0 && om >= 0) {
      offsetValid = validTime(0, 0, 0, oh, om);
      offset = (sign === 45 ? -1 : 1) * (oh * 3_600_000 + om * 60_000);
      i = o + 5 + colon;
    }
  }
  if (!isSpace(line.charCodeAt(i))) return undefined;
  const t = daysFromCivil(y, mo, d) * DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - offset;
  const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && validTime(h, mi, s) && offsetValid;
  return broken({ t, dated: true, ...splitProcess(line, i) }, valid);
}

/** Parses a line's start, or undefined when the line has no timestamp (a continuation line). */
export function parseHead(line: string): LineHead | undefined {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (line.charCodeAt(4) === 45 /* - */) return parseDated(line);
    const m = TIME_ONLY.exec(line);
    if (!m) return undefined;
    const [, h, mi, s, frac, process, message] = m;
    return broken(
      { t: clock(h ?? '', mi ?? '', s ?? '', frac), dated: false, process: process ?? '', message: message ?? '' },
      validTime(Number(h), Number(mi), Number(s)),
    );
  }
  if (c >= 97 && c <= 122) {
    const m = CONSOLE.exec(line);
    if (!m) return undefined;
    const [, h, mi, s, frac, sign, oh, om, process, message] = m;
    return broken(
      {
        t: clock(h ?? '', mi ?? '', s ?? '', frac) - offsetMs(sign, oh, om),
        dated: false,
        process: process ?? '',
        message: message ?? '',
      },
      validTime(Number(h), Number(mi), Number(s), Number(oh ?? 0), Number(om ?? 0)),
    );
  }
  return undefined;
}
