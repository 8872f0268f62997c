/**
 * The streaming log reader: text chunks in, observations out. It holds one partial line and one entry
 * at a time, so memory does not grow with the file; unrecognised lines are counted and a few are kept
 * as a sample, never fatal. A file that is not text (NULs, many invalid UTF-8 sequences) or has no
 * timestamped line in its first 64 KB is refused early with a {@link LogReadError}.
 */
import { parseHead } from './header';
import { LOG_PATTERNS, type LogPattern } from './patterns';
import { MAX_TEXT, type LogStats, type Observation, type UnrecognisedLine } from './types';

/** Why a file cannot be read as a device log. */
export class LogReadError extends Error {
  constructor(
    readonly reason: 'binary' | 'not-a-log',
    message: string,
  ) {
    super(message);
    this.name = 'LogReadError';
  }
}

const DAY = 86_400_000;
/** How much of the start of a file is checked for binary content and for log lines. */
export const PROBE_CHARS = 64 * 1024;
/** The share of U+FFFD (what a decoder makes of invalid UTF-8) above which a file is binary. */
const MAX_BAD_RATIO = 0.02;
/** Longest line kept; longer ones are cut (a minified or binary blob must not hold the whole file). */
const MAX_LINE = 64 * 1024;
/** Longest entry kept (a timestamped line and its continuation lines). */
const MAX_ENTRY = 16 * 1024;
const SAMPLE = 20;

interface Entry {
  line: number;
  t: number;
  process: string;
  message: string;
}

/**
 * A copy of a short string that does not point into the chunk it was cut from: V8 keeps a sliced
 * string's parent alive, so a kept observation would otherwise hold its whole (~1 MB) chunk and memory
 * would grow with the file.
 */
const own = (s: string): string => JSON.parse(JSON.stringify(s)) as string;
const clip = (s: string): string => own(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** Reads a log chunk by chunk. Call {@link push} for each chunk, then {@link end} once. */
export class LogReader {
  readonly stats: LogStats = {
    chars: 0,
    lines: 0,
    entries: 0,
    recognised: 0,
    unrecognised: 0,
    headerless: 0,
    overlong: 0,
    malformed: 0,
  };
  /** The first few unrecognised entries, for a preview. */
  readonly unrecognisedSample: UnrecognisedLine[] = [];
  private partial = '';
  private entry: Entry | undefined;
  private dayShift = 0;
  private lastUndated: number | undefined;
  private probed = 0;
  private nul = 0;
  private bad = 0;
  private checked = false;

  /** Reads a chunk of text; returns the observations of the entries it completed. */
  push(chunk: string): Observation[] {
    this.probe(chunk);
    this.stats.chars += chunk.length;
    const out: Observation[] = [];
    let text = this.partial + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text.slice(start, nl), out);
      start = nl + 1;
    }
    text = text.slice(start);
    if (text.length > MAX_LINE) {
      this.stats.overlong++;
      this.line(text.slice(0, MAX_LINE), out);
      text = '';
    }
    this.partial = text;
    if (this.probed >= PROBE_CHARS) this.verdict(false);
    return out;
  }

  /** Ends the stream: reads the last line (a truncated file may lack its newline). */
  end(): Observation[] {
    const out: Observation[] = [];
    if (this.partial.length > 0) this.line(this.partial, out);
    this.partial = '';
    this.finish(out);
    this.verdict(true);
    const [damaged] = this.unrecognisedSample;
    if (this.stats.entries === 0 && this.stats.malformed > 0 && damaged)
      throw new LogReadError(
        'not-a-log',
        `no readable timestamps: ${this.stats.malformed} line${this.stats.malformed === 1 ? ' has' : 's have'} a log line's shape but an impossible date or time (line ${damaged.line}: ${damaged.text.slice(0, 60)})`,
      );
    if (this.stats.entries === 0)
      throw new LogReadError(
        'not-a-log',
        this.stats.lines === 0
          ? 'the log is empty'
          : 'no timestamped log lines: expected `log show` output (2025-10-23 16:00:39.916170+1100 …) or a Console export',
      );
    return out;
  }

  private probe(chunk: string): void {
    if (this.checked) return;
    const n = Math.min(chunk.length, PROBE_CHARS - this.probed);
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0) this.nul++;
      else if (c === 0xfffd) this.bad++;
    }
    this.probed += n;
    if (this.probed >= PROBE_CHARS) this.refuseBinary();
  }

  private refuseBinary(): void {
    if (this.nul > 0) throw new LogReadError('binary', 'this is a binary file (it contains NUL bytes), not a text log');
    if (this.probed > 0 && this.bad / this.probed > MAX_BAD_RATIO)
      throw new LogReadError('binary', 'this is not UTF-8 text (many invalid byte sequences): not a text log');
  }

  /** Refuses binary content; at the end of the probe window (or of a short file), a file with no log lines. */
  private verdict(atEnd: boolean): void {
    if (this.checked) return;
    this.refuseBinary();
    if (!atEnd && this.stats.entries === 0 && this.entry === undefined && this.stats.lines > 0)
      throw new LogReadError(
        'not-a-log',
        `no timestamped log lines in the first ${PROBE_CHARS / 1024} KB: expected \`log show\` output or a Console export`,
      );
    this.checked = true;
  }

  private line(raw: string, out: Observation[]): void {
    this.stats.lines++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const head = text.length > 0 ? parseHead(text) : undefined;
    if (!head) {
      if (this.entry) {
        if (text.trim().length > 0 && this.entry.message.length < MAX_ENTRY)
          this.entry.message += `\n${text.length > MAX_ENTRY ? text.slice(0, MAX_ENTRY) : text}`;
      } else if (text.length > 0) this.stats.headerless++;
      return;
    }
    this.finish(out);
    if (head.malformed) {
      // Its own unrecognised line; its continuation lines, if any, belong to no entry.
      this.stats.malformed++;
      this.stats.unrecognised++;
      if (this.unrecognisedSample.length < SAMPLE)
        this.unrecognisedSample.push({ line: this.stats.lines, text: clip(`impossible timestamp: ${text}`) });
      return;
    }
    let t = head.t;
    if (!head.dated) {
      // Time-only lines: a jump back of more than 12 h is the next day.
      if (this.lastUndated !== undefined && t + this.dayShift < this.lastUndated - DAY / 2) this.dayShift += DAY;
      t += this.dayShift;
      this.lastUndated = t;
    }
    this.entry = { line: this.stats.lines, t, process: head.process, message: head.message };
  }

  private finish(out: Observation[]): void {
    const e = this.entry;
    if (!e) return;
    this.entry = undefined;
    this.stats.entries++;
    this.stats.firstT ??= e.t;
    this.stats.lastT = e.t;
    const hit = match(e.message);
    if (!hit) {
      this.stats.unrecognised++;
      if (this.unrecognisedSample.length < SAMPLE)
        this.unrecognisedSample.push({ line: e.line, text: clip(`${e.process} ${e.message}`) });
      return;
    }
    this.stats.recognised++;
    const { pattern, value } = hit;
    out.push({
      line: e.line,
      t: e.t,
      process: own(e.process),
      pattern: pattern.id,
      rule: pattern.rule,
      kind: pattern.kind,
      ...(value === undefined ? {} : { value }),
      text: clip(e.message),
    });
  }
}

function match(message: string): { pattern: LogPattern; value?: string | number | boolean } | undefined {
  for (const pattern of LOG_PATTERNS) {
    if (!message.includes(pattern.needle)) continue;
    if (!pattern.read) return { pattern };
    const value = pattern.read(message);
    if (value !== undefined) return { pattern, value };
  }
  return undefined;
}

/** Reads a whole log held in memory (tests, a paste); a file should be streamed through {@link LogReader}. */
export function readLog(text: string): {
  observations: Observation[];
  stats: LogStats;
  unrecognised: UnrecognisedLine[];
} {
  const reader = new LogReader();
  const observations = [...reader.push(text), ...reader.end()];
  return { observations, stats: reader.stats, unrecognised: reader.unrecognisedSample };
}
