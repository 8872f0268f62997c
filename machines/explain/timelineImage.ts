/**
 * The timeline as an image: the scenario's lanes (intervals and markers from the trace) and one row per
 * push from its sending to its fate, as a pure SVG string (no DOM), so the HTML report can carry the
 * picture the app shows. Text labels everywhere a colour means something (fate words, lane names).
 */
import { LANES, type LaneId, type Result, type TraceData } from '../engine/result';
import { formatTime } from '../engine/time';
import type { Scenario } from '../scenario/types';
import { escapeXml } from './escape';
import { FATE_SYMBOL, fateTone, type FateTone } from './fates';
import { LATE_MARK } from './late';

export interface TimelineImageOptions {
  /** Width in px (default 960). */
  readonly width?: number;
  /** A file of its own: adds the SVG namespace, which inline SVG in HTML does not need. */
  readonly standalone?: boolean;
  /** Rows of pushes drawn at most; the rest are counted in one line (default 40). */
  readonly maxPushes?: number;
}

const LANE_NAME: Readonly<Record<LaneId, string>> = {
  provider: 'Provider',
  apns: 'APNs',
  network: 'Network · apsd',
  callservicesd: 'callservicesd',
  app: 'App',
  callkit: 'CallKit',
};

const TONE_COLOUR: Readonly<Record<FateTone, string>> = { good: '#1f6f3f', warn: '#8a5a00', bad: '#a32020' };

/** A fill per interval family: the part of `kind` before the dot. */
const FILL: Readonly<Record<string, string>> = {
  app: '#dbe7f5',
  network: '#e3efe0',
  apsd: '#eae4f3',
  apns: '#f2ebd9',
  deadline: '#f6dede',
  throttle: '#f3c9c9',
  call: '#d7eedc',
  handler: '#e6e6e6',
};

const GUTTER = 120;
const TRACK_H = 18;
const ROW_H = 20;
const CHAR_W = 6.2;

/** Ticks at round steps, about eight across. */
function ticks(start: number, end: number): number[] {
  const span = Math.max(1, end - start);
  const steps = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 6 * 3_600_000];
  const step = steps.find((s) => span / s <= 8) ?? 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) out.push(t);
  return out;
}

const n = (x: number) => String(Math.round(x * 10) / 10);

/** Intervals that overlap on one lane (the network and apsd's connection) go on tracks of their own. */
function tracks<T extends { from: number; to: number }>(items: readonly T[]): { item: T; track: number }[] {
  const ends: number[] = [];
  return items.map((item) => {
    let track = ends.findIndex((e) => e <= item.from);
    if (track < 0) track = ends.length;
    ends[track] = item.to;
    return { item, track };
  });
}

/**
 * An SVG picture of the scenario's run: a time axis, one band per lane with what held on it (app state,
 * network, deadlines, the throttle) and its markers, then one row per push from sent to its fate, the
 * fate written beside it with its symbol (and "late" when it rang past `params.lateAfter`).
 */
export function timelineImage(
  scenario: Scenario,
  result: Result,
  trace: TraceData,
  options: TimelineImageOptions = {},
): string {
  const width = options.width ?? 960;
  const maxPushes = options.maxPushes ?? 40;
  const { start, end } = trace;
  const plotW = width - GUTTER - 150;
  const x = (t: number) => GUTTER + ((Math.min(Math.max(t, start), end) - start) / Math.max(1, end - start)) * plotW;
  const top = 44;
  const placed = LANES.map((lane) => tracks(trace.intervals.filter((v) => v.lane === lane && v.to > v.from)));
  const laneH = placed.map((p) => Math.max(1, ...p.map((v) => v.track + 1)) * TRACK_H + 12);
  const laneTop = laneH.map((_, i) => top + laneH.slice(0, i).reduce((a, b) => a + b, 0));
  const lanesH = laneH.reduce((a, b) => a + b, 0);
  const pushes = result.pushes.slice(0, maxPushes);
  const more = result.pushes.length - pushes.length;
  const pushTop = top + lanesH + 28;
  const height = pushTop + (pushes.length + (more > 0 ? 1 : 0)) * ROW_H + 16;
  const title = `Timeline of “${scenario.title}”`;
  const o: string[] = [];
  o.push(
    `<svg${options.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} class="timeline-image" role="img" ` +
      `aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="-apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="600" fill="#1d232a">${escapeXml(scenario.title)}</text>`,
  );
  // The time axis.
  for (const t of ticks(start, end)) {
    o.push(
      `<line x1="${n(x(t))}" y1="${top - 6}" x2="${n(x(t))}" y2="${pushTop - 8}" stroke="#e3e6ea"/>`,
      `<text x="${n(x(t))}" y="${top - 10}" text-anchor="middle" fill="#5b6570">${escapeXml(formatTime(t))}</text>`,
    );
  }
  // The lanes: a name, the intervals, the markers.
  LANES.forEach((lane, i) => {
    const y = laneTop[i]!;
    const h = laneH[i]!;
    o.push(
      `<g class="lane" data-lane="${lane}">`,
      `<line x1="${GUTTER}" y1="${y + h}" x2="${GUTTER + plotW}" y2="${y + h}" stroke="#d5dae0"/>`,
      `<text x="8" y="${y + h / 2 + 4}" font-weight="600" fill="#1d232a">${LANE_NAME[lane]}</text>`,
    );
    for (const { item: iv, track } of placed[i]!) {
      const x1 = x(iv.from);
      const w = Math.max(1, x(iv.to) - x1);
      const ty = y + 4 + track * TRACK_H;
      const fill = FILL[iv.kind.split('.')[0] ?? ''] ?? '#e9ecef';
      o.push(
        `<rect x="${n(x1)}" y="${ty}" width="${n(w)}" height="${TRACK_H - 3}" rx="2" fill="${fill}" stroke="#9aa3ad" stroke-width="0.5"><title>${escapeXml(`${iv.label}: ${formatTime(iv.from)} → ${formatTime(iv.to)}`)}</title></rect>`,
      );
      if (w > iv.label.length * CHAR_W + 6)
        o.push(`<text x="${n(x1 + 3)}" y="${ty + TRACK_H / 2 + 2}" fill="#1d232a">${escapeXml(iv.label)}</text>`);
    }
    // Markers sit on the lane's lower edge, clear of the intervals' labels.
    for (const m of trace.markers.filter((v) => v.lane === lane)) {
      const bad = /crash|strike|kill|throttled/.test(m.kind);
      const mx = x(m.at);
      o.push(
        `<path d="M${n(mx)} ${y + h - 9}l4 7h-8z" fill="${bad ? '#a32020' : '#1d232a'}"><title>${escapeXml(`${formatTime(m.at)}: ${m.label}`)}</title></path>`,
      );
    }
    o.push('</g>');
  });
  // One row per push: sent → reached the phone (or the scenario's end), then the fate in words.
  o.push(`<text x="8" y="${pushTop - 6}" font-weight="600" fill="#1d232a">Pushes</text>`);
  pushes.forEach((p, i) => {
    const y = pushTop + i * ROW_H + ROW_H / 2;
    const to = p.steps.at(-1)?.at ?? p.deliveredAt ?? end;
    const colour = TONE_COLOUR[fateTone(p.fate)];
    const fate = `${FATE_SYMBOL[p.fate]} ${p.fate}${p.late ? ` (${LATE_MARK})` : ''}`;
    o.push(
      `<g class="push" data-push="${escapeXml(p.id)}" data-fate="${p.fate}">`,
      `<text x="8" y="${y + 4}" fill="#1d232a">${escapeXml(p.id)}</text>`,
      `<line x1="${n(x(p.sentAt))}" y1="${y}" x2="${n(Math.max(x(to), x(p.sentAt) + 1))}" y2="${y}" stroke="${colour}" stroke-width="3" stroke-linecap="round"/>`,
      `<circle cx="${n(x(p.sentAt))}" cy="${y}" r="3" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`,
      `<text x="${n(GUTTER + plotW + 8)}" y="${y + 4}" fill="${colour}" font-weight="600">${escapeXml(fate)}</text>`,
      '</g>',
    );
  });
  if (more > 0)
    o.push(
      `<text x="8" y="${pushTop + pushes.length * ROW_H + ROW_H / 2 + 4}" fill="#5b6570">… and ${more} more push${more === 1 ? '' : 'es'} (see the table)</text>`,
    );
  o.push('</svg>');
  return o.join('\n');
}
