import {
  memo,
  useCallback,
  useId,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import {
  LANES,
  type LaneId,
  type LaneInterval,
  type LaneMarker,
  type PushResult,
  type Fate,
  type SimulationOutput,
  type TimelineEventFile,
} from '../../machines';
import { ruleById } from '../../machines/rules';
import { sentPushId } from '../../machines/scenario';
import { parseDuration } from '../../machines/time';
import type { View } from '../state/editorMachine';
import { useHandlers } from '../state/useHandlers';
import {
  eventLabel,
  FATE_STYLE,
  formatTime,
  LANE_LABELS,
  landmarks,
  laneOfEvent,
  relativeTo,
  snap,
  ticks,
  type Landmark,
} from '../format';

const GUTTER = 168;
const AXIS = 30;
/** The dragged time's box (px): its least width, and its top above or below the pointer. */
const DRAG_LABEL_W = 78;
const DRAG_LABEL_ABOVE = 26;
const DRAG_LABEL_BELOW = 20;
const ROW = 16;
/** Width of a push label's character, about (12 px, semibold). */
const LABEL_CHAR = 7.5;
/** From this many pushes on, only the rows near the scrolled view are rendered (as in the Fates table). */
const WINDOW_FROM = 80;
/** The rendered band's edges move in steps of this many px (8 push rows), not on every scroll. */
const BAND_STEP = 8 * (ROW + 4);

/** The element the timeline scrolls in, or undefined when it is the window's viewport. */
function scrollParent(el: HTMLElement): HTMLElement | undefined {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if (overflowY === 'auto' || overflowY === 'scroll' || overflowY === 'overlay') return p;
  }
  return undefined;
}

/** Widths of label texts (px), by font and text: measured once each on a canvas, as the page draws them. */
const textWidths = new Map<string, number>();
let measuring: { context: CanvasRenderingContext2D | null; family: string } | undefined;

/** The width of `text` at `size` px (and `weight`) in the page's font. */
function textWidth(text: string, size: number, weight = 400): number {
  const key = `${weight} ${size} ${text}`;
  let w = textWidths.get(key);
  if (w === undefined) {
    measuring ??= {
      context: document.createElement('canvas').getContext('2d'),
      family: getComputedStyle(document.documentElement).fontFamily || 'sans-serif',
    };
    const { context, family } = measuring;
    if (context) {
      context.font = `${weight} ${size}px ${family}`;
      w = context.measureText(text).width;
    } else w = text.length * size * 0.6;
    // Labels with times in them change while dragging: keep the cache from growing without end.
    if (textWidths.size > 4_000) textWidths.clear();
    textWidths.set(key, w);
  }
  return w;
}

/**
 * The first of `texts` (longest first) that fits in `room` px, or the last one cut short with an
 * ellipsis; '' when not even a few characters fit. SVG text cannot ellipsize itself.
 */
function fitText(texts: readonly string[], room: number, size: number): string {
  for (const t of texts) if (textWidth(t, size) <= room) return t;
  const last = texts[texts.length - 1] ?? '';
  let lo = 0;
  let hi = last.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${last.slice(0, mid).trimEnd()}…`, size) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo < 3 ? '' : `${last.slice(0, lo).trimEnd()}…`;
}

/**
 * A bar's label, then shorter wordings for a narrow bar, longest first: without what is in brackets
 * ("Poor cellular (handshake cannot complete)" → "Poor cellular"), then also without the actor the
 * lane already names ("APNs: connected" → "connected", "apsd reconnecting" → "reconnecting"), then
 * also without the push the bar is about ("call-1 ringing" → "ringing"; its tooltip names it). Cut
 * short, the last one keeps what tells the state ("reconn…", not "apsd r…"; "ring…", not "call-1 r…").
 */
function shorterLabels(label: string, push?: string): string[] {
  const bare = label.replace(/\s*\([^)]*\)$/, '');
  const unnamed = bare.replace(/^(APNs|apsd|powerd):?\s+/, '');
  const anonymous = push && unnamed.startsWith(`${push} `) ? unnamed.slice(push.length + 1) : unnamed;
  return [...new Set([label, bare, unnamed, anonymous].filter((t) => t !== ''))];
}

/** Font size (px) of `.iv-label` and `.input-label` in styles.css (both are larger in present mode). */
const SMALL = 11;
/** Height (px) of a row of bars whose labels are `font` px: ROW for the usual 11 px, taller for larger type. */
const barRow = (font: number) => Math.max(ROW, Math.ceil(font * 1.45));
/** The push labels' usual size (px, styles.css `.push-label`); present mode's are larger. */
const PUSH_FONT = 12;
/** Height (px) of a row of push spans whose labels are `font` px: ROW for the usual 12 px. */
const pushRow = (font: number) => Math.max(ROW, Math.round((font * 4) / 3));
/** The markers' glyphs: 14 px bold in styles.css. */
const MARKER_SIZE = 14;
/** Half the width of an input's diamond, and the gap between a label and what it must not touch. */
const DIAMOND = 7;
const GAP = 4;

export interface TimelineProps {
  readonly output: SimulationOutput;
  readonly events: readonly TimelineEventFile[];
  readonly view: View;
  readonly playhead: number;
  readonly selection: readonly number[];
  readonly selectedPush?: string;
  onView: (view: View) => void;
  onPlayhead: (t: number) => void;
  onSelectEvents: (indexes: readonly number[]) => void;
  onSelectPush: (push: string | undefined) => void;
  onDragStart: () => void;
  /** New times for the dragged events (file indexes). */
  onDragMove: (times: ReadonlyMap<number, number>) => void;
  onDragEnd: () => void;
  onAddEvent: (lane: LaneId, t: number) => void;
  /** A variant shown for comparison: inputs cannot be dragged or added. */
  readonly readOnly?: boolean;
  /** Pushes whose fate is not shown yet (present mode: still on their way, or the room is guessing). */
  readonly concealed?: ReadonlySet<string>;
  /** Pushes whose fate differs in the variant being compared: marked on both timelines. */
  readonly differs?: ReadonlySet<string>;
  /** Render every row even with many pushes (an export copies the SVG as it is in the document). */
  readonly complete?: boolean;
  /** Opens the legend: a button in the corner above the lane names, when given. */
  onLegend?: () => void;
}

const CONCEALED_STYLE = { icon: '?', tone: 'muted', label: 'fate not shown yet' } as const;

/** Interval kinds that several pushes or calls can have at once: they are stacked in rows of their own. */
const STACKED = (kind: string) =>
  kind === 'push.waiting' ||
  kind === 'deadline' ||
  kind.startsWith('call.') ||
  kind.startsWith('audio.') ||
  kind === 'handler';

/** Fixed rows of a lane: which state kinds share a row. */
function fixedRow(kind: string): number {
  if (kind.startsWith('apsd.') || kind === 'throttle') return 1;
  if (kind === 'powerd.restricted') return 2;
  return 0;
}

/** Whether an interval is stacked in rows of its own below its lane's fixed rows. */
const stacks = (iv: LaneInterval) => STACKED(iv.kind) && iv.kind !== 'audio.null-session';

/** What an interval is, whenever it is: its kind and its push or call (`stableKeys` numbers repeats). */
const intervalName = (iv: LaneInterval) => `${iv.kind}|${iv.push ?? iv.call ?? ''}`;

/** Each stacked interval's row, by its key (`intervalName`, numbered in time order): kept during a drag. */
function stackedRows(rows: ReadonlyMap<LaneInterval, number>): Map<string, number> {
  const stacked = [...rows].filter(([iv]) => stacks(iv)).sort((a, b) => a[0].from - b[0].from);
  const keys = stableKeys(stacked, ([iv]) => intervalName(iv));
  return new Map(stacked.map(([, row], i) => [keys[i]!, row]));
}

/** Where a lane's stacked intervals were when a drag began, and what the pointer moves. */
interface KeptLane {
  /** Row by interval key (`stackedRows`). */
  readonly rows: ReadonlyMap<string, number>;
  /** The pushes the pointer moves: their intervals find a free row, as their spans do (`keepRows`). */
  readonly moving: ReadonlySet<string>;
}

/** An interval's end in its row: a deadline's row is busy until it would fire; nothing is 0 ms wide. */
const busyUntil = (iv: LaneInterval) => Math.max(iv.due ?? iv.to, iv.to, iv.from + 1);

/**
 * Places every interval of a lane in a row; stacked kinds are packed greedily below the fixed rows.
 *
 * While an input is dragged (`kept`: the rows when the drag began), an interval that is not the moving
 * pushes' keeps its row as long as it overlaps nothing there; the moving pushes' intervals (and any
 * that would overlap there) take their old row if free, else the lowest free row. Packing afresh
 * on every frame moved other pushes' bars from row to row as the dragged push's bars passed them.
 */
function layoutLane(
  intervals: readonly LaneInterval[],
  kept?: KeptLane,
): { rows: Map<LaneInterval, number>; count: number } {
  const rows = new Map<LaneInterval, number>();
  let fixed = 0;
  for (const iv of intervals) {
    if (stacks(iv)) continue;
    rows.set(iv, fixedRow(iv.kind));
    fixed = Math.max(fixed, fixedRow(iv.kind) + 1);
  }
  const inTime = intervals.filter(stacks).sort((a, b) => a.from - b.from);
  if (!kept) {
    const busy: number[] = [];
    for (const iv of inTime) {
      let r = busy.findIndex((until) => until <= iv.from);
      if (r === -1) r = busy.length;
      busy[r] = busyUntil(iv);
      rows.set(iv, fixed + r);
    }
    return { rows, count: Math.max(1, fixed + busy.length) };
  }
  const keys = stableKeys(inTime, intervalName);
  // Each row's spans in time order; they never overlap, so they end in that order too, and whether a
  // span fits is one binary search (a scan per span made a day of deadlines quadratic per frame).
  const taken: { from: number[]; until: number[] }[] = [];
  const free = (row: number, from: number, until: number) => {
    const r = taken[row];
    if (!r) return true;
    // The first span that ends after `from` is the only one that can overlap.
    let lo = 0;
    let hi = r.until.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r.until[mid]! <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo === r.from.length || r.from[lo]! >= until;
  };
  const place = (i: number, row: number) => {
    const iv = inTime[i]!;
    rows.set(iv, row);
    const r = (taken[row] ??= { from: [], until: [] });
    let at = r.from.length;
    while (at > 0 && r.from[at - 1]! > iv.from) at--;
    r.from.splice(at, 0, iv.from);
    r.until.splice(at, 0, busyUntil(iv));
  };
  const keptRow = (i: number) => {
    const row = kept.rows.get(keys[i]!);
    // A fixed row that appeared during the drag (powerd's, say) moves the stacked rows below it.
    return row !== undefined && row >= fixed ? row : undefined;
  };
  const rest: number[] = [];
  inTime.forEach((iv, i) => {
    const row = keptRow(i);
    if (row !== undefined && !kept.moving.has(iv.push ?? iv.call ?? '') && free(row, iv.from, busyUntil(iv)))
      place(i, row);
    else rest.push(i);
  });
  for (const i of rest) {
    const iv = inTime[i]!;
    const until = busyUntil(iv);
    let row = keptRow(i) ?? fixed;
    if (!free(row, iv.from, until)) for (row = fixed; !free(row, iv.from, until);) row++;
    place(i, row);
  }
  return { rows, count: Math.max(1, fixed, taken.length) };
}

/**
 * Rows for push spans: a row is busy until the end of the span plus its label (in time at this zoom).
 * Each push takes the lowest row free before it starts; the rows' busy-until times sit in a tree of
 * minimums, so finding that row takes log(rows) steps, not a scan of every row (a fitted day of
 * pushes has thousands of rows, and the rows are laid out again on every drag frame).
 */
function assignRows(pushes: readonly PushResult[], end: number, msPerPx: number, charW: number): Map<string, number> {
  const sorted = [...pushes].sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
  let size = 1;
  while (size < sorted.length) size *= 2;
  // Leaves are rows (-Infinity: not used yet, so free); an inner node holds its subtree's minimum.
  // There are fewer rows in use than pushes, so some leaf is always free.
  const busy = new Float64Array(2 * size).fill(-Infinity);
  const out = new Map<string, number>();
  for (const p of sorted) {
    const { freeBefore, stop } = extentOf(p, end, msPerPx, charW);
    let node = 1;
    while (node < size) node = busy[2 * node]! < freeBefore ? 2 * node : 2 * node + 1;
    out.set(p.id, node - size);
    busy[node] = stop;
    for (node >>= 1; node >= 1; node >>= 1) busy[node] = Math.min(busy[2 * node]!, busy[2 * node + 1]!);
  }
  return out;
}

/**
 * The time a push's span and label take in its row, at this zoom, with the gap it wants before it
 * (`charW`: a label character's width, px).
 */
function extentOf(p: PushResult, end: number, msPerPx: number, charW: number): { freeBefore: number; stop: number } {
  const label = (p.id.length + p.fate.length + 6) * charW + 16;
  const spanEnd = Math.max(p.deliveredAt ?? end, p.sentAt);
  // A label that would run past the end goes over the span's end instead (see PushSpan).
  const inside = spanEnd + label * msPerPx > end + 12 * msPerPx;
  const from = inside ? Math.min(p.sentAt, spanEnd - label * msPerPx) : p.sentAt;
  return { freeBefore: from - 8 * msPerPx, stop: inside ? spanEnd : spanEnd + label * msPerPx };
}

/**
 * Rows while inputs are dragged (`kept`: the rows when the drag began). Every push that is not
 * `moving` keeps its row whatever its span does meanwhile: a span that grows may run under its
 * neighbour's label until the drop packs the rows afresh. A moving push (or one not in `kept`) then
 * takes its own row if it overlaps nothing there, else the lowest row where it overlaps nothing. So
 * nothing but what the pointer moves changes rows, and the lane grows only when no row has room for
 * it: a neighbour bumped to a new row moved every lane below, and Chromium laid out and painted the
 * whole timeline again (~30 ms).
 */
function keepRows(
  pushes: readonly PushResult[],
  end: number,
  msPerPx: number,
  kept: ReadonlyMap<string, number>,
  moving: ReadonlySet<string>,
  charW: number,
): Map<string, number> {
  const taken: { freeBefore: number; stop: number }[][] = [];
  const out = new Map<string, number>();
  const rest: PushResult[] = [];
  for (const p of pushes) {
    const row = kept.get(p.id);
    if (row === undefined || moving.has(p.id)) rest.push(p);
    else {
      out.set(p.id, row);
      (taken[row] ??= []).push(extentOf(p, end, msPerPx, charW));
    }
  }
  for (const p of rest) {
    const e = extentOf(p, end, msPerPx, charW);
    const free = (row: number) => !taken[row]?.some((o) => o.freeBefore < e.stop && e.freeBefore < o.stop);
    let row = kept.get(p.id) ?? 0;
    if (!free(row)) for (row = 0; !free(row);) row++;
    out.set(p.id, row);
    (taken[row] ??= []).push(e);
  }
  return out;
}

/**
 * Keys that stay with an item (a push's marker or span of state) when items before it come or go
 * while dragging: keys by position would hand every later item's props to its neighbour, and each of
 * those parts would render and be laid out and painted again.
 */
function stableKeys<T>(items: Iterable<T>, name: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const item of items) {
    const base = name(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.push(`${base}#${n}`);
  }
  return keys;
}

const xOf = (t: number, start: number, end: number, plot: number) => GUTTER + ((t - start) / (end - start)) * plot;

// The timeline's parts are memoized on plain values: while a push is dragged, only the parts whose
// place or text changed render again (and React compares, and the browser repaints, only those).

/** Baseline of the axis's tick labels and of the playhead's time. */
const TICK_Y = 18;

/** The playhead's time in a pill on the tick row, centred on its line and kept inside the plot. */
function playheadPill(px: number, text: string, font: number, plot: number): { x0: number; x1: number } {
  const w = textWidth(text, font, 600) + 10;
  const x0 = Math.min(Math.max(px - w / 2, GUTTER), GUTTER + plot + 12 - w);
  return { x0, x1: x0 + w };
}

const Grid = memo(function Grid(props: {
  start: number;
  end: number;
  plot: number;
  total: number;
  /** The playhead's pill (x from, to): a tick label it would cover is left out, its grid line stays. */
  pillFrom: number;
  pillTo: number;
  /** Font size (px) of the tick labels, as styled. */
  font: number;
}) {
  const { start, end, plot, total, font, pillFrom: from, pillTo: to } = props;
  return ticks(start, end, plot).map((t) => {
    const tx = xOf(t, start, end, plot);
    const label = formatTime(t);
    const covered = tx + 3 < to + GAP && from - GAP < tx + 3 + textWidth(label, font);
    return (
      <g key={t}>
        <line className="grid" x1={tx} x2={tx} y1={AXIS - 6} y2={total} />
        {!covered && (
          <text className="tick" x={tx + 3} y={TICK_Y}>
            {label}
          </text>
        )}
      </g>
    );
  });
});

/** The playhead's time (`pill` from playheadPill): on the axis's tick row, over the tick label it replaces. */
const PlayheadLabel = memo(function PlayheadLabel(props: { text: string; x0: number; x1: number; font: number }) {
  const { x0, x1, font } = props;
  return (
    <g className="playhead-label">
      <rect x={x0} y={TICK_Y - font - 1} width={x1 - x0} height={font + 6} rx={(font + 6) / 2} />
      <text x={(x0 + x1) / 2} y={TICK_Y} textAnchor="middle">
        {props.text}
      </text>
    </g>
  );
});

/**
 * The time axis again, in a strip that stays at the top of the scrolling pane (CSS sticky, so the
 * compositor keeps it there without a render per scrolled frame). The SVG's own axis stays too: it is
 * what an export copies, and what this strip covers when the timeline is not scrolled.
 */
const StickyAxis = memo(function StickyAxis(props: {
  start: number;
  end: number;
  plot: number;
  width: number;
  playhead: number;
  /** Font size (px) of the axis's labels, as styled. */
  font: number;
  clipId: string;
  onPointerDown: (e: ReactPointerEvent<SVGSVGElement>) => void;
}) {
  const { start, end, plot, width, clipId, font } = props;
  const px = xOf(props.playhead, start, end, plot);
  const time = formatTime(props.playhead);
  const pill = playheadPill(px, time, font, plot);
  return (
    <svg className="axis-sticky" width={width} height={AXIS} aria-hidden="true" onPointerDown={props.onPointerDown}>
      <defs>
        <clipPath id={clipId}>
          <rect x={GUTTER} y={0} width={plot + 12} height={AXIS} />
        </clipPath>
      </defs>
      <rect className="axis-bg" x={0} y={0} width={width} height={AXIS} />
      <g clipPath={`url(#${clipId})`}>
        <Grid start={start} end={end} plot={plot} total={AXIS} pillFrom={pill.x0} pillTo={pill.x1} font={font} />
        <line className="playhead" x1={px} x2={px} y1={0} y2={AXIS} />
        <PlayheadLabel text={time} x0={pill.x0} x1={pill.x1} font={font} />
      </g>
      <line className="axis-rule" x1={0} x2={width} y1={AXIS - 0.5} y2={AXIS - 0.5} />
    </svg>
  );
});

/**
 * Each state's tone, which styles.css colours (`.iv[data-tone=…]`; a kind not listed is "quiet"). A
 * bar too narrow for its label also carries its tone's pattern (see CUED), so that no state is told
 * from another by colour alone (red, amber and green are what red-green colour blindness confuses).
 */
export const TONES: Readonly<Record<string, 'on' | 'off' | 'mid' | 'call' | 'rest' | 'gone'>> = {
  'network.wifi': 'on',
  'network.cellular': 'on',
  'apsd.connected': 'on',
  'apns.connected': 'on',
  'app.foreground': 'on',
  'network.offline': 'off',
  'apsd.gave-up': 'off',
  'powerd.restricted': 'off',
  throttle: 'off',
  'audio.none': 'off',
  'audio.null-session': 'off',
  'apsd.dead': 'off',
  'network.cellular-poor': 'mid',
  'apsd.connecting': 'mid',
  'apsd.backoff': 'mid',
  'apns.holding': 'mid',
  'push.waiting': 'mid',
  deadline: 'mid',
  'app.launching': 'mid',
  handler: 'mid',
  'audio.one-way': 'mid',
  'call.ringing': 'call',
  'call.active': 'call',
  'audio.two-way': 'call',
  // The app's process: running in the background is "quiet"; suspended (alive, running no code) is
  // paler, with pause bars when unlabelled; not running is an outline with nothing inside.
  'app.suspended': 'rest',
  'app.not-running': 'gone',
};
const toneOf = (kind: string) => TONES[kind] ?? 'quiet';

/**
 * The tones whose unlabelled bars carry a pattern (`<pattern id="…-cue-{tone}">`, once per timeline):
 * "not working" a diagonal hatch, "in between" dots, a call horizontal stripes, a suspended app
 * upright pause bars. "Working" and "quiet" stay plain; "gone" is told by its empty, dashed outline.
 */
export const CUED: ReadonlySet<string> = new Set(['off', 'mid', 'call', 'rest']);

/**
 * The patterns of the cued tones (CUED), ids `${prefix}-{tone}`: a bar too narrow for its label tells
 * its tone by one of these too, in the lane's colour. Once per timeline, and in the legend.
 */
export function CuePatterns(props: { prefix: string }) {
  return (
    <>
      <pattern
        id={`${props.prefix}-off`}
        data-tone="off"
        width={5}
        height={5}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <line className="cue-hatch" x1={0} y1={0} x2={0} y2={5} />
      </pattern>
      <pattern id={`${props.prefix}-mid`} data-tone="mid" width={4} height={4} patternUnits="userSpaceOnUse">
        <circle className="cue-dot" cx={2} cy={2} r={1} />
      </pattern>
      {/* Four stripes to a bar whatever its place: the tile is a quarter of the bar's height. */}
      <pattern
        id={`${props.prefix}-call`}
        data-tone="call"
        width={1}
        height={0.25}
        patternUnits="objectBoundingBox"
        patternContentUnits="objectBoundingBox"
      >
        <rect className="cue-stripe" x={0} y={0.08} width={1} height={0.09} />
      </pattern>
      {/* Upright pause bars, 6 px apart: a suspended app. */}
      <pattern id={`${props.prefix}-rest`} data-tone="rest" width={6} height={4} patternUnits="userSpaceOnUse">
        <rect className="cue-stripe" x={2} y={0} width={1.5} height={4} />
      </pattern>
    </>
  );
}

/** How a deadline's bar says what ended the app before its check (`LaneInterval.endedBy`). */
function endedWords(endedBy: string): { long: string; short: string; word: string } {
  if (endedBy === 'PK-1') return { long: 'the app crashed', short: 'app crashed', word: 'crashed' };
  if (endedBy === 'KILL-1') return { long: 'the app was killed', short: 'app killed', word: 'killed' };
  if (endedBy === 'force-quit') return { long: 'the user force-quit the app', short: 'force-quit', word: 'quit' };
  if (endedBy === 'reinstall') return { long: 'the app was reinstalled', short: 'reinstalled', word: 'gone' };
  if (endedBy === 'update') return { long: 'the app was updated', short: 'updated', word: 'gone' };
  return { long: `the app ended (${endedBy})`, short: 'app ended', word: 'ended' };
}

const IntervalBar = memo(function IntervalBar(props: {
  /** Start of the ids of the timeline's patterns (`${cues}-{tone}`). */
  cues: string;
  kind: string;
  label: string;
  push: string | undefined;
  rule: string | undefined;
  from: number;
  to: number;
  due: number | undefined;
  open: boolean;
  x0: number;
  x1: number;
  /** x of `due`, when there is one. */
  xDue: number | undefined;
  /** What cut a deadline short: the rule that crashed or killed the app (PK-1, KILL-1) or the user's action. */
  endedBy: string | undefined;
  y0: number;
  /** The bar's height and its label's font size (px): larger in present mode. */
  height: number;
  font: number;
  onZoom: (from: number, to: number) => void;
}) {
  const { kind, push, from, to, due, open, x0, y0, height, font, endedBy } = props;
  const w = Math.max(1.5, props.x1 - x0);
  const deadline = kind === 'deadline' && due !== undefined;
  // A check cut short by the app's end never happened: no window to its due time is drawn.
  const windowW = deadline && !endedBy ? Math.max(1.5, (props.xDue ?? x0) - x0) : 0;
  const left = deadline ? Math.max(0, due - to) : 0;
  // A label stays inside its box (5 px in from each side): a shorter wording, or cut with an ellipsis;
  // the box's tooltip has it whole.
  const who = push ?? '';
  const by = formatTime(due ?? to);
  const ended = deadline && endedBy ? endedWords(endedBy) : undefined;
  const endedTexts = ended ? [`${who}: ${ended.long} first`, ended.short, ended.word] : [];
  const deadlineTexts =
    windowW <= 0
      ? []
      : open
        ? [`${who}: must report before ${by}`, `must report before ${by}`, `report by ${by}`, `by ${by}`]
        : left > 0
          ? [`${who}: reported, ${formatTime(left)} to spare`, `reported, ${formatTime(left)} to spare`, 'reported']
          : [
              `${who}: ${formatTime((due ?? to) - from)} check — nothing reported`,
              `${who}: nothing reported`,
              'nothing reported',
              'not reported',
            ];
  const deadlineText =
    windowW > 40 ? fitText(deadlineTexts, windowW - 10, font) : w > 40 ? fitText(endedTexts, w - 10, font) : '';
  const barText = w > 60 && kind !== 'deadline' ? fitText(shorterLabels(props.label, push), w - 10, font) : '';
  const tone = toneOf(kind);
  // The label's baseline, its text centred in the bar (y0 + 12 for 11 px labels in a 16 px bar).
  const baseline = y0 + Math.round((height + font * 0.72) / 2);
  return (
    <g onDoubleClick={(e) => (e.stopPropagation(), props.onZoom(from, due ?? to))}>
      {windowW > 0 && (
        <rect className="deadline-window" x={x0} y={y0} width={windowW} height={height} rx={3}>
          <title>{`${deadlineTexts[0]}; callservicesd checks at ${by} (KILL-1)`}</title>
        </rect>
      )}
      <rect
        className={`iv iv-${kind.replace(/\./g, '-')}`}
        data-tone={tone}
        x={x0}
        y={y0}
        width={w}
        height={height}
        rx={3}
      >
        <title>
          {ended
            ? `${who}: ${ended.long}${endedBy && ruleById(endedBy) ? ` (${endedBy})` : ''} ${to > from ? `${formatTime(to - from)} into` : 'at the start of'} callservicesd's ${formatTime((due ?? to) - from)} check, so the check never came (${props.rule})`
            : `${deadlineTexts[0] ? `${deadlineTexts[0]}; ` : ''}${props.label}: ${formatTime(from)} → ${open ? 'end' : formatTime(to)}${props.rule ? ` (${props.rule})` : ''}`}
        </title>
      </rect>
      {!barText && !deadlineText && CUED.has(tone) && (
        <rect className="iv-cue" x={x0} y={y0} width={w} height={height} rx={3} fill={`url(#${props.cues}-${tone})`} />
      )}
      {deadlineText && (
        <text className="iv-label" x={x0 + 5} y={baseline}>
          {deadlineText}
        </text>
      )}
      {barText && (
        <text className="iv-label" x={x0 + 5} y={baseline}>
          {barText}
        </text>
      )}
    </g>
  );
});

const PushSpan = memo(function PushSpan(props: {
  id: string;
  kind: string;
  fate: Fate;
  sentAt: number;
  deliveredAt: number | undefined;
  /** The scenario end: where an undelivered push's span stops. */
  end: number;
  x0: number;
  x1: number;
  y0: number;
  /** The right edge of the drawing: a label that would run past it goes inside the span's end. */
  limit: number;
  /** The row's height and the label's size (px): larger in present mode. */
  row: number;
  font: number;
  hidden: boolean;
  differs: boolean;
  selected: boolean;
  /** File index of the push's input, when it has one (it can be dragged). */
  input: number | undefined;
  onDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => void;
  onSelect: (id: string) => void;
  onFocus: (id: string) => void;
  onZoom: (from: number, to: number) => void;
}) {
  const { id, sentAt, deliveredAt, x0, x1, y0, hidden, differs } = props;
  const style = hidden ? CONCEALED_STYLE : FATE_STYLE[props.fate];
  const text = `${style.icon} ${id} · ${style.label}${differs ? '  ≠' : ''}`;
  const after = Math.max(x1, x0 + 8) + 6;
  // A span that runs to the end of the scenario (an undelivered push) would lose its fate word past
  // the edge: its label then ends where the span ends, and the line stops before it.
  // A span too short to hold it (a push sent near the end) has its label end before its handle.
  const charW = (LABEL_CHAR * props.font) / PUSH_FONT;
  const textW = text.length * charW;
  const inside = after + textW > props.limit;
  const before = inside && x1 - 2 - textW < x0 + 10;
  const labelX = !inside ? after : before ? x0 - 10 : x1 - 2;
  const lineEnd = inside && !before ? Math.max(x0 + 2, labelX - textW - 6) : Math.max(x1, x0 + 2);
  const mid = y0 + props.row / 2;
  return (
    <g
      className={`push tone-${style.tone}${props.selected ? ' selected' : ''}${differs ? ' differs' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`push ${id}, ${props.kind}, sent ${formatTime(sentAt)}, ${hidden ? 'fate not shown yet' : `fate ${props.fate}`}${differs ? ', differs in the comparison' : ''}`}
      onPointerDown={(e) => props.onDown(id, props.input, e)}
      onKeyDown={(e) => e.key === 'Enter' && props.onSelect(id)}
      onFocus={() => props.onFocus(id)}
      onDoubleClick={(e) => (e.stopPropagation(), props.onZoom(sentAt, deliveredAt ?? props.end))}
    >
      <line
        className="push-span"
        x1={x0}
        x2={lineEnd}
        y1={mid}
        y2={mid}
        strokeDasharray={deliveredAt === undefined ? '4 3' : undefined}
      />
      <circle className="push-handle" cx={x0} cy={mid} r={6} />
      <text
        className="push-label"
        x={labelX}
        y={mid + Math.round(props.font / 3)}
        textAnchor={inside ? 'end' : undefined}
      >
        {text}
      </text>
    </g>
  );
});

const InputMark = memo(function InputMark(props: {
  index: number;
  label: string;
  /** The label as shown: whole, cut short or '' (see `placeInputLabels`); on the left when `labelEnd`. */
  shown: string;
  labelX: number;
  labelEnd: boolean;
  t: number;
  cx: number;
  cy: number;
  top: number;
  /** A network or power change on an editable timeline: the edge between two spans can be grabbed. */
  edge: boolean;
  /** The label's font size (px): its baseline is centred on the diamond. */
  font: number;
  selected: boolean;
  onDown: (index: number, e: ReactPointerEvent<SVGElement>) => void;
}) {
  const { index, label, t, cx, cy, top } = props;
  return (
    <g
      className={`input${props.selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${label} at ${formatTime(t)}`}
      onPointerDown={(ev) => props.onDown(index, ev)}
    >
      {props.shown !== label && <title>{`${label} at ${formatTime(t)}`}</title>}
      <line className="input-stem" x1={cx} x2={cx} y1={top + 4} y2={cy} />
      {props.edge && (
        // Network and power states are spans: the edge between two of them is this event,
        // so the whole edge can be grabbed, not only the diamond below it.
        <rect
          className="span-edge"
          data-testid={`edge-${index}`}
          x={cx - 5}
          y={top + 4}
          width={10}
          height={Math.max(0, cy - 10 - (top + 4))}
        >
          <title>{`${label} at ${formatTime(t)}: drag the edge to move it`}</title>
        </rect>
      )}
      <path className="input-mark" d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy} L ${cx} ${cy + 7} L ${cx - 7} ${cy} Z`} />
      {props.shown && (
        <text
          className="input-label"
          x={props.labelX}
          y={cy + Math.round(props.font * 0.36)}
          textAnchor={props.labelEnd ? 'end' : undefined}
        >
          {props.shown}
        </text>
      )}
    </g>
  );
});

/** The markers' glyphs by kind; any other marker is a dot. The legend lists these. */
export const MARKER_GLYPHS: Readonly<Record<string, string>> = {
  'app.crashed': '✕',
  'app.killed': '☠',
  strike: '⚑',
  'push.throttled': '⊘',
};
const markerGlyph = (kind: string) => MARKER_GLYPHS[kind] ?? '•';

/** An input's label on its lane's bottom row: where it starts (or ends, `end`) and the text shown. */
interface InputLabel {
  readonly text: string;
  readonly x: number;
  readonly end: boolean;
}

/**
 * Places the labels of one lane's inputs (sorted by x) on the row they share with the lane's markers
 * (in time order, at `markerX`): right of the diamond, or left of it when only there is room, or cut
 * short on the roomier side, so that a label never runs over a marker, another input or its label.
 * Markers are found by bisection: the work grows with the inputs, not with the pushes.
 */
/** Whether a marker at `mx` would be drawn over one of a lane's input diamonds (`inputs` sorted by cx). */
function onDiamond(inputs: readonly { cx: number }[] | undefined, mx: number, kind: string): boolean {
  if (!inputs) return false;
  const reach = DIAMOND + textWidth(markerGlyph(kind), MARKER_SIZE, 700) / 2;
  let lo = 0;
  let hi = inputs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inputs[mid]!.cx < mx - reach) lo = mid + 1;
    else hi = mid;
  }
  return lo < inputs.length && inputs[lo]!.cx <= mx + reach;
}

function placeInputLabels(
  inputs: readonly { index: number; cx: number; label: string }[],
  markers: readonly LaneMarker[],
  markerX: (t: number) => number,
  width: number,
  /** The labels' font size (px): larger in present mode. */
  font: number,
): Map<number, InputLabel> {
  const out = new Map<number, InputLabel>();
  /** The first marker whose x is past `px`. */
  const firstPast = (px: number) => {
    let lo = 0;
    let hi = markers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (markerX(markers[mid]!.at) > px) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const half = (m: LaneMarker) => textWidth(markerGlyph(m.kind), MARKER_SIZE, 700) / 2;
  let taken = GUTTER;
  inputs.forEach(({ index, cx, label }, k) => {
    // Markers drawn on the diamond itself (within 1 px) hide under it, not under the label.
    const next = markers[firstPast(cx + 1)];
    const prev = markers[firstPast(cx - 1) - 1];
    const before = inputs[k - 1];
    const after = inputs[k + 1];
    const right = Math.min(
      width - GAP,
      after ? after.cx - DIAMOND - GAP : Infinity,
      next ? markerX(next.at) - half(next) - GAP : Infinity,
    );
    const left = Math.max(
      taken + GAP,
      before ? before.cx + DIAMOND + GAP : -Infinity,
      prev ? markerX(prev.at) + half(prev) + GAP : -Infinity,
    );
    const start = cx + DIAMOND + 3;
    const stop = cx - DIAMOND - 3;
    const whole = textWidth(label, font);
    const placed: InputLabel =
      whole <= right - start
        ? { text: label, x: start, end: false }
        : whole <= stop - left
          ? { text: label, x: stop, end: true }
          : right - start >= stop - left
            ? { text: fitText([label], right - start, font), x: start, end: false }
            : { text: fitText([label], stop - left, font), x: stop, end: true };
    out.set(index, placed);
    taken = placed.end || placed.text === '' ? cx + DIAMOND : start + textWidth(placed.text, font);
  });
  return out;
}

const Marker = memo(function Marker(props: {
  kind: string;
  label: string;
  rule: string | undefined;
  at: number;
  x: number;
  y: number;
}) {
  const { kind, at } = props;
  return (
    <g className={`marker marker-${kind.replace(/\./g, '-')}`}>
      <text x={props.x} y={props.y} textAnchor="middle">
        {markerGlyph(kind)}
        <title>{`${formatTime(at)} ${props.label}${props.rule ? ` (${props.rule})` : ''}`}</title>
      </text>
    </g>
  );
});

export const Timeline = memo(function Timeline(props: TimelineProps) {
  const { output, events, view, playhead, selection, selectedPush } = props;
  const { result, trace } = output;
  const host = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  /** Whether the timeline's width has been measured (the push rows depend on it). */
  const measured = useRef(false);
  const clipId = `plot-clip-${useId().replace(/:/g, '')}`;
  const [width, setWidth] = useState(1000);
  /**
   * While an input is dragged: its time and where it stands against the nearest other input, next to
   * the pointer (`x`, `y`) but clear of the axis strip.
   */
  const [drag, setDrag] = useState<
    { label: string; relation: string | undefined; x: number; y: number; below: boolean } | undefined
  >();
  /** While an input is dragged: the order of the pushes when the drag began. */
  const [dragOrder, setDragOrder] = useState<ReadonlyMap<string, number>>();
  /**
   * While an input is dragged: the push rows and lane heights when the drag began, and the pushes
   * the pointer moves. The other pushes keep their rows and lanes do not shrink, so the lanes below
   * do not jump on every frame (and Chromium does not lay out and paint every lane again); the drop
   * packs the rows afresh.
   */
  const [dragLayout, setDragLayout] = useState<{
    rows: ReadonlyMap<string, number>;
    /** Each lane's stacked rows (`layoutLane`). */
    lanes: ReadonlyMap<LaneId, ReadonlyMap<string, number>>;
    moving: ReadonlySet<string>;
    heights: Readonly<Record<LaneId, number>>;
  }>();

  // Measured before the first paint (and before anything can export the SVG), then on every resize:
  // a width still at its default until the observer's first callback made a loaded machine export
  // a 1000 px image.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    if (el.clientWidth > 0) {
      measured.current = true;
      setWidth(Math.max(400, el.clientWidth));
    }
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      measured.current = true;
      setWidth(Math.max(400, entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The axis's labels are larger in present mode (styles.css): the playhead's pill is sized to its text.
  // So are the bars' labels, and their rows are taller to hold them; there may be no bar to measure
  // yet, so a label is measured on a probe.
  const [axisFont, setAxisFont] = useState(SMALL);
  const [barFont, setBarFont] = useState(SMALL);
  const [inputFont, setInputFont] = useState(SMALL);
  const [pushFont, setPushFont] = useState(PUSH_FONT);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const tick = svg?.querySelector('.playhead-label');
    if (tick) setAxisFont(parseFloat(getComputedStyle(tick).fontSize) || SMALL);
    if (!svg) return;
    const probe = svg.appendChild(document.createElementNS(svg.namespaceURI, 'text'));
    probe.setAttribute('class', 'iv-label');
    setBarFont(parseFloat(getComputedStyle(probe).fontSize) || SMALL);
    probe.setAttribute('class', 'input-label');
    setInputFont(parseFloat(getComputedStyle(probe).fontSize) || SMALL);
    probe.setAttribute('class', 'push-label');
    setPushFont(parseFloat(getComputedStyle(probe).fontSize) || PUSH_FONT);
    probe.remove();
  }, []);
  const rowHeight = barRow(barFont);
  const pushRowHeight = pushRow(pushFont);
  const charW = (LABEL_CHAR * pushFont) / PUSH_FONT;

  const plot = width - GUTTER - 12;
  const x = useCallback((t: number) => GUTTER + ((t - view.start) / (view.end - view.start)) * plot, [view, plot]);
  const tAt = useCallback((px: number) => view.start + ((px - GUTTER) / plot) * (view.end - view.start), [view, plot]);

  const msPerPx = (view.end - view.start) / plot;
  const keptRows = dragLayout?.rows;
  const moving = dragLayout?.moving;
  const pushRows = useMemo(
    () =>
      keptRows && moving
        ? keepRows(result.pushes, trace.end, msPerPx, keptRows, moving, charW)
        : assignRows(result.pushes, trace.end, msPerPx, charW),
    [result.pushes, trace.end, msPerPx, keptRows, moving, charW],
  );
  let providerRows = 1;
  for (const row of pushRows.values()) providerRows = Math.max(providerRows, row + 1);
  const keptLanes = dragLayout?.lanes;
  const layouts = useMemo(() => {
    const m = new Map<LaneId, ReturnType<typeof layoutLane>>();
    for (const lane of LANES) {
      const kept = keptLanes?.get(lane);
      m.set(
        lane,
        layoutLane(
          trace.intervals.filter((iv) => iv.lane === lane),
          kept && moving ? { rows: kept, moving } : undefined,
        ),
      );
    }
    return m;
  }, [trace.intervals, keptLanes, moving]);
  const heights = {} as Record<LaneId, number>;
  for (const lane of LANES) {
    heights[lane] =
      lane === 'provider'
        ? 18 + providerRows * (pushRowHeight + 4)
        : 12 + (layouts.get(lane)?.count ?? 1) * (rowHeight + 3) + 26;
    heights[lane] = Math.max(heights[lane], dragLayout?.heights[lane] ?? 0);
  }
  // A lane that grew during the drag keeps its new height until the drop (no flicker of one row).
  if (dragLayout && LANES.some((lane) => heights[lane] > dragLayout.heights[lane]))
    setDragLayout({ ...dragLayout, heights: { ...heights } });
  const tops = {} as Record<LaneId, number>;
  let y = AXIS;
  for (const lane of LANES) {
    tops[lane] = y;
    y += heights[lane];
  }
  const total = y + 8;

  // Appended in place: the markers change on every drag frame, and a lane can hold thousands of them
  // (a throttled day marks every push), so copying a lane's list per marker would be quadratic.
  const markersByLane = useMemo(() => {
    const m = new Map<LaneId, LaneMarker[]>();
    for (const mk of trace.markers) {
      if (mk.kind === 'push.sent' || mk.kind === 'push.delivered' || mk.kind === 'call.cancelled') continue;
      let list = m.get(mk.lane);
      if (!list) m.set(mk.lane, (list = []));
      list.push(mk);
    }
    return m;
  }, [trace.markers]);
  // Each lane's placed intervals and their keys, and its markers' keys: once per result and zoom, not
  // on every render (a selection or a playhead move renders the timeline again, with thousands of them).
  const placedByLane = useMemo(() => {
    const m = new Map<LaneId, { placed: [LaneInterval, number][]; keys: string[] }>();
    for (const [lane, layout] of layouts) {
      const placed = [...layout.rows.entries()];
      m.set(lane, { placed, keys: stableKeys(placed, ([iv]) => intervalName(iv)) });
    }
    return m;
  }, [layouts]);
  const markerKeys = useMemo(() => {
    const m = new Map<LaneId, string[]>();
    for (const [lane, markers] of markersByLane)
      m.set(
        lane,
        stableKeys(markers, (mk) => `${mk.kind}|${mk.push ?? ''}`),
      );
    return m;
  }, [markersByLane]);

  // Push spans are in time order, except while an input is dragged: then they stay in the order the
  // drag began with, so that React does not move the dragged push (focused, and moving it makes React
  // restore the focus and the scroll of every ancestor, a forced layout) past its neighbours each frame.
  const shownPushes = useMemo(
    () =>
      dragOrder
        ? [...result.pushes].sort((a, b) => (dragOrder.get(a.id) ?? Infinity) - (dragOrder.get(b.id) ?? Infinity) || 0)
        : result.pushes,
    [result.pushes, dragOrder],
  );

  // With many pushes, only the rows within the scrolled view and one view's height above and below it
  // are rendered (the SVG keeps its full height, so nothing moves): Chromium paints an SVG whole, not
  // only what its scroll container shows. A selected, dragged or focused push is always rendered, and
  // so are the pushes before and after a focused one, so that Tab and Shift+Tab walk on to them.
  const windowed = result.pushes.length >= WINDOW_FROM && !props.complete;
  /** The rendered band, in the SVG's y (px). */
  const [band, setBand] = useState({ top: 0, bottom: 4 * BAND_STEP });
  const [focused, setFocused] = useState<string>();
  const measureBand = useCallback(() => {
    const svg = svgRef.current;
    const el = host.current;
    if (!svg || !el) return;
    const scroller = scrollParent(el);
    const viewTop = scroller ? scroller.getBoundingClientRect().top + scroller.clientTop : 0;
    const viewHeight = scroller ? scroller.clientHeight : window.innerHeight;
    const from = viewTop - svg.getBoundingClientRect().top;
    const top = Math.floor((from - viewHeight) / BAND_STEP) * BAND_STEP;
    const bottom = Math.ceil((from + 2 * viewHeight) / BAND_STEP) * BAND_STEP;
    setBand((b) => (b.top === top && b.bottom === bottom ? b : { top, bottom }));
  }, []);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || !windowed) return;
    const scroller = scrollParent(el);
    measureBand();
    let frame = 0;
    const onScroll = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          measureBand();
        });
    };
    const target = scroller ?? window;
    target.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    if (scroller) observer.observe(scroller);
    return () => {
      target.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [windowed, measureBand]);
  const pushY = (id: string) => tops.provider + 8 + (pushRows.get(id) ?? 0) * (pushRowHeight + 4);
  const keep = new Set<string>();
  if (windowed) {
    if (selectedPush !== undefined) keep.add(selectedPush);
    if (focused !== undefined) {
      keep.add(focused);
      const at = shownPushes.findIndex((p) => p.id === focused);
      if (at > 0) keep.add(shownPushes[at - 1]!.id);
      if (at !== -1 && at + 1 < shownPushes.length) keep.add(shownPushes[at + 1]!.id);
    }
  }
  const inBand = (y0: number) => !windowed || (y0 + rowHeight >= band.top && y0 <= band.bottom);

  // A push selected elsewhere (the Fates table, a link, the keyboard) is scrolled into the view.
  // (Not one picked on this timeline: it is in view, and scrolling would move it from under the pointer.)
  const reveal = useRef<string | undefined>(undefined);
  const pickedHere = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    reveal.current = selectedPush === pickedHere.current ? undefined : selectedPush;
    pickedHere.current = undefined;
  }, [selectedPush]);
  useLayoutEffect(() => {
    const id = reveal.current;
    const el = host.current;
    const svg = svgRef.current;
    if (id === undefined || props.readOnly || !measured.current || !el || !svg) return;
    reveal.current = undefined;
    if (!pushRows.has(id)) return;
    const scroller = scrollParent(el);
    if (!scroller) return;
    const view = scroller.getBoundingClientRect();
    const top = svg.getBoundingClientRect().top + pushY(id);
    const viewTop = view.top + scroller.clientTop;
    // The sticky axis covers the view's top AXIS px.
    if (top < viewTop + AXIS || top + pushRowHeight > viewTop + scroller.clientHeight) {
      scroller.scrollTop += top + pushRowHeight / 2 - (viewTop + (AXIS + scroller.clientHeight) / 2);
      measureBand();
    }
  });

  const eventTime = (e: TimelineEventFile) => parseDuration(e.at) ?? 0;
  const pushInput = useMemo(() => {
    const m = new Map<string, number>();
    events.forEach((e, i) => {
      const id = sentPushId(e);
      if (id !== undefined) m.set(id, i);
    });
    return m;
  }, [events]);

  // Dragging inputs: all selected events move by the same delta.
  const startInputDrag = (index: number, ev: ReactPointerEvent<SVGElement>) => {
    ev.stopPropagation();
    if (props.readOnly) return;
    const additive = ev.shiftKey;
    const chosen = additive
      ? selection.includes(index)
        ? selection
        : [...selection, index]
      : selection.includes(index)
        ? selection
        : [index];
    props.onSelectEvents(chosen);
    // Where the timeline is on screen, read again only after a scroll or a resize: reading it on every
    // move would force a layout of what the last frame's panels changed, inside the input handler.
    let rect = host.current?.getBoundingClientRect();
    /** The top of the scrolling pane, where the sticky axis strip is, in the viewport. */
    let pane: number | undefined;
    const moveRect = () => ((rect = undefined), (pane = undefined));
    const hostRect = () => (rect ??= host.current?.getBoundingClientRect());
    const paneTop = () => (pane ??= (host.current && scrollParent(host.current)?.getBoundingClientRect().top) ?? 0);
    const origin = tAt(ev.clientX - (hostRect()?.left ?? 0));
    const starts = new Map(chosen.map((i) => [i, eventTime(events[i]!)]));
    // Window listeners, not pointer capture: the dragged element may be re-ordered in the DOM mid-drag.
    const target = window;
    let moved = false;
    /** The other inputs by time, taken when the drag begins ("300 ms after app background"). */
    let others: Landmark[] = [];
    const move = (e: PointerEvent) => {
      const delta = tAt(e.clientX - (hostRect()?.left ?? 0)) - origin;
      if (!moved) {
        if ((Math.abs(delta) / (view.end - view.start)) * plot < 2) return;
        moved = true;
        // Pushes keep their place in the DOM while dragged (see `shownPushes`).
        setDragOrder(new Map(result.pushes.map((p, i) => [p.id, i])));
        // The dragged pushes (and their bars) find a free row on each frame; the others keep theirs (see
        // keepRows and layoutLane).
        const dragged = new Set([...pushInput].filter(([, i]) => starts.has(i)).map(([id]) => id));
        const lanes = new Map([...layouts].map(([lane, layout]) => [lane, stackedRows(layout.rows)]));
        setDragLayout({ rows: pushRows, lanes, moving: dragged, heights });
        others = landmarks(events, new Set(chosen));
        props.onDragStart();
      }
      const times = new Map<number, number>();
      for (const [i, t0] of starts) times.set(i, snap(t0 + delta, e.altKey));
      const first = times.get(index) ?? 0;
      // Above the pointer, unless the axis strip covers that (a push in the top row): then below it.
      const top = hostRect()?.top ?? 0;
      setDrag({
        label: formatTime(first),
        relation: relativeTo(first, others),
        x: x(first),
        y: e.clientY - top,
        below: e.clientY - DRAG_LABEL_ABOVE < Math.max(paneTop(), top) + AXIS,
      });
      props.onDragMove(times);
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      target.removeEventListener('scroll', moveRect, true);
      target.removeEventListener('resize', moveRect);
      setDrag(undefined);
      setDragOrder(undefined);
      setDragLayout(undefined);
      if (moved) props.onDragEnd();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
    target.addEventListener('scroll', moveRect, { capture: true, passive: true });
    target.addEventListener('resize', moveRect);
  };

  // Two fingers on a touch screen pinch-zoom around their midpoint; one finger (or the mouse) pans.
  const touches = useRef(new Map<number, number>());
  const pinching = useRef(false);
  const startPinch = () => {
    const [[idA, xA], [idB, xB]] = [...touches.current.entries()] as [[number, number], [number, number]];
    const left = host.current?.getBoundingClientRect().left ?? 0;
    const d0 = Math.max(Math.abs(xA - xB), 10);
    const base = view;
    const span0 = base.end - base.start;
    const anchor = base.start + ((Math.min(xA, xB) + d0 / 2 - left - GUTTER) / plot) * span0;
    const ratio = (anchor - base.start) / span0;
    pinching.current = true;
    const move = (e: PointerEvent) => {
      if (e.pointerId !== idA && e.pointerId !== idB) return;
      touches.current.set(e.pointerId, e.clientX);
      const d = Math.max(Math.abs((touches.current.get(idA) ?? xA) - (touches.current.get(idB) ?? xB)), 10);
      const next = Math.min(Math.max((span0 * d0) / d, 50), 40 * 86_400_000);
      props.onView({ start: anchor - ratio * next, end: anchor - ratio * next + next });
    };
    const end = (e: PointerEvent) => {
      if (e.pointerId !== idA && e.pointerId !== idB) return;
      touches.current.delete(e.pointerId);
      pinching.current = false;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };

  // Dragging the background pans; a click without movement moves the playhead.
  const startPan = (ev: ReactPointerEvent<SVGSVGElement>) => {
    if (ev.button !== 0) return;
    if (ev.pointerType === 'touch') {
      touches.current.set(ev.pointerId, ev.clientX);
      if (touches.current.size === 2) {
        startPinch();
        return;
      }
    }
    const id = ev.pointerId;
    const startX = ev.clientX;
    const base = view;
    const target = window;
    let moved = false;
    const move = (e: PointerEvent) => {
      if (e.pointerId !== id) return;
      // A second finger turned this pan into a pinch: the pinch moves the view now.
      if (pinching.current) {
        moved = true;
        return;
      }
      const dx = e.clientX - startX;
      if (Math.abs(dx) > 3) moved = true;
      if (!moved) return;
      const dt = (-dx / plot) * (base.end - base.start);
      props.onView({ start: base.start + dt, end: base.end + dt });
    };
    const up = (e: PointerEvent) => {
      if (e.pointerId !== id) return;
      touches.current.delete(id);
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      if (!moved && e.type === 'pointerup') {
        const left = host.current?.getBoundingClientRect().left ?? 0;
        const px = e.clientX - left;
        if (px > GUTTER) {
          props.onPlayhead(Math.round(tAt(px)));
          props.onSelectEvents([]);
        }
      }
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  // Ctrl/⌘ + wheel (and trackpad pinch, which Chromium sends as ctrl + wheel) zooms the timeline, not
  // the page: that needs preventDefault, which React's passive wheel listener cannot do, so the
  // listener is a native, non-passive one that reads the latest view through a ref.
  const onWheel = (e: globalThis.WheelEvent) => {
    const left = host.current?.getBoundingClientRect().left ?? 0;
    const span = view.end - view.start;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const at = tAt(e.clientX - left);
      const factor = Math.exp(e.deltaY * 0.002);
      const next = Math.min(Math.max(span * factor, 50), 40 * 86_400_000);
      const ratio = (at - view.start) / span;
      props.onView({ start: at - ratio * next, end: at - ratio * next + next });
    } else if (e.shiftKey) {
      e.preventDefault();
      const dt = ((e.deltaY || e.deltaX) / plot) * span;
      props.onView({ start: view.start + dt, end: view.end + dt });
    }
  };
  const wheel = useRef(onWheel);
  useEffect(() => {
    wheel.current = onWheel;
  });
  useEffect(() => {
    // On the host, not the SVG: the sticky axis above the SVG zooms and pans too.
    const el = host.current;
    if (!el) return;
    const listener = (e: globalThis.WheelEvent) => wheel.current(e);
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, []);

  const zoomTo = (from: number, to: number) => {
    const pad = Math.max((to - from) * 0.15, 200);
    props.onView({ start: from - pad, end: to + pad });
  };

  const clampX = (t: number) => Math.min(Math.max(x(t), GUTTER - 2), width);
  const pill = playheadPill(x(playhead), formatTime(playhead), axisFont, plot);

  const inputLabels = new Map<number, InputLabel>();
  const inputsByLane = new Map<LaneId, { index: number; cx: number; label: string }[]>();
  events.forEach((e, i) => {
    if (e.do === 'push' || (e.do === 'cancel' && e.via !== 'none')) return;
    const lane = laneOfEvent(e);
    const list = inputsByLane.get(lane) ?? [];
    list.push({ index: i, cx: x(eventTime(e)), label: eventLabel(e) });
    inputsByLane.set(lane, list);
  });
  for (const [lane, inputs] of inputsByLane) {
    inputs.sort((a, b) => a.cx - b.cx);
    for (const [i, placed] of placeInputLabels(inputs, markersByLane.get(lane) ?? [], x, width, inputFont))
      inputLabels.set(i, placed);
  }

  // Stable identities for the memoized parts; each call runs the latest version.
  const handlers = useHandlers({
    pushDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => {
      pickedHere.current = id;
      props.onSelectPush(id);
      if (input !== undefined) startInputDrag(input, e);
      else e.stopPropagation();
    },
    inputDown: (index: number, e: ReactPointerEvent<SVGElement>) => startInputDrag(index, e),
    selectPush: (id: string) => {
      pickedHere.current = id;
      props.onSelectPush(id);
    },
    focusPush: (id: string) => setFocused(id),
    zoomTo,
    startPan,
  });
  // The dragged time's box, as wide as its time: right of the pointer, or left of it at the right edge.
  const relation = drag?.relation ? ` · ${drag.relation}` : '';
  const dragW =
    drag && Math.max(DRAG_LABEL_W, textWidth(drag.label, 12, 600) + (relation ? textWidth(relation, 12) : 0) + 12);
  const dragX = drag && dragW && (drag.x + 10 + dragW <= width - 2 ? drag.x + 10 : drag.x - 10 - dragW);
  const dragY = drag && (drag.below ? drag.y + DRAG_LABEL_BELOW : drag.y - DRAG_LABEL_ABOVE);

  return (
    <div className="timeline" ref={host}>
      <svg
        width={width}
        height={total}
        role="application"
        aria-label={props.readOnly ? 'Variant timeline' : 'Timeline'}
        onPointerDown={startPan}
        ref={svgRef}
        onDoubleClick={(e) => {
          const rect = host.current?.getBoundingClientRect();
          if (!rect) return;
          const py = e.clientY - rect.top;
          const lane = LANES.find((l) => py >= tops[l] && py < tops[l] + heights[l]);
          if (lane && e.clientX - rect.left > GUTTER)
            props.onAddEvent(lane, snap(tAt(e.clientX - rect.left), e.altKey));
        }}
      >
        <defs>
          <clipPath id={clipId}>
            {/* Not the timeline's height: when a lane grew, a new clip height invalidated everything it
                clips, and Chromium painted the whole plot again (~30 ms instead of ~5 on a drag frame). */}
            <rect x={GUTTER} y={0} width={plot + 12} height={100_000} />
          </clipPath>
          <CuePatterns prefix={`${clipId}-cue`} />
        </defs>
        {/* axis */}
        <rect className="axis-bg" x={0} y={0} width={width} height={AXIS} />
        <g clipPath={`url(#${clipId})`}>
          <Grid
            start={view.start}
            end={view.end}
            plot={plot}
            total={total}
            pillFrom={pill.x0}
            pillTo={pill.x1}
            font={axisFont}
          />
          {trace.start < 0 && (
            <rect
              className="before-zero"
              x={clampX(trace.start)}
              y={AXIS}
              width={Math.max(0, clampX(0) - clampX(trace.start))}
              height={total - AXIS}
            />
          )}
        </g>
        {LANES.map((lane) => (
          <g key={lane} role="group" aria-label={`${LANE_LABELS[lane]} lane`}>
            <rect className="lane-bg" x={0} y={tops[lane]} width={width} height={heights[lane]} />
            <text className="lane-label" x={12} y={tops[lane] + 20}>
              {LANE_LABELS[lane]}
            </text>
          </g>
        ))}
        <g clipPath={`url(#${clipId})`}>
          {LANES.filter((l) => l !== 'provider').map((lane) => {
            const { placed, keys } = placedByLane.get(lane) ?? { placed: [], keys: [] };
            return placed.map(([iv, row], i) => {
              const y0 = tops[lane] + 6 + row * (rowHeight + 3);
              return !inBand(y0) ? null : (
                <IntervalBar
                  key={keys[i]}
                  cues={`${clipId}-cue`}
                  kind={iv.kind}
                  label={iv.label}
                  push={iv.push}
                  rule={iv.rule}
                  from={iv.from}
                  to={iv.to}
                  due={iv.due}
                  open={iv.open}
                  x0={clampX(iv.from)}
                  x1={clampX(iv.to)}
                  xDue={iv.due === undefined ? undefined : clampX(iv.due)}
                  endedBy={iv.endedBy}
                  y0={y0}
                  height={rowHeight}
                  font={barFont}
                  onZoom={handlers.zoomTo}
                />
              );
            });
          })}
          {/* push spans on the provider lane: sent → delivered, with the fate at the end */}
          {shownPushes.map((p) => {
            const input = pushInput.get(p.id);
            const selected = selectedPush === p.id || (input !== undefined && selection.includes(input));
            const y0 = pushY(p.id);
            if (!selected && !inBand(y0) && !keep.has(p.id)) return null;
            return (
              <PushSpan
                key={p.id}
                id={p.id}
                kind={p.kind}
                fate={p.fate}
                sentAt={p.sentAt}
                deliveredAt={p.deliveredAt}
                end={trace.end}
                x0={x(p.sentAt)}
                x1={x(p.deliveredAt ?? trace.end)}
                y0={y0}
                limit={width}
                row={pushRowHeight}
                font={pushFont}
                hidden={props.concealed?.has(p.id) ?? false}
                differs={props.differs?.has(p.id) ?? false}
                selected={selected}
                input={input}
                onDown={handlers.pushDown}
                onSelect={handlers.selectPush}
                onFocus={handlers.focusPush}
                onZoom={handlers.zoomTo}
              />
            );
          })}
          {/* inputs on the other lanes */}
          {events.map((e, i) => {
            const lane = laneOfEvent(e);
            if (e.do === 'push' || (e.do === 'cancel' && e.via !== 'none')) return null;
            const t = eventTime(e);
            return (
              <InputMark
                key={`in-${i}`}
                index={i}
                label={eventLabel(e)}
                shown={inputLabels.get(i)?.text ?? ''}
                labelX={inputLabels.get(i)?.x ?? 0}
                labelEnd={inputLabels.get(i)?.end ?? false}
                font={inputFont}
                t={t}
                cx={x(t)}
                cy={tops[lane] + heights[lane] - 12}
                top={tops[lane]}
                edge={(e.do === 'network' || e.do === 'power') && !props.readOnly}
                selected={selection.includes(i)}
                onDown={handlers.inputDown}
              />
            );
          })}
          {LANES.map((lane) => {
            const markers = markersByLane.get(lane) ?? [];
            const keys = markerKeys.get(lane) ?? [];
            const bottom = tops[lane] + heights[lane];
            return markers.map((m, i) => {
              const mx = x(m.at);
              return (
                <Marker
                  key={keys[i]}
                  kind={m.kind}
                  label={m.label}
                  rule={m.rule}
                  at={m.at}
                  x={mx}
                  // Over an input's diamond (a crash 100 ms after "app background"), the marker stands
                  // just above it, at its own time, so that both read.
                  y={onDiamond(inputsByLane.get(lane), mx, m.kind) ? bottom - 22 : bottom - 8}
                />
              );
            });
          })}
          <line className="playhead" x1={x(playhead)} x2={x(playhead)} y1={0} y2={total} />
          <PlayheadLabel text={formatTime(playhead)} x0={pill.x0} x1={pill.x1} font={axisFont} />
        </g>
        {drag && dragX !== undefined && dragY !== undefined && (
          <g className="drag-time" aria-live="polite">
            <rect x={dragX} y={dragY} width={dragW} height={20} rx={4} />
            <text x={dragX + 6} y={dragY + 14}>
              {drag.label}
              {relation && <tspan className="drag-relation">{relation}</tspan>}
            </text>
          </g>
        )}
      </svg>
      {/* The lanes' names again, each sticky inside a box as tall as its lane: while a lane taller than
          the view is scrolled its name stays just below the axis strip, and it leaves with its lane (the
          compositor keeps it there, as the axis). The SVG's own names are what an export copies. */}
      <div className="lane-names" aria-hidden="true" style={{ paddingTop: AXIS }}>
        {LANES.map((lane) => (
          <div key={lane} style={{ height: heights[lane] }}>
            <span className="lane-name">{LANE_LABELS[lane]}</span>
          </div>
        ))}
      </div>
      <StickyAxis
        start={view.start}
        end={view.end}
        plot={plot}
        width={width}
        playhead={playhead}
        font={axisFont}
        clipId={`${clipId}-axis`}
        onPointerDown={handlers.startPan}
      />
      {props.onLegend && (
        <button type="button" className="legend-button" onClick={props.onLegend}>
          Legend
        </button>
      )}
    </div>
  );
});
