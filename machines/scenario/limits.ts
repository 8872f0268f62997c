/**
 * What the loader refuses before any work grows with the input: sizes, counts, nesting, times. Each
 * limit is one a person can understand from its message, and far beyond any scenario made by hand.
 */

/** Files (and share links, once inflated) bigger than this are refused before parsing. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** The longest time a scenario may hold: its duration, and any time or delay in it (30 days). */
export const MAX_TIME_MS = 30 * 86_400_000;

/**
 * The deepest nesting of objects and arrays a scenario file may have. A scenario needs 4 (the file,
 * its timeline, an event, a value); nesting ~10k deep overflowed the stack of JSON.parse in the CLI
 * (a RangeError, exit 3) and froze Chromium.
 */
export const MAX_DEPTH = 32;

/**
 * The most events a timeline may hold, and of those the most pushes (a push, or a cancellation sent
 * as a push). Measured with simulate() in node 20 on a busy 2-core machine, 30 days, events spread
 * evenly: pushes cost ~420 µs each (10k: 4.4 s, 50k: 20.9 s), other events ~25 µs (50k locks: 1.3 s).
 * 20,000 other events is ~0.5 s. Pushes are capped at 12,000: the 10,000-push day that the bench and the
 * timeline's own tests (12,000 throttled pushes) exercise takes about a second on a quiet machine (the
 * bench's figure), and the simulation runs in a worker, so a long run never blocks the page. 300,000
 * events under the 10 MB limit froze the tab for over two minutes.
 */
export const MAX_EVENTS = 20_000;
export const MAX_PUSHES = 12_000;

/**
 * The most apsd retry cycles (an attempt and a backoff, DEV-1) a scenario may hold over its duration.
 * An unlocked phone behind a dropped NAT retries until the scenario ends, and the apsd lane draws every
 * attempt and backoff: a 1 ms attempt with no backoff over 30 days would be 2.6 billion spans (the run
 * hangs drawing them). The defaults make ~3,200 cycles in 30 days.
 */
export const MAX_RETRY_CYCLES = 50_000;

/**
 * Refuses apsd timings whose retry cycle is too short for the scenario's duration (`MAX_RETRY_CYCLES`),
 * naming the params a person would change.
 */
export function retryCycleProblem(
  duration: number,
  params: { readonly apsdAttemptTimeout: number; readonly apsdBackoff: number },
): string | undefined {
  const cycle = params.apsdAttemptTimeout + params.apsdBackoff;
  const cycles = cycle > 0 ? duration / cycle : Infinity;
  if (cycles <= MAX_RETRY_CYCLES) return undefined;
  const times = Number.isFinite(cycles) ? `about ${Math.round(cycles).toLocaleString('en-US')} times` : 'forever';
  return (
    `apsd's retry cycle (apsdAttemptTimeout ${params.apsdAttemptTimeout} ms + apsdBackoff ${params.apsdBackoff} ms) ` +
    `would repeat ${times} in this scenario; Ringside draws at most ${MAX_RETRY_CYCLES.toLocaleString('en-US')}: ` +
    'make the attempt or the backoff longer, or the scenario shorter (DEV-1)'
  );
}

/** The most problems one load reports; the rest are counted. */
export const MAX_ERRORS = 50;

const EXCERPT = 80;

/**
 * A value as JSON for a message, at most ~80 characters (`"aaaa…"`): a message never echoes a long
 * value whole (four errors used to exceed 100 KB). Stops walking once it has enough.
 */
export function shown(value: unknown): string {
  let out = '';
  const put = (text: string): boolean => {
    out += text;
    return out.length <= EXCERPT;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return put(JSON.stringify(v.length > EXCERPT ? v.slice(0, EXCERPT) : v));
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) return put(JSON.stringify(v));
    if (typeof v !== 'object') return put(typeof v); // undefined, a function: not JSON
    if (depth > MAX_DEPTH) return put('…');
    if (Array.isArray(v)) {
      if (!put('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !put(',')) || !walk(v[i], depth + 1)) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      if ((!first && !put(',')) || !put(`${JSON.stringify(key.slice(0, EXCERPT))}:`)) return false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
      first = false;
    }
    return put('}');
  };
  return walk(value, 0) ? out : `${out.slice(0, EXCERPT)}…`;
}

/** A key for a path or a message: at most ~80 characters, and an empty key named as one. */
export function shownKey(key: string): string {
  if (key === '') return '"" (an empty key)';
  return key.length > EXCERPT ? `${key.slice(0, EXCERPT)}…` : key;
}

/**
 * How deep objects and arrays nest in JSON text, without parsing it: a scan that stops as soon as
 * `limit` is passed. Brackets inside strings do not count.
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * The path of the first number JSON.parse turned into ±Infinity (a literal too large for a double,
 * e.g. 400 digits), if any; it looks no deeper than {@link MAX_DEPTH}.
 */
export function firstNonFinite(value: unknown): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  const walk = (v: unknown): boolean => {
    if (typeof v === 'number') return !Number.isFinite(v);
    if (typeof v !== 'object' || v === null || path.length > MAX_DEPTH) return false;
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const key of keys) {
      path.push(key);
      if (walk((v as Record<string | number, unknown>)[key])) return true;
      path.pop();
    }
    return false;
  };
  return walk(value) ? path : undefined;
}
