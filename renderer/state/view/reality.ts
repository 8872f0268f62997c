import type { Result, RuleStep } from '../../../machines';

/** A log line that speaks of a push, as the import's preview listed it. */
export interface EvidenceLine {
  readonly line: number;
  readonly at: number;
  readonly process: string;
  readonly text: string;
  readonly became: string;
  readonly rule: string;
}

/** One observed expectation held against the rules. */
export interface RealityRow {
  /** The push (or, for audio, the call) it is about. */
  readonly push: string;
  /** What is compared: the push's fate, or an answered call's audio. */
  readonly what: 'fate' | 'audio';
  /** What the log shows. */
  readonly observed: string;
  /** What the rules give; null when the model has no such push or call. */
  readonly model: string | null;
  readonly agree: boolean;
  /** The log's side of the why: the lines that speak of the push (empty when the log is not at hand). */
  readonly logWhy: readonly EvidenceLine[];
  /** The model's side: the rules that decided the push, in order. */
  readonly modelWhy: readonly RuleStep[];
  /** For a divergence: where to look, worded as a lead, not a verdict. */
  readonly lead?: string;
}

/**
 * Every expectation marked `observed` (what a device log shows, #26) beside what the rules give, with both
 * why-chains. A divergence is a lead, never a verdict on either side: the model may lack a rule, or the
 * import may have misread a line.
 */
export function realityRows(
  result: Result,
  evidence: Readonly<Record<string, readonly EvidenceLine[]>> = {},
): RealityRow[] {
  const rows: RealityRow[] = [];
  for (const e of result.expectations) {
    const x = e.expect;
    if (!('observed' in x) || !x.observed) continue;
    const what = 'fate' in x ? 'fate' : 'audio' in x ? 'audio' : undefined;
    if (!what) continue;
    const id = 'fate' in x ? x.push : 'call' in x ? x.call : '';
    const observed = 'fate' in x ? x.fate : 'audio' in x ? x.audio : '';
    const push = result.pushes.find((p) => p.id === id || (what === 'audio' && p.call === id));
    const model = e.actual === null ? null : String(e.actual);
    const logWhy = evidence[id] ?? [];
    const lines = logWhy.map((l) => l.line);
    const subject = what === 'fate' ? id : `${id}'s audio`;
    rows.push({
      push: id,
      what,
      observed,
      model,
      agree: e.ok,
      logWhy,
      modelWhy: push?.steps ?? [],
      ...(e.ok
        ? {}
        : {
            lead: `A lead: the log shows ${subject} ${observed}, the rules give ${model ?? 'nothing'}. Either the model lacks a rule for what happened here, or a log line was misread${lines.length ? ` (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})` : ''}; the import's inferences are in the notes.`,
          }),
    });
  }
  return rows;
}
