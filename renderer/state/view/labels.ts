import { FATE_SYMBOL, formatTime, parseDuration } from '../../../machines';
import type { AudioOutcome, Fate, LaneId, TimelineEventFile } from '../../../machines';

/** Fate → colour token, icon and word: never colour alone. */
export const FATE_STYLE: Record<Fate, { icon: string; tone: string; label: string }> = {
  rang: { icon: FATE_SYMBOL.rang, tone: 'good', label: 'rang' },
  'in-app': { icon: FATE_SYMBOL['in-app'], tone: 'good', label: 'in-app' },
  stale: { icon: FATE_SYMBOL.stale, tone: 'warn', label: 'stale' },
  duplicate: { icon: FATE_SYMBOL.duplicate, tone: 'muted', label: 'duplicate' },
  exempt: { icon: FATE_SYMBOL.exempt, tone: 'muted', label: 'exempt' },
  missed: { icon: FATE_SYMBOL.missed, tone: 'info', label: 'missed' },
  crashed: { icon: FATE_SYMBOL.crashed, tone: 'bad', label: 'crashed' },
  killed: { icon: FATE_SYMBOL.killed, tone: 'bad', label: 'killed' },
  throttled: { icon: FATE_SYMBOL.throttled, tone: 'bad', label: 'throttled' },
  expired: { icon: FATE_SYMBOL.expired, tone: 'muted', label: 'expired' },
  superseded: { icon: FATE_SYMBOL.superseded, tone: 'muted', label: 'superseded' },
  undelivered: { icon: FATE_SYMBOL.undelivered, tone: 'muted', label: 'undelivered' },
  delivered: { icon: FATE_SYMBOL.delivered, tone: 'info', label: 'delivered' },
  ignored: { icon: FATE_SYMBOL.ignored, tone: 'muted', label: 'ignored' },
};

export const LANE_LABELS: Record<LaneId, string> = {
  provider: 'Provider',
  apns: 'APNs',
  network: 'Network & power',
  callservicesd: 'callservicesd',
  app: 'App process',
  callkit: 'CallKit & audio',
};

/** Which lane a timeline input is drawn (and dragged) on. */
export function laneOfEvent(e: TimelineEventFile): LaneId {
  switch (e.do) {
    case 'push':
    case 'cancel':
      return 'provider';
    case 'app':
      return 'app';
    case 'answer':
    case 'decline':
    case 'hangup':
    case 'mediaserverd-crash':
    case 'other-call':
      return 'callkit';
    default:
      return 'network';
  }
}

/** A short label for a timeline input. */
export function eventLabel(e: TimelineEventFile): string {
  switch (e.do) {
    case 'push':
      return `${e.id} (${e.kind ?? 'voip'})`;
    case 'cancel':
      return `cancel ${e.call}${e.via && e.via !== 'none' ? ` via ${e.via}` : ''}`;
    case 'network':
      return `network → ${e.to}`;
    case 'app':
      return `app ${e.action}`;
    case 'power':
      return `power policy ${e.policy}`;
    case 'wake':
      return `wake: ${e.by}`;
    case 'answer':
    case 'decline':
    case 'hangup':
      return `${e.do} ${e.call}`;
    default:
      return e.do;
  }
}

/**
 * A timeline input's label (`eventLabel`), then shorter wordings for a crowded row, longest first:
 * what was done without whom it was done to ("cancel call-1 via voip" → "cancel call-1" → "cancel",
 * "network → wifi" → "→ wifi", "app background" → "background"). The input's accessible name keeps
 * the whole label.
 */
export function eventLabelForms(e: TimelineEventFile): string[] {
  const whole = eventLabel(e);
  const forms = [whole];
  switch (e.do) {
    case 'push':
      forms.push(e.id);
      break;
    case 'cancel':
      forms.push(`cancel ${e.call}`, 'cancel');
      break;
    case 'network':
      forms.push(`→ ${e.to}`);
      break;
    case 'app':
      forms.push(e.action);
      break;
    case 'power':
      forms.push(`policy ${e.policy}`);
      break;
    case 'wake':
      forms.push('wake');
      break;
    case 'answer':
    case 'decline':
    case 'hangup':
      forms.push(e.do);
      break;
  }
  return forms.filter((f, i) => i === 0 || f.length < forms[i - 1]!.length);
}

const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000,
];

/** Tick spacing for a time span drawn over `px` pixels: roughly one label per `minPx`. */
export function tickStep(span: number, px: number, minPx = 90): number {
  const wanted = (span / Math.max(px, 1)) * minPx;
  return STEPS.find((s) => s >= wanted) ?? STEPS[STEPS.length - 1]!;
}

/** Ticks between start and end. */
export function ticks(start: number, end: number, px: number): number[] {
  const step = tickStep(end - start, px);
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) out.push(t);
  return out;
}

/** Snaps to 100 ms unless free movement is asked for. */
export function snap(t: number, free: boolean): number {
  return free ? Math.round(t) : Math.round(t / 100) * 100;
}

/** A timeline input as a dragged one is measured against: its time and what to call it. */
export interface Landmark {
  readonly at: number;
  readonly name: string;
}

/** What a dragged input is measured against: every other input, by time (pushes by their id). */
export function landmarks(events: readonly TimelineEventFile[], except: ReadonlySet<number>): Landmark[] {
  const out: Landmark[] = [];
  events.forEach((e, i) => {
    if (except.has(i)) return;
    const at = parseDuration(e.at);
    if (at !== undefined) out.push({ at, name: e.do === 'push' ? `push ${e.id}` : eventLabel(e) });
  });
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Where `t` stands against the nearest landmark (sorted by time), for the label beside a dragged
 * input: "300 ms after app background", "1.5 s before network → wifi", "with answer call-1". The
 * earlier one wins a tie: "after" is the question people ask ("what if it lands 300 ms after…").
 */
export function relativeTo(t: number, sorted: readonly Landmark[]): string | undefined {
  if (sorted.length === 0) return undefined;
  let lo = 0;
  let hi = sorted.length;
  // The first landmark after t.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  const before = sorted[lo - 1];
  const after = sorted[lo];
  const near = !before ? after! : !after ? before : t - before.at <= after.at - t ? before : after;
  const d = t - near.at;
  if (d === 0) return `with ${near.name}`;
  return `${formatTime(Math.abs(d))} ${d > 0 ? 'after' : 'before'} ${near.name}`;
}

export { formatTime };

/**
 * A fate's tone in the Fates table, given the call's audio: a call that rang but had no audio
 * (AUDIO-1: the user answers into silence) is not a green success, and one-way audio (AUDIO-1,
 * AUDIO-5) is a warning.
 */
export function toneWithAudio(fate: Fate, audio: AudioOutcome | undefined): string {
  const tone = FATE_STYLE[fate].tone;
  if (tone !== 'good' || audio === undefined || audio === 'two-way') return tone;
  return audio === 'none' ? 'bad' : 'warn';
}
