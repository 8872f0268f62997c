// Where the inputs' labels go on their lanes' bottom rows, clear of markers and of each other. No React.
import type { LaneId, LaneMarker, TimelineEventFile } from '../../../machines';
import { parseDuration, sentPushId } from '../../../machines';
import { eventLabel, eventLabelForms, laneOfEvent } from '../../state/view/labels';
import { isLaneInput } from './folds';
import { DIAMOND, GAP, GUTTER, MARKER_SIZE } from './geometry';
import { fitWhole, textWidth } from './text';
import { markerGlyph } from './tones';

/** An input's label on its lane's bottom row: where it starts (or ends, `end`) and the text shown. */
export interface InputLabel {
  readonly text: string;
  readonly x: number;
  readonly end: boolean;
}

/** Whether a marker at `mx` would be drawn over one of a lane's input diamonds (`inputs` sorted by cx). */
export function onDiamond(inputs: readonly { cx: number }[] | undefined, mx: number, kind: string): boolean {
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

/**
 * Places the labels of one lane's inputs (sorted by x) on the row they share with the lane's markers
 * (in time order, at `markerX`): right of the diamond, or left of it when only there is room, or the
 * longest shorter wording (`forms`, longest first) that fits whole on the roomier side, or none, so
 * that a label never runs over a marker, another input or its label and is never cut short.
 * Markers are found by bisection: the work grows with the inputs, not with the pushes.
 */
export function placeInputLabels(
  inputs: readonly { index: number; cx: number; label: string; forms?: readonly string[] }[],
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
  inputs.forEach(({ index, cx, label, forms = [label] }, k) => {
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
    let placed: InputLabel;
    if (whole <= right - start) placed = { text: label, x: start, end: false };
    else if (whole <= stop - left) placed = { text: label, x: stop, end: true };
    else {
      // The longest shorter wording that fits whole on either side; the right on a tie.
      const onRight = fitWhole(forms, right - start, font);
      const onLeft = fitWhole(forms, stop - left, font);
      placed =
        onRight.length >= onLeft.length
          ? { text: onRight, x: start, end: false }
          : { text: onLeft, x: stop, end: true };
    }
    out.set(index, placed);
    taken = placed.end || placed.text === '' ? cx + DIAMOND : start + textWidth(placed.text, font);
  });
  return out;
}

/** An input drawn on its lane: its file index, its diamond's x and its label. */
export interface LaneInput {
  readonly index: number;
  readonly cx: number;
  readonly label: string;
  /** The label, then shorter wordings for a crowded row (`eventLabelForms`). */
  readonly forms: readonly string[];
}

/**
 * The inputs drawn on each lane (sorted by x, at `x` of their time) and where their labels go
 * (`placeInputLabels`), by file index.
 */
export function laneInputs(
  events: readonly TimelineEventFile[],
  x: (t: number) => number,
  markers: ReadonlyMap<LaneId, readonly LaneMarker[]>,
  width: number,
  font: number,
): { byLane: Map<LaneId, LaneInput[]>; labels: Map<number, InputLabel> } {
  const byLane = new Map<LaneId, LaneInput[]>();
  events.forEach((e, i) => {
    if (!isLaneInput(e)) return;
    const lane = laneOfEvent(e);
    const list = byLane.get(lane) ?? [];
    list.push({ index: i, cx: x(parseDuration(e.at) ?? 0), label: eventLabel(e), forms: eventLabelForms(e) });
    byLane.set(lane, list);
  });
  const labels = new Map<number, InputLabel>();
  for (const [lane, inputs] of byLane) {
    inputs.sort((a, b) => a.cx - b.cx);
    for (const [i, placed] of placeInputLabels(inputs, markers.get(lane) ?? [], x, width, font)) labels.set(i, placed);
  }
  return { byLane, labels };
}

/** The input (file index) that sends each push, by push id. */
export function pushInputs(events: readonly TimelineEventFile[]): Map<string, number> {
  const m = new Map<string, number>();
  events.forEach((e, i) => {
    const id = sentPushId(e);
    if (id !== undefined) m.set(id, i);
  });
  return m;
}
