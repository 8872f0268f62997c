/**
 * Present mode's script: the simulation's result cut into steps a presenter walks through, and the
 * timeline as it stood at each step. Pure functions of the core's output; no rule is decided here —
 * the steps are the result's own event log and rule steps, grouped by time.
 */
import type { LaneId, LaneInterval, PushResult, PaintedOutput, Scenario } from '../../../machines';

/** A rule that applied to a push at a step, in the core's own words. */
export interface StepRule {
  readonly push: string;
  readonly rule: string;
  readonly why: string;
}

/** A thing that happened, from the event log or a lane marker (a crash, a kill, a strike, a delivery). */
export interface Happening {
  readonly at: number;
  readonly lane: LaneId;
  readonly text: string;
  readonly rule?: string;
}

/** Everything that happened at one moment of the scenario. */
export interface PresentStep {
  readonly at: number;
  /** Captions the scenario's author wrote on timeline events at this moment. */
  readonly captions: readonly string[];
  /** The event log and lane markers at this moment (what a person would have seen happen). */
  readonly happened: readonly Happening[];
  /** The rules that applied at this moment, push by push. */
  readonly rules: readonly StepRule[];
  /** Pushes the provider sent at this moment. */
  readonly sent: readonly string[];
  /** Pushes whose story ends at this moment: their fate can be shown from here on. */
  readonly decided: readonly string[];
}

/** One screen of the presentation. */
export type Frame =
  | { readonly kind: 'intro' }
  /** The moment itself, with everything that happened and why. */
  | { readonly kind: 'step'; readonly step: number }
  /** Predict-then-reveal: the room guesses the fate of `pushes` before the step that decides it. */
  | { readonly kind: 'ask'; readonly step: number; readonly pushes: readonly string[] }
  | { readonly kind: 'summary' };

/** A marker's label as a sentence; a label that starts with a push id keeps it as written. */
const sentence = (label: string, push?: string) =>
  `${push && label.startsWith(push) ? label : `${label.charAt(0).toUpperCase()}${label.slice(1)}`}.`;

/** What a room should read first at a moment: the app dying or a push being refused. */
const HEADLINE_MARKERS = new Set(['app.crashed', 'app.killed', 'push.throttled']);

/** When a push's story ends: its last rule step, else when it reached the phone, else when it was sent. */
export function settledAt(p: PushResult): number {
  const last = p.steps.at(-1)?.at;
  return Math.max(last ?? p.deliveredAt ?? p.sentAt, p.sentAt);
}

/**
 * The scenario's moments, in time order: every time the event log, a rule step or an authored caption
 * names. Pushes still undelivered at the end are settled by the summary, not by a step.
 */
export function presentSteps(output: PaintedOutput, scenario: Pick<Scenario, 'timeline'>): PresentStep[] {
  const { result } = output;
  const times = new Set<number>();
  // Within a moment, the app dying or a push being refused comes first: it is what the room reads.
  const happenings: (Happening & { first: boolean })[] = [
    ...result.events.map((e) => ({
      at: e.at,
      lane: e.lane,
      text: e.what,
      ...(e.rule ? { rule: e.rule } : {}),
      first: false,
    })),
    // "Sent" is already in the log; the other markers (delivered, crashed, killed, strike …) are not.
    ...output.trace.markers
      .filter((m) => m.kind !== 'push.sent')
      .map((m) => ({
        at: m.at,
        lane: m.lane,
        text: sentence(m.label, m.push),
        ...(m.rule ? { rule: m.rule } : {}),
        first: HEADLINE_MARKERS.has(m.kind),
      })),
  ].sort((a, b) => a.at - b.at || Number(b.first) - Number(a.first));
  for (const e of happenings) times.add(e.at);
  for (const p of result.pushes) {
    times.add(p.sentAt);
    times.add(settledAt(p));
    for (const s of p.steps) times.add(s.at);
  }
  for (const e of scenario.timeline) if (e.caption) times.add(e.at);
  const steps = new Map<
    number,
    { captions: string[]; happened: Happening[]; rules: StepRule[]; sent: string[]; decided: string[] }
  >();
  for (const t of [...times].sort((a, b) => a - b))
    steps.set(t, { captions: [], happened: [], rules: [], sent: [], decided: [] });
  for (const e of scenario.timeline) if (e.caption) steps.get(e.at)!.captions.push(e.caption);
  for (const { first: _, ...e } of happenings) steps.get(e.at)!.happened.push(e);
  for (const p of result.pushes) {
    for (const s of p.steps) steps.get(s.at)!.rules.push({ push: p.id, rule: s.rule, why: s.why });
    steps.get(p.sentAt)!.sent.push(p.id);
    if (p.fate !== 'undelivered') steps.get(settledAt(p))!.decided.push(p.id);
  }
  return [...steps].map(([at, s]) => ({ at, ...s }));
}

/** What frames need of a step: its time, and the pushes whose fates show from it on. */
export interface Moment {
  readonly at: number;
  readonly decided: readonly string[];
}

/** The span of time a presentation covers: one run's trace, or two runs' together. */
export interface Span {
  readonly trace: { readonly start: number; readonly end: number };
}

/** The frames of a presentation: an intro, every step (each preceded by a question in predict mode), a summary. */
export function presentFrames(steps: readonly Moment[], predict: boolean): Frame[] {
  const frames: Frame[] = [{ kind: 'intro' }];
  steps.forEach((s, step) => {
    if (predict && s.decided.length > 0) frames.push({ kind: 'ask', step, pushes: s.decided });
    frames.push({ kind: 'step', step });
  });
  frames.push({ kind: 'summary' });
  return frames;
}

/** The moment a frame shows, and whether that moment's own events are already visible. */
export function frameTime(
  frame: Frame,
  steps: readonly Moment[],
  output: Span,
): {
  readonly t: number;
  readonly inclusive: boolean;
} {
  if (frame.kind === 'intro') return { t: Math.min(output.trace.start, steps[0]?.at ?? 0), inclusive: false };
  if (frame.kind === 'summary') return { t: output.trace.end, inclusive: true };
  return { t: steps[frame.step]!.at, inclusive: frame.kind === 'step' };
}

/**
 * Pushes whose fate is not shown at this frame: not settled yet, or (predict mode) settled at the
 * frame's own step but not revealed yet. The summary shows every fate.
 */
export function concealedAt(
  frame: Frame,
  steps: readonly Moment[],
  pushes: readonly Pick<PushResult, 'id'>[],
): Set<string> {
  if (frame.kind === 'summary') return new Set();
  const shown = new Set<string>();
  const upTo = frame.kind === 'intro' ? -1 : frame.kind === 'ask' ? frame.step - 1 : frame.step;
  for (let i = 0; i <= upTo; i++) for (const id of steps[i]!.decided) shown.add(id);
  return new Set(pushes.map((p) => p.id).filter((id) => !shown.has(id)));
}

/**
 * The simulation as it stood at `t`: what had happened up to then (and, when `inclusive`, at `t`),
 * with nothing from the future. Intervals still running are cut at `t`; a push still on its way
 * ends at `t`. The result's fates are untouched: hide them with `concealedAt`.
 */
export function clipOutput(output: PaintedOutput, t: number, inclusive: boolean): PaintedOutput {
  const seen = (at: number) => (inclusive ? at <= t : at < t);
  const end = Math.max(t, output.trace.start);
  const intervals: LaneInterval[] = [];
  for (const iv of output.trace.intervals) {
    if (!seen(iv.from)) continue;
    // An interval whose end is not visible yet is still running: cut at `t`, open (no outcome shown).
    intervals.push(iv.to > end || !seen(iv.to) ? { ...iv, to: Math.min(iv.to, end) as typeof iv.to, open: true } : iv);
  }
  const pushes = output.result.pushes
    .filter((p) => seen(p.sentAt))
    .map((p) => {
      if (p.deliveredAt === undefined || seen(p.deliveredAt)) return p;
      const { deliveredAt: _, ...rest } = p;
      return rest;
    });
  return {
    result: { ...output.result, pushes, events: output.result.events.filter((e) => seen(e.at)) },
    trace: {
      ...output.trace,
      end: end as typeof output.trace.end,
      intervals,
      markers: output.trace.markers.filter((m) => seen(m.at)),
      eventTimes: output.trace.eventTimes.filter((x) => seen(x)),
    },
  };
}

/**
 * What part of the time axis to show at a frame: the whole scenario when it is short, otherwise a
 * window around the moment wide enough to show its neighbours.
 */
export function presentView(frame: Frame, steps: readonly Moment[], output: Span): { start: number; end: number } {
  const { start, end } = output.trace;
  const span = end - start;
  const pad = (from: number, to: number) => {
    const p = Math.max((to - from) * 0.05, 500);
    return { start: from - p, end: to + p };
  };
  if (span <= 5 * 60_000 || frame.kind === 'intro' || frame.kind === 'summary') return pad(start, end);
  const t = steps[frame.step]!.at;
  const prev = steps[frame.step - 1]?.at ?? start;
  const next = steps[frame.step + 1]?.at ?? end;
  const width = Math.min(Math.max(3 * Math.max(t - prev, next - t), 20_000), span);
  const from = Math.min(Math.max(t - width * 0.6, start), end - width);
  return pad(from, from + width);
}
