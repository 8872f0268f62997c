import {
  LogImporter,
  LogReadError,
  formatErrors,
  parseHead,
  parseScenarioText,
  type ImportedLine,
  type LogStats,
  type Observation,
  type ScenarioFile,
  type UnrecognisedLine,
} from '../../../machines';

/**
 * The biggest log the page imports. The core streams any size, but at ~50 MB/s a larger file keeps the
 * user waiting for long; it is refused at once with a way out (cut the log to the incident's minutes).
 */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** How much is decoded and read at a time (and how often progress is told). */
const CHUNK_BYTES = 1024 * 1024;
/** The most recognised lines a preview lists; the rest are counted. */
const MAX_PREVIEW_LINES = 2_000;
/** The longest message a preview row shows. */
const SHORT = 140;

/** One recognised line as the preview lists it. */
export interface PreviewLine {
  readonly line: number;
  /** Milliseconds from the log's first entry: the imported scenario's time. */
  readonly at: number;
  readonly process: string;
  /** The message, shortened to one line. */
  readonly text: string;
  /** What the import made of it. */
  readonly became: string;
  readonly rule: string;
  readonly pattern: string;
}

/** What the preview shows and what Open as scenario opens. Plain data: it crosses from the worker. */
export interface LogPreview {
  readonly name: string;
  readonly scenario: ScenarioFile;
  /** The first {@link MAX_PREVIEW_LINES} recognised lines. */
  readonly lines: readonly PreviewLine[];
  readonly stats: LogStats;
  readonly unrecognised: readonly UnrecognisedLine[];
  readonly inferred: readonly string[];
  /** Per push id, the recognised lines that speak of it (the Reality vs model panel's log side). */
  readonly evidence: Readonly<Record<string, readonly PreviewLine[]>>;
  /** Why the imported scenario cannot be opened as it is (a core limit), if it cannot. */
  readonly errors: readonly string[];
}

/** The worker's messages: progress while reading, then the preview or the reason there is none. */
export type LogAnswer =
  | { kind: 'progress'; read: number; total: number }
  | { kind: 'done'; preview: LogPreview }
  | { kind: 'failed'; message: string };

/** What is imported: a file (streamed) or pasted text. */
export interface LogRequest {
  readonly source: Blob | string;
  readonly name: string;
}

/**
 * Pasted text that is a device log: one of its first lines starts like a `log show` or Console line.
 * Other pasted text (a sentence, a path) is not taken for a log and is left to the page.
 */
export function looksLikeLog(text: string): boolean {
  let start = 0;
  for (let n = 0; n < 50 && start < text.length; n++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
    if (parseHead(line)) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

/** A file's first bytes that open like JSON: a scenario file, not a log. */
export const JSON_START = /^\uFEFF?\s*[{[]/;

const bytes = (n: number) =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(1)} GB`
    : n >= 1024 ** 2
      ? `${Math.round(n / 1024 ** 2)} MB`
      : `${Math.ceil(n / 1024)} KB`;

const short = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > SHORT ? `${one.slice(0, SHORT - 1)}…` : one;
};

/** The push ids a "became" sentence names (`call-1`, `earlier-2`), whole words only. */
export function pushesNamed(became: string, ids: readonly string[]): string[] {
  return ids.filter((id) => new RegExp(`(^|[^\\w-])${id.replace(/[-]/g, '\\-')}($|[^\\w-])`).test(became));
}

/**
 * Reads a log through the core's streaming importer, a chunk at a time, telling progress; the import's
 * preview comes back, or a LogReadError-like message naming the problem. Memory holds one chunk and the
 * recognised lines, never the file.
 */
export async function importLogSource(
  request: LogRequest,
  onProgress: (read: number, total: number) => void = () => undefined,
): Promise<LogPreview> {
  const { source, name } = request;
  const total = typeof source === 'string' ? source.length : source.size;
  if (typeof source !== 'string' && total > MAX_LOG_BYTES)
    throw new LogReadError(
      'not-a-log',
      `the file is ${bytes(total)}; the largest log Ringside imports is ${bytes(MAX_LOG_BYTES)}: cut it to the minutes around the incident (log show --start … --end …)`,
    );
  const title = name === 'pasted text' ? 'Imported device log' : `Imported: ${name}`;
  const importer = new LogImporter({ title });
  if (typeof source === 'string') {
    for (let at = 0; at < total; at += CHUNK_BYTES) {
      importer.push(source.slice(at, at + CHUNK_BYTES));
      onProgress(Math.min(at + CHUNK_BYTES, total), total);
    }
  } else {
    // Not fatal: invalid UTF-8 becomes U+FFFD, which the reader counts to refuse a binary file early.
    const decoder = new TextDecoder('utf-8');
    for (let at = 0; at < total; at += CHUNK_BYTES) {
      const chunk = new Uint8Array(await source.slice(at, at + CHUNK_BYTES).arrayBuffer());
      importer.push(decoder.decode(chunk, { stream: true }));
      onProgress(Math.min(at + CHUNK_BYTES, total), total);
    }
    importer.push(decoder.decode());
  }
  const imported = importer.end();
  // Read after end(): the last entry is completed there.
  return previewOf(name, imported, importer.kept);
}

function previewOf(
  name: string,
  imported: ReturnType<LogImporter['end']>,
  observations: readonly Observation[],
): LogPreview {
  const t0 = imported.stats.firstT ?? 0;
  const byLine = new Map(observations.map((o) => [o.line, o]));
  const all = imported.lines.map((l: ImportedLine): PreviewLine => {
    const o = byLine.get(l.line);
    return {
      line: l.line,
      at: o ? Math.round(o.t - t0) : 0,
      process: o?.process ?? '',
      text: short(o?.text ?? ''),
      became: l.became,
      rule: l.rule,
      pattern: l.pattern,
    };
  });
  const ids = imported.scenario.timeline.flatMap((e) => (e.do === 'push' ? [e.id] : []));
  const evidence: Record<string, PreviewLine[]> = {};
  for (const line of all) for (const id of pushesNamed(line.became, ids)) (evidence[id] ??= []).push(line);
  const loaded = parseScenarioText(JSON.stringify(imported.scenario));
  return {
    name,
    scenario: imported.scenario,
    lines: all.slice(0, MAX_PREVIEW_LINES),
    stats: imported.stats,
    unrecognised: imported.unrecognised,
    inferred: imported.inferred,
    evidence,
    errors: loaded.ok ? [] : formatErrors(loaded.errors, 'the imported scenario'),
  };
}

/** The message for a failed import: the core's reason, named after the file. */
export function failureText(name: string, error: unknown): string {
  if (error instanceof LogReadError) return `${name}: cannot import: ${error.message}`;
  return `${name}: cannot read: ${error instanceof Error ? error.message : String(error)}`;
}
