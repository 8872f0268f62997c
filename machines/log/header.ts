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
}

const DAY = 86_400_000;

const FULL =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ?([+-])(\d{2}):?(\d{2}))?\s+(.*)$/s;
const CONSOLE =
  /^(?:default|info|debug|error|fault|notice|activity)\t(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ?([+-])(\d{2}):?(\d{2}))?\t([^\t]*)\t(.*)$/s;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})\.(\d{1,9})\s+([\w.-]+)\s+(.*)$/s;
/** `log show`'s default columns after the time: thread, type, activity, pid, ttl. */
const SHOW_COLUMNS = /^0x[0-9a-f]+\s+\w+\s+0x[0-9a-f]+\s+\d+\s+\d+\s+/;
/** The process, with an optional `[pid]` / `[pid:tid]`, after an optional host or compact type column. */
const PROCESS = /^(?:localhost\s+)?(?:(?:Df|Db|Er|Fa|Ft|I|E|A)\s+)?(<[^>\s]+>|[\w.-]+)(?:\[[0-9a-fx:]+\])?:?\s+(.*)$/s;

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

function clock(h: string, mi: string, s: string, frac: string | undefined): number {
  return Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000 + fraction(frac);
}

const offsetMs = (sign: string | undefined, hh: string | undefined, mm: string | undefined): number =>
  sign ? (sign === '-' ? -1 : 1) * (Number(hh) * 3_600_000 + Number(mm) * 60_000) : 0;

function splitProcess(rest: string): { process: string; message: string } {
  const body = rest.replace(SHOW_COLUMNS, '');
  const m = PROCESS.exec(body);
  return m ? { process: m[1] ?? '', message: m[2] ?? '' } : { process: '', message: body };
}

/** Parses a line's start, or undefined when the line has no timestamp (a continuation line). */
export function parseHead(line: string): LineHead | undefined {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (line.charCodeAt(4) === 45 /* - */) {
      const m = FULL.exec(line);
      if (!m) return undefined;
      const [, y, mo, d, h, mi, s, frac, sign, oh, om, rest] = m;
      const t =
        daysFromCivil(Number(y), Number(mo), Number(d)) * DAY +
        clock(h ?? '', mi ?? '', s ?? '', frac) -
        offsetMs(sign, oh, om);
      return { t, dated: true, ...splitProcess(rest ?? '') };
    }
    const m = TIME_ONLY.exec(line);
    if (!m) return undefined;
    const [, h, mi, s, frac, process, message] = m;
    return { t: clock(h ?? '', mi ?? '', s ?? '', frac), dated: false, process: process ?? '', message: message ?? '' };
  }
  if (c >= 97 && c <= 122) {
    const m = CONSOLE.exec(line);
    if (!m) return undefined;
    const [, h, mi, s, frac, sign, oh, om, process, message] = m;
    return {
      t: clock(h ?? '', mi ?? '', s ?? '', frac) - offsetMs(sign, oh, om),
      dated: false,
      process: process ?? '',
      message: message ?? '',
    };
  }
  return undefined;
}
