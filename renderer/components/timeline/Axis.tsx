import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import { formatTime, ticks } from '../../state/view/labels';
import { AXIS, GAP, GUTTER, playheadPill, PLOT_END, TICK_Y, xOf } from './geometry';
import { textWidth } from './text';

export const Grid = memo(function Grid(props: {
  start: number;
  end: number;
  plot: number;
  total: number;
  /**
   * The playhead's pill (x from, to): a tick label it would cover is left out, its grid line stays.
   */
  pillFrom: number;
  pillTo: number;
  /** Font size (px) of the tick labels, as styled. */
  font: number;
}) {
  const { start, end, plot, total, font, pillFrom: from, pillTo: to } = props;
  return tickLabels(ticks(start, end, plot), start, end, plot, font).map(
    ({ t, tx, label, left, width, flipped, shown }) => {
      const covered = !shown || (left < to + GAP && from - GAP < left + width);
      return (
        <g key={t}>
          <line className="grid" x1={tx} x2={tx} y1={AXIS - 6} y2={total} />
          {!covered && (
            <text className="tick" x={flipped ? tx - 3 : tx + 3} y={TICK_Y} textAnchor={flipped ? 'end' : undefined}>
              {label}
            </text>
          )}
        </g>
      );
    },
  );
});

/** A tick's label, where it goes (`left`, `width`), and whether it is drawn at all (`shown`). */
export interface TickLabel {
  readonly t: number;
  readonly tx: number;
  readonly label: string;
  readonly left: number;
  readonly width: number;
  readonly flipped: boolean;
  readonly shown: boolean;
}

/**
 * The tick labels of an axis: each starts at its tick, but one at the end that would run past the
 * drawing's edge ends at its tick instead, whole, never cut (issue 24). Flipped, it may land on the label
 * before it ("1 min 20 s" under "1 min 30 s"): it is then left out, its grid line stays.
 */
export function tickLabels(at: readonly number[], start: number, end: number, plot: number, font: number): TickLabel[] {
  const out: TickLabel[] = [];
  let lastRight = -Infinity;
  for (const t of at) {
    const tx = xOf(t, start, end, plot);
    const label = formatTime(t);
    const width = textWidth(label, font);
    const flipped = tx + 3 + width > GUTTER + plot + PLOT_END;
    const left = flipped ? tx - 3 - width : tx + 3;
    const shown = left >= lastRight + GAP;
    if (shown) lastRight = left + width;
    out.push({ t, tx, label, left, width, flipped, shown });
  }
  return out;
}

/** The playhead's time (`pill` from playheadPill): on the axis's tick row, over the tick label it replaces. */
export const PlayheadLabel = memo(function PlayheadLabel(props: {
  text: string;
  x0: number;
  x1: number;
  font: number;
}) {
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
export const StickyAxis = memo(function StickyAxis(props: {
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
