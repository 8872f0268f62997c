import { LANES, type LaneId, type PaintedOutput } from '../engine/result';

/** Where two runs (a scenario and its variant) part ways: the lanes and the moments that differ. */
export interface OutputDiff {
  /** Lanes whose bars, markers or log lines are not the same in both runs, in `LANES` order. */
  readonly lanes: readonly LaneId[];
  /** Times at which something happened in one run and not in the other, ascending, each once. */
  readonly moments: readonly number[];
  /** Pushes whose fate differs (a push only one run sends differs), in first-seen order. */
  readonly pushes: readonly string[];
}

/** One thing that happened, as a key that is equal in both runs only when it shows the same. */
interface Happening {
  readonly lane?: LaneId;
  readonly at: number;
  readonly key: string;
}

/**
 * Everything a run shows, as happenings: an interval's start and its end apart (two runs can begin a
 * bar alike and end it differently: the moment they part is the end), markers, log lines, rule steps.
 */
function happenings(output: PaintedOutput): Happening[] {
  const out: Happening[] = [];
  for (const iv of output.trace.intervals) {
    const what = `${iv.kind}|${iv.label}|${iv.push ?? ''}|${iv.call ?? ''}`;
    out.push({ lane: iv.lane, at: iv.from, key: `start|${what}|${iv.rule ?? ''}|${iv.due ?? ''}` });
    // A bar still open at the end has no end of its own (the two runs may end at different times).
    if (!iv.open) out.push({ lane: iv.lane, at: iv.to, key: `end|${what}|${iv.endedBy ?? ''}` });
  }
  for (const m of output.trace.markers)
    out.push({ lane: m.lane, at: m.at, key: `marker|${m.kind}|${m.label}|${m.push ?? ''}|${m.rule ?? ''}` });
  for (const e of output.result.events)
    out.push({ lane: e.lane, at: e.at, key: `log|${e.what}|${e.rule ?? ''}|${e.push ?? ''}` });
  for (const p of output.result.pushes)
    for (const s of p.steps) out.push({ at: s.at, key: `step|${p.id}|${s.rule}|${s.why}` });
  return out;
}

const keyOf = (h: Happening) => `${h.lane ?? ''}|${h.at}|${h.key}`;

/** Counts by key: a happening that occurs twice in one run and once in the other differs once. */
function counted(list: readonly Happening[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of list) m.set(keyOf(h), (m.get(keyOf(h)) ?? 0) + 1);
  return m;
}

/**
 * What differs between two runs, read from their results and traces alone (no rule is decided
 * here): the lanes where a bar, a marker or a log line is in one run and not the other, the moments
 * at which that happens, and the pushes whose fate differs. Two runs of the same scenario differ in
 * nothing.
 */
export function diffOutputs(a: PaintedOutput, b: PaintedOutput): OutputDiff {
  const ha = happenings(a);
  const hb = happenings(b);
  const lanes = new Set<LaneId>();
  const moments = new Set<number>();
  const unmatched = (mine: readonly Happening[], theirs: readonly Happening[]) => {
    const left = counted(theirs);
    for (const h of mine) {
      const k = keyOf(h);
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else {
        if (h.lane) lanes.add(h.lane);
        moments.add(h.at);
      }
    }
  };
  unmatched(ha, hb);
  unmatched(hb, ha);
  const fates = new Map<string, [string | undefined, string | undefined]>();
  for (const p of a.result.pushes) fates.set(p.id, [p.fate, undefined]);
  for (const p of b.result.pushes) fates.set(p.id, [fates.get(p.id)?.[0], p.fate]);
  return {
    lanes: LANES.filter((l) => lanes.has(l)),
    moments: [...moments].sort((x, y) => x - y),
    pushes: [...fates].filter(([, [fa, fb]]) => fa !== fb).map(([id]) => id),
  };
}
