import { memo } from 'react';
import { ruleById } from '../../../machines';
import { formatTime } from '../../state/view/labels';
import { barLabelForms, deadlineForms, endedForms } from './labelForms';
import { fitWhole, textWidth } from './text';
import { CUED, toneOf } from './tones';

export const IntervalBar = memo(function IntervalBar(props: {
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
  /**
   * Present mode: this much room (px from `x0`). A running bar too narrow for its shortest wording is
   * drawn on past the playhead to hold it: it is still running there.
   */
  room?: number | undefined;
  onZoom: (from: number, to: number) => void;
}) {
  const { kind, push, from, to, due, open, x0, y0, height, font, endedBy } = props;
  const w = Math.max(1.5, props.x1 - x0);
  const deadline = kind === 'deadline' && due !== undefined;
  // A check cut short by the app's end never happened: no window to its due time is drawn.
  const windowW = deadline && !endedBy ? Math.max(1.5, (props.xDue ?? x0) - x0) : 0;
  const left = deadline ? Math.max(0, due - to) : 0;
  // A label stays inside its box (5 px in from each side): the longest wording that fits whole, or
  // none; the box's tooltip has it whole. Never an ellipsis.
  const who = push ?? '';
  const by = formatTime(due ?? to);
  const ended = deadline && endedBy ? endedForms(who, endedBy) : undefined;
  const deadlineTexts =
    windowW <= 0
      ? []
      : deadlineForms(
          who,
          open ? { open, by } : left > 0 ? { spare: formatTime(left) } : { check: formatTime((due ?? to) - from) },
        );
  const { room } = props;
  const deadlineText =
    windowW > 0
      ? fitWhole(deadlineTexts, (room !== undefined ? Math.max(windowW, w) : windowW) - 10, font)
      : ended
        ? fitWhole(ended.forms, w - 10, font)
        : '';
  const labels = barLabelForms(props.label, kind, push);
  const barText =
    kind === 'deadline'
      ? ''
      : fitWhole(labels, w - 10, font) ||
        (room !== undefined && open ? fitWhole(labels.slice(-1), room - 10, font) : '');
  const drawnW = room !== undefined && barText ? Math.max(w, textWidth(barText, font) + 10) : w;
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
        width={drawnW}
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
