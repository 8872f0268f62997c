/**
 * What the log reader yields. An observation is one recognised log entry: when it happened on the log's
 * own clock, which pattern recognised it, the rule it evidences and what it says.
 */

/** What a recognised entry says happened. `context` entries are evidence only: they become no event. */
export type ObservationKind =
  | 'network'
  | 'screen-off'
  | 'locked'
  | 'power'
  | 'wake'
  | 'push-arrived'
  | 'app-launched'
  | 'payload-delivered'
  | 'set-configuration'
  | 'report'
  | 'crash'
  | 'kill'
  | 'throttled'
  | 'null-session'
  | 'audio-activated'
  | 'call-foreground'
  | 'apsd-lost'
  | 'context';

/** One recognised entry. */
export interface Observation {
  /** 1-based line number where the entry starts. */
  readonly line: number;
  /** Milliseconds on the log's clock: UTC when the line carries an offset, the local clock otherwise. */
  readonly t: number;
  readonly process: string;
  /** The id of the pattern that recognised it (see `LOG_PATTERNS`). */
  readonly pattern: string;
  /** The rule it evidences (RULES.md). */
  readonly rule: string;
  readonly kind: ObservationKind;
  /** What the entry carries, by kind: a network, a policy, a wake cause, `true`/`false` for locked. */
  readonly value?: string | number | boolean;
  /** The entry's message, at most {@link MAX_TEXT} characters. */
  readonly text: string;
}

/** A line the reader kept as an example of what it did not recognise. */
export interface UnrecognisedLine {
  readonly line: number;
  readonly text: string;
}

/** Counts over everything read so far; memory for these does not grow with the file. */
export interface LogStats {
  /** Characters read. */
  chars: number;
  lines: number;
  /** Entries: a timestamped line and its continuation lines. */
  entries: number;
  recognised: number;
  unrecognised: number;
  /** Lines that belong to no entry: before the first timestamped line, or continuing a malformed one. */
  headerless: number;
  /** The first and last entry times on the log's clock (undefined until an entry has been read). */
  firstT?: number;
  lastT?: number;
  /** Lines longer than the reader keeps; their tail was dropped. */
  overlong: number;
  /**
   * Lines shaped like a log line whose date or time is impossible (month 13, 25:61): counted among the
   * unrecognised, their time never used (a damaged line must not move the log's first line or a push).
   */
  malformed: number;
}

/** Longest message text kept on an observation or a sample line. */
export const MAX_TEXT = 300;
