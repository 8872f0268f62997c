/**
 * The pure parts of the benches' profiles and of their "what would close it" (issue #25): which part of
 * the engine a profiled source file is, a CPU profile's time by kind of work, and the model floor (what
 * bare xstate would take to do what a run asks of it). The benches measure; these only add up and word
 * what they measured, so they are unit-tested (`bench-profile.test.ts`) where timing never is.
 */

/** The part of the engine a source file of the bundle belongs to, as the engine's profiles name it. */
export function engineKind(file: string): string {
  if (file.includes('machines/actors/')) return "the actors' own actions";
  // The engine's room (machines/engine/) since the move: the old patterns named files at machines/'s top.
  if (/machines\/engine\/(journal|callLog|history)\./.test(file)) return 'journal and histories';
  if (/machines\/engine\/(simulate|clock|same|checkpoint|wiring|xstateSeam)\./.test(file)) return 'clock, checkpoints';
  if (/machines\/(engine\/(output|result|build)\.|explain\/)/.test(file)) return 'result and trace';
  return 'other';
}

/** A V8 CPU profile, as far as `timeByKind` reads it. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/**
 * Milliseconds by kind of work in `profile`: each sample's time is the gap to the next one (V8's
 * `timeDeltas`, µs), given to the kind `kindOf` says its node is; `undefined` (idle) is left out.
 */
export function timeByKind(profile: CpuProfile, kindOf: (nodeId: number) => string | undefined): Map<string, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const kind = kindOf(samples[i]!);
    if (kind === undefined) continue;
    out.set(kind, (out.get(kind) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return out;
}

/**
 * `ms` by kind divided by `per` (runs, frames), largest first, with each kind's share:
 * `8.10 ms a run: 45 % xstate's interpreter (3.65 ms), 21 % garbage collection (1.70 ms)`.
 */
export function profileLine(ms: ReadonlyMap<string, number>, per: number, unit: string): string {
  const total = [...ms.values()].reduce((sum, x) => sum + x, 0);
  const parts = [...ms]
    .sort((x, y) => y[1] - x[1])
    .map(([kind, x]) => `${Math.round((x / total) * 100)} % ${kind} (${(x / per).toFixed(2)} ms)`);
  return `${(total / per).toFixed(2)} ms ${unit}: ${parts.join(', ')}`;
}

/** What a run asks of xstate, counted in one inspected run of it. */
export interface Asks {
  /** Events delivered to an actor (`@xstate.event`: sent, fired timers, the timeline, starts). */
  readonly events: number;
  /** `assign`s resolved (written in a machine or enqueued by an `effects` call). */
  readonly assigns: number;
  /** The actors' own action functions executed (their bodies are the engine's, not xstate's). */
  readonly actions: number;
  /** Events raised to the actor itself without a delay (handled in the same macrostep). */
  readonly raises: number;
  /** Delayed events set (`raise` or `sendTo` with a delay). */
  readonly delayed: number;
  /** Delayed events cancelled (`cancel`, whether or not the event was still pending). */
  readonly cancels: number;
}

/**
 * What bare xstate costs per thing a run asks of it, µs, measured on relays of bare actors: `event`
 * is the floor (an event relayed with one `assign` and one `sendTo`); the others are what one more of
 * each costs on top of that event.
 */
export interface Costs {
  readonly event: number;
  readonly assign: number;
  readonly action: number;
  readonly raise: number;
  readonly delayed: number;
  readonly cancel: number;
}

/** One term of the model floor: what it counts, how many, and its ms. */
export interface Term {
  readonly what: string;
  readonly count: number;
  readonly ms: number;
}

/**
 * The model floor: the ms bare xstate would take to do what `asks` says, at `costs`. The floor's event
 * already has one `assign` (and one `sendTo`, which is how most events arrive), so only the assigns
 * beyond one an event are charged again (a run with fewer than one an event gets that much back).
 */
export function modelFloor(asks: Asks, costs: Costs): { ms: number; terms: Term[] } {
  const terms: Term[] = [
    term('events', asks.events, costs.event),
    term('assigns beyond one an event', asks.assigns - asks.events, costs.assign),
    term('action functions', asks.actions, costs.action),
    term('immediate raises', asks.raises, costs.raise),
    term('delayed events set', asks.delayed, costs.delayed),
    term('cancels', asks.cancels, costs.cancel),
  ];
  return { ms: terms.reduce((sum, t) => sum + t.ms, 0), terms };
}

const term = (what: string, count: number, µs: number): Term => ({ what, count, ms: (count * µs) / 1000 });
