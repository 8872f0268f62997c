/*
 * Over 400 lines on purpose: the loader's stages (size and depth before parsing, JSON error places,
 * the schema's issues in words, cross-field references, the conversion to a Scenario) each refuse what
 * the next cannot handle, and one file keeps their order in view.
 */
import { closest, distance } from 'fastest-levenshtein';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { resolveParams, type Params } from './params';
import { readDuration, Time, toDurationString } from '../engine/time';
import {
  firstNonFinite,
  MAX_DEPTH,
  MAX_ERRORS,
  MAX_EVENTS,
  MAX_PUSHES,
  MAX_SCENARIO_BYTES,
  nestingExceeds,
  retryCycleProblem,
  shown,
  shownKey,
} from './limits';
import { migrate, MIGRATIONS, type Migration } from './migrate';
import {
  EVENT_TYPES,
  KNOWN_KEYS,
  scenarioSchema,
  timelineEvent,
  type EventType,
  type ParsedScenarioFile,
  type ScenarioFile,
} from './schema';
import { FATES, type Expectation, type Scenario, type TimelineEvent } from './types';

/** One problem in a scenario, with the JSON path it is at (`timeline[3].at`; `` for the whole file). */
export interface ScenarioError {
  readonly path: string;
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly file: ScenarioFile; readonly migratedFrom?: string }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

export interface LoadOptions {
  readonly migrations?: Readonly<Record<string, { to: string; migrate: Migration }>>;
  /**
   * `false` lifts the event-count limits ({@link MAX_EVENTS}, {@link MAX_PUSHES}): for benchmarks that
   * build large scenarios in code. Files, links and pastes always keep them.
   */
  readonly countLimits?: boolean;
}

/** Formats a path array as `timeline[3].at`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = shownKey(String(part));
      out += out ? `.${key}` : key;
    }
  }
  return out;
}

function suggest(word: string, options: readonly string[]): string {
  if (options.length === 0) return '';
  const best = closest(word, options);
  return distance(word, best) <= Math.max(2, Math.floor(best.length / 3)) ? `; did you mean "${best}"?` : '';
}

/** {@link suggest} for a word a person may have typed: none for long values (a cost, and no typo). */
function suggestShort(word: string, options: readonly string[]): string {
  return word.length <= 80 && options.length <= 1_000 ? suggest(word, options) : '';
}

/** ` (VoIP pushes: a, b)`, at most a few named. */
function listed(what: string, names: readonly string[]): string {
  if (names.length === 0) return ` (there are no ${what})`;
  const few = names.slice(0, 5).map(shownKey).join(', ');
  return ` (${what}: ${few}${names.length > 5 ? `, and ${names.length - 5} more` : ''})`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Known keys at a path inside the document, for suggestions on unknown keys. */
function knownKeysAt(path: readonly PropertyKey[], doc: Record<string, unknown>): readonly string[] {
  const [head, index] = path;
  if (path.length === 0) return KNOWN_KEYS.root;
  if (head === 'device') return KNOWN_KEYS.device;
  if (head === 'app') return KNOWN_KEYS.app;
  if (head === 'params') return KNOWN_KEYS.params;
  if (head === 'expect') return KNOWN_KEYS.expect;
  if (head === 'timeline' && typeof index === 'number' && Array.isArray(doc.timeline)) {
    const event: unknown = doc.timeline[index];
    const type = isRecord(event) ? event.do : undefined;
    if (typeof type === 'string' && (EVENT_TYPES as string[]).includes(type))
      return KNOWN_KEYS.event(type as EventType);
  }
  return [];
}

/** "a string", "an object", "an array". */
function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function describeIssue(issue: z.core.$ZodIssue, doc: Record<string, unknown>): ScenarioError[] {
  const path = formatPath(issue.path);
  const at = (p: string) => p;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(issue.path, doc);
      return issue.keys.map((key) => ({
        path: at(path ? `${path}.${shownKey(key)}` : shownKey(key)),
        message: `unknown key ${shown(key)}${key.length <= 80 ? suggest(key, known) : ''}`,
      }));
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const input = (issue as { input?: unknown }).input;
      const hint = typeof input === 'string' && input.length <= 80 ? suggest(input, issue.values.map(String)) : '';
      if (input === undefined) return [{ path, message: `is required: one of ${allowed.join(', ')}` }];
      return [{ path, message: `${shown(input)} is not allowed here; use ${allowed.join(', ')}${hint}` }];
    }
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return [{ path, message: `is required (${article(issue.expected)})` }];
      return [
        {
          path,
          message: `${shown(input)} ${issue.message.startsWith('must') ? issue.message : `must be ${article(issue.expected)}`}`,
        },
      ];
    }
    case 'invalid_union': {
      if (issue.path[0] === 'expect') {
        const input = (issue as { input?: unknown }).input;
        if (isRecord(input) && typeof input.fate === 'string' && !(FATES as readonly string[]).includes(input.fate)) {
          return [
            {
              path: `${path}.fate`,
              message: `${shown(input.fate)} is not a fate${suggestShort(input.fate, FATES)} (fates: ${FATES.join(', ')})`,
            },
          ];
        }
        return [{ path, message: 'must be one of {push, fate}, {strikes}, {throttled} or {audio, call}' }];
      }
      // The schema's own wording ("must be a duration: use ms or …"), after the value as other issues.
      const input = (issue as { input?: unknown }).input;
      const must = issue.message.startsWith('must be ');
      if (input === undefined)
        return [{ path, message: `is required${must ? `: ${issue.message.slice('must be '.length)}` : ''}` }];
      return [{ path, message: `${shown(input)}${must ? ' ' : ': '}${issue.message}` }];
    }
    default: {
      // A bound or a check of the schema's own ("must be at least 1"): after the value, as above.
      const input = (issue as { input?: unknown }).input;
      const echo = input !== undefined && issue.message.startsWith('must be ');
      return [{ path, message: echo ? `${shown(input)} ${issue.message}` : issue.message }];
    }
  }
}

/**
 * Checks and normalizes a parsed JSON document: migrates old formats, validates it against the
 * schema, checks references between fields, and fills every default. Reports all problems at once.
 */
export function loadScenario(input: unknown, options: LoadOptions = {}): LoadResult {
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ path: '', message: 'a scenario must be a JSON object ({ "format": …, "timeline": [ … ] })' }],
    };
  }
  // JSON.parse reads a number too large for a double (309 digits) as Infinity, which no field can mean.
  const infinite = firstNonFinite(input);
  if (infinite) {
    const message = 'is a number too large to be one (more than 308 digits); no field takes it';
    return { ok: false, errors: [{ path: formatPath(infinite), message }] };
  }
  const migrated = migrate(input, options.migrations ?? MIGRATIONS);
  if (!migrated.ok) return { ok: false, errors: [{ path: 'format', message: migrated.message }] };
  const doc = migrated.doc;
  if (options.countLimits !== false) {
    const tooMany = countErrors(doc.timeline);
    if (tooMany) return { ok: false, errors: [tooMany] };
  }

  const errors: ScenarioError[] = [];
  // Unknown event types are reported here with a suggestion; zod would only say the union failed.
  const indexMap: number[] = [];
  let timeline: unknown = doc.timeline;
  if (Array.isArray(doc.timeline)) {
    const kept: unknown[] = [];
    doc.timeline.forEach((event: unknown, i) => {
      const type = isRecord(event) ? event.do : undefined;
      if (isRecord(event) && typeof type === 'string' && !(EVENT_TYPES as string[]).includes(type)) {
        errors.push({
          path: `timeline[${i}].do`,
          message: `unknown event ${shown(type)}${suggestShort(type, EVENT_TYPES)} (events: ${EVENT_TYPES.join(', ')})`,
        });
        return;
      }
      if (isRecord(event) && type === undefined) {
        errors.push({ path: `timeline[${i}].do`, message: `is required: what happens (${EVENT_TYPES.join(', ')})` });
        return;
      }
      if (isRecord(event) && typeof type !== 'string') {
        errors.push({
          path: `timeline[${i}].do`,
          message: `${shown(type)} is not an event; use a word from: ${EVENT_TYPES.join(', ')}`,
        });
        return;
      }
      indexMap.push(i);
      kept.push(event);
    });
    timeline = kept;
  }
  const parsed = scenarioSchema.safeParse({ ...doc, timeline }, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const fixed =
        issue.path[0] === 'timeline' && typeof issue.path[1] === 'number'
          ? { ...issue, path: ['timeline', indexMap[issue.path[1]] ?? issue.path[1], ...issue.path.slice(2)] }
          : issue;
      errors.push(...describeIssue(fixed, doc));
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: capped(dedupe(errors)) };

  const file = parsed.data;
  const crossErrors = checkReferences(file, indexMap);
  if (crossErrors.length > 0) return { ok: false, errors: capped(crossErrors) };
  const scenario = normalize(file, indexMap);
  const result = { ok: true as const, scenario, file: doc as unknown as ScenarioFile };
  return migrated.migratedFrom ? { ...result, migratedFrom: migrated.migratedFrom } : result;
}

/** A timeline longer than the UI can simulate in a second or two is refused before it is read. */
function countErrors(timeline: unknown): ScenarioError | undefined {
  if (!Array.isArray(timeline)) return undefined;
  if (timeline.length > MAX_EVENTS)
    return {
      path: 'timeline',
      message: `has ${timeline.length.toLocaleString('en')} events; a scenario may have at most ${MAX_EVENTS.toLocaleString('en')}`,
    };
  let pushes = 0;
  for (const e of timeline as unknown[]) {
    if (isRecord(e) && (e.do === 'push' || (e.do === 'cancel' && e.via !== 'none'))) pushes++;
  }
  return pushes > MAX_PUSHES
    ? {
        path: 'timeline',
        message: `has ${pushes.toLocaleString('en')} pushes; a scenario may send at most ${MAX_PUSHES.toLocaleString('en')}`,
      }
    : undefined;
}

/** At most {@link MAX_ERRORS} problems, then how many more there are. */
function capped(errors: ScenarioError[]): ScenarioError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const more = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), { path: '', message: `and ${more.toLocaleString('en')} more problems` }];
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A cancellation's own push id: its `id`, else `cancel-<call>` (SCENARIO-FORMAT.md). */
export function cancelPushId(e: { readonly id?: string; readonly call: string }): string {
  return e.id ?? `cancel-${e.call}`;
}

/** The id of the push a timeline event sends, if it sends one (a cancellation `via: none` sends none). */
export function sentPushId(e: {
  readonly do: string;
  readonly id?: string;
  readonly call?: string;
  readonly via?: string;
}): string | undefined {
  if (e.do === 'push') return e.id;
  return e.do === 'cancel' && e.via !== 'none' && e.call !== undefined
    ? cancelPushId({ id: e.id, call: e.call })
    : undefined;
}

function checkReferences(file: ParsedScenarioFile, indexMap: readonly number[]): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const ids = new Map<string, number>();
  const voip = new Set<string>();
  const path = (k: number, key: string) => `timeline[${indexMap[k] ?? k}].${key}`;
  if (file.duration <= 0) errors.push({ path: 'duration', message: 'must be more than 0' });
  const params = resolveParams(Object.fromEntries(Object.entries(file.params).filter(([, v]) => v !== undefined)));
  const cycle = retryCycleProblem(file.duration, params);
  if (cycle) errors.push({ path: 'params.apsdBackoff', message: cycle });
  // EXEMPT-1: locking sends a foreground app to the background, so a phone cannot start both.
  if (file.device.locked && file.device.app === 'foreground') {
    errors.push({
      path: 'device.app',
      message:
        'is "foreground" while device.locked is true (the default): a locked phone has no app in the foreground; set "device.locked": false, or start the app in "background"',
    });
  }
  file.timeline.forEach((e, k) => {
    const pushId = sentPushId(e);
    if (pushId !== undefined) {
      const first = ids.get(pushId);
      if (first !== undefined) {
        errors.push({
          path: path(k, 'id'),
          message: `push id ${shown(pushId)} is already used by timeline[${indexMap[first] ?? first}]; ids must be unique`,
        });
      } else ids.set(pushId, k);
    }
    if (e.do === 'push' && e.kind === 'voip') voip.add(e.id);
    if (e.at > file.duration) errors.push({ path: path(k, 'at'), message: afterTheEnd(file.duration) });
  });
  const voipIds = [...voip];
  file.timeline.forEach((e, k) => {
    if ((e.do === 'cancel' || e.do === 'answer' || e.do === 'decline' || e.do === 'hangup') && !voip.has(e.call)) {
      errors.push({
        path: path(k, 'call'),
        message: `${shown(e.call)} is not a VoIP push in this timeline${suggestShort(e.call, voipIds)}${listed('VoIP pushes', voipIds)}`,
      });
    }
  });
  file.expect.forEach((x, i) => {
    const ref = 'push' in x ? x.push : 'call' in x ? x.call : undefined;
    if (ref !== undefined && !ids.has(ref)) {
      errors.push({
        path: `expect[${i}].${'push' in x ? 'push' : 'call'}`,
        message: `${shown(ref)} is not a push in this timeline${suggestShort(ref, [...ids.keys()])}`,
      });
    }
  });
  return errors;
}

const afterTheEnd = (duration: number) =>
  `is after the end of the scenario (duration ${toDurationString(duration)}); lengthen "duration" or move the event`;

/**
 * {@link loadScenario}'s first error for `file`, made from a file that loads by changing only the `at` of
 * events `moved` (a drag), without loading it all again: what a move can break is that event's own time
 * (a duration, whole ms, within the limit: the schema's words) and its place before the end (the
 * references' words). Every other check saw nothing else change. Errors come in the loader's order:
 * the schema's, then the references', each in timeline order.
 */
export function movedEventsError(file: ScenarioFile, moved: Iterable<number>): ScenarioError | undefined {
  const checked = checkMoved(file, moved);
  return checked.ok ? undefined : checked.error;
}

/**
 * {@link movedEventsError}'s checks, keeping what they parsed: the moved events as the engine reads them
 * (in timeline-index order) when the move loads, else the loader's first error. `loadEdited` builds a drag
 * frame's timeline from these instead of parsing each moved event a second time.
 */
export function checkMoved(
  file: ScenarioFile,
  moved: Iterable<number>,
): { ok: true; events: TimelineEvent[] } | { ok: false; error: ScenarioError | undefined } {
  const order = [...new Set(moved)].filter((i) => i >= 0 && i < file.timeline.length).sort((a, b) => a - b);
  // A number JSON cannot hold is the loader's first stage, before any other: its answer, from itself.
  if (order.some((i) => typeof file.timeline[i]!.at === 'number' && !Number.isFinite(file.timeline[i]!.at))) {
    const loaded = loadScenario(file);
    return { ok: false, error: loaded.ok ? undefined : loaded.errors[0] };
  }
  const events: TimelineEvent[] = [];
  for (const i of order) {
    const parsed = timelineEvent.safeParse(file.timeline[i], { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, error: describeIssue({ ...issue, path: ['timeline', i, ...issue.path] }, file)[0] };
    }
    events.push(normalizeEvent(parsed.data, i));
  }
  const duration = readDuration(file.duration);
  // A duration the file cannot have is not the move's doing: the caller's full load reports it.
  if (!duration.ok) return { ok: false, error: undefined };
  const late = events.findIndex((e) => e.at > duration.ms);
  return late === -1
    ? { ok: true, events }
    : { ok: false, error: { path: `timeline[${order[late]!}].at`, message: afterTheEnd(duration.ms) } };
}

/** One parsed event as the engine reads it, `index` its place in the file. */
export function normalizeEvent(e: ParsedScenarioFile['timeline'][number], index: number): TimelineEvent {
  // Built property by property in one order (index, at, caption?, do, …), never by spreading:
  // objects spread together from optional parts each got a shape of their own (a slow,
  // dictionary-like one), which made this loader ~10× slower and every later read of an event
  // (the engine reads them on every run, the UI loads on every drag frame) a slow lookup.
  const out: Record<string, unknown> = { index, at: e.at };
  if (e.caption !== undefined) out.caption = e.caption;
  out.do = e.do;
  switch (e.do) {
    case 'push':
      out.id = e.id;
      out.kind = e.kind;
      out.expiration = e.expiration;
      out.priority = e.priority ?? (e.kind === 'background' ? 5 : 10);
      if (e.question !== undefined) out.question = e.question;
      break;
    case 'cancel':
      out.call = e.call;
      out.via = e.via;
      out.id = cancelPushId(e);
      out.expiration = e.expiration;
      break;
    case 'network':
      out.to = e.to;
      break;
    case 'app':
      out.action = e.action;
      break;
    case 'power':
      out.policy = e.policy;
      break;
    case 'wake':
      out.by = e.by;
      break;
    case 'answer':
    case 'decline':
    case 'hangup':
      out.call = e.call;
      break;
    default:
      break;
  }
  return out as unknown as TimelineEvent;
}

/** The timeline's order: by time, and events at the same time in file order (a total order: indexes differ). */
export const inTimelineOrder = (a: TimelineEvent, b: TimelineEvent): number => a.at - b.at || a.index - b.index;

function normalize(file: ParsedScenarioFile, indexMap: readonly number[]): Scenario {
  const timeline = file.timeline
    .map((e, k) => normalizeEvent(e, indexMap[k] ?? k))
    // Stable: events at the same time keep their file order.
    .sort(inTimelineOrder);
  const overrides = Object.fromEntries(
    Object.entries(file.params).filter(([, v]) => v !== undefined),
  ) as Partial<Params>;
  const app = file.app;
  return {
    format: file.format,
    title: file.title,
    notes: file.notes,
    duration: file.duration,
    device: file.device,
    app: {
      delegateAtLaunch: app.delegateAtLaunch,
      launch: app.launch,
      report: app.report,
      blockMainThread: app.blockMainThread,
      foreground: app.foreground,
      onCall: app.onCall,
      checksMustReport: app.checksMustReport,
      setConfigurationBeforeReport: app.setConfigurationBeforeReport,
      activatesAudioSession: app.activatesAudioSession,
      learnsCancellation: app.learnsCancellation === 'never' ? 'never' : Time.ms(app.learnsCancellation),
      debuggerAttached: app.debuggerAttached,
      ...(app.completion ? { completion: app.completion } : {}),
      ...(app.callAudio ? { callAudio: app.callAudio } : {}),
    },
    params: resolveParams(overrides),
    timeline,
    expect: file.expect as Expectation[],
  };
}

/**
 * Parses scenario text: JSON errors name the line and column; then {@link loadScenario}.
 * `source` (a file name) is only used in messages.
 */
export function parseScenarioText(raw: string, options: LoadOptions = {}): LoadResult {
  // Editors on some systems write a UTF-8 byte-order mark; it is not part of the JSON.
  const text = raw.replace(/^\uFEFF/, '');
  if (text.length > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; scenarios are limited to 10 MB`,
        },
      ],
    };
  }
  if (text.trim() === '')
    return { ok: false, errors: [{ path: '', message: 'the file is empty; a scenario is a JSON object' }] };
  // Before parsing: JSON.parse recurses, and deep enough nesting overflows its stack.
  if (nestingExceeds(text, MAX_DEPTH))
    return {
      ok: false,
      errors: [{ path: '', message: `objects and arrays nest more than ${MAX_DEPTH} deep; a scenario needs 4` }],
    };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: describeJsonError(text, error) }] };
  }
  return loadScenario(json, options);
}

/** jsonc-parser's error codes in words, where the hint below has none. */
const JSON_ERROR_WORDS: Readonly<Record<string, string>> = {
  PropertyNameExpected: 'a name in double quotes was expected here',
  ValueExpected: 'a value was expected here',
  ColonExpected: 'a ":" was expected after the name',
  CommaExpected: 'a comma was expected between the items',
  CloseBraceExpected: 'a "}" was expected here',
  CloseBracketExpected: 'a "]" was expected here',
  EndOfFileExpected: 'more text after the end of the JSON',
  UnexpectedEndOfString: 'a string that never ends (a missing closing ")',
  UnexpectedEndOfNumber: 'a number that stops half-way',
  UnexpectedEndOfComment: 'a comment; JSON has none (put notes in "notes")',
  InvalidUnicode: 'a \\u escape needs four hexadecimal digits',
  InvalidEscapeCharacter: 'an escape JSON does not know; write \\\\ for a backslash',
  InvalidCharacter: 'a control character (a tab or line break) inside a string; write \\t or \\n',
};

/** Inside a string token, the character jsonc-parser's error is about (it reports the string's start). */
function inString(text: string, scanned: ParseError): number {
  const token = text.slice(scanned.offset, scanned.offset + scanned.length);
  const code = printParseErrorCode(scanned.error);
  const at =
    code === 'InvalidCharacter'
      ? Array.from({ length: token.length }, (_, i) => token.charCodeAt(i)).findIndex((c) => c < 0x20)
      : code === 'InvalidEscapeCharacter' || code === 'InvalidUnicode'
        ? token.search(/\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/)
        : code === 'UnexpectedEndOfString'
          ? token.length
          : 0;
  return scanned.offset + Math.max(0, at);
}

/**
 * Where and what the JSON error is, from jsonc-parser's error offsets (V8's messages carry no position
 * for many errors, and their wording changes between versions).
 */
function describeJsonError(text: string, error: unknown): string {
  const found: ParseError[] = [];
  parseJson(text, found, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const scanned = found[0];
  if (!scanned) return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  const offset = inString(text, scanned);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const complete = (prefix: string) => {
    const errors: ParseError[] = [];
    parseJson(prefix, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return prefix.trim() !== '' && errors.length === 0;
  };
  const code = printParseErrorCode(scanned.error);
  const unquotedName =
    code === 'InvalidSymbol' &&
    found[1] !== undefined &&
    printParseErrorCode(found[1].error) === 'PropertyNameExpected';
  const what =
    text.slice(offset).trim() === '' && code !== 'EndOfFileExpected'
      ? 'the text ends before the JSON is complete'
      : offset > 0 && complete(before)
        ? 'more text after the end of the JSON'
        : (jsonHint(text, offset, scanned, unquotedName) ?? JSON_ERROR_WORDS[code] ?? 'not JSON');
  return `not valid JSON at line ${line}, column ${column}: ${what}`;
}

/** What people write that JSON does not allow, in words: a comment, a trailing comma, a bare word. */
function jsonHint(text: string, offset: number, scanned: ParseError, unquotedName: boolean): string | undefined {
  if (text.startsWith('//', offset) || text.startsWith('/*', offset))
    return 'a comment; JSON has none (put notes in "notes")';
  const at = text[offset];
  if (at === "'") return 'a single quote; JSON strings and names take double quotes';
  if ((at === '}' || at === ']') && text.slice(0, offset).trimEnd().endsWith(','))
    return `a comma before "${at}"; JSON allows none after the last item`;
  const found = text.slice(scanned.offset, scanned.offset + scanned.length);
  switch (printParseErrorCode(scanned.error)) {
    case 'InvalidSymbol':
      if (unquotedName) return `${shown(found)} is a name without double quotes; JSON names take double quotes`;
      return `${shown(found)} is not a JSON value; write strings in double quotes, and true, false or null`;
    case 'InvalidNumberFormat':
      return `${shown(found)} is not a JSON number`;
    case 'InvalidCommentToken':
      return 'a comment; JSON has none (put notes in "notes")';
    default:
      return undefined;
  }
}

/** `file: path: message` lines for people. */
export function formatErrors(errors: readonly ScenarioError[], source?: string): string[] {
  return errors.map((e) => [source, e.path, e.message].filter((part) => part !== undefined && part !== '').join(': '));
}
