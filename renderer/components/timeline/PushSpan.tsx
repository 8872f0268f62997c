import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { Fate } from '../../../machines';
import { FATE_STYLE, formatTime } from '../../state/view/labels';
import { GUTTER, LABEL_CHAR, PUSH_FONT } from './geometry';

/** The word on a push that rang late (`PushResult.late`). */
const LATE = 'late';
const CONCEALED_STYLE = { icon: '?', tone: 'muted', label: 'fate not shown yet' } as const;

/** What a push span draws, as plain values: the same for its focusable element and its dragged copy. */
interface SpanLook {
  id: string;
  fate: Fate;
  deliveredAt: number | undefined;
  x0: number;
  x1: number;
  y0: number;
  /** The right edge of the drawing: a label that would run past it goes inside the span's end. */
  limit: number;
  /** The row's height and the label's size (px): larger in present mode. */
  row: number;
  font: number;
  hidden: boolean;
  /** Rang later than `params.lateAfter` after it was sent (Ringside's estimate: the caller had likely given up). */
  late: boolean;
  differs: boolean;
  selected: boolean;
}

/** The span's class names (its tone, selected, differs). */
function spanClass(p: SpanLook): string {
  const style = p.hidden ? CONCEALED_STYLE : FATE_STYLE[p.fate];
  return `push tone-${style.tone}${p.selected ? ' selected' : ''}${p.differs ? ' differs' : ''}`;
}

/** The span's line, handle and label. */
function SpanDrawing(props: SpanLook) {
  const { id, deliveredAt, x0, x1, y0, hidden, differs } = props;
  const style = hidden ? CONCEALED_STYLE : FATE_STYLE[props.fate];
  // "late" is a word on the label, not a colour alone; a concealed fate hides it too.
  const late = props.late && !hidden;
  const text = `${style.icon} ${id} · ${style.label}${late ? ` · ${LATE}` : ''}${differs ? '  ≠' : ''}`;
  const after = Math.max(x1, x0 + 8) + 6;
  // A span that runs to the end of the scenario (an undelivered push) would lose its fate word past
  // the edge: its label then ends where the span ends, and the line stops before it.
  // A span too short to hold it (a push sent near the end) has its label end before its handle, when
  // the plot has room there; else (a narrow timeline: a comparison's, a push sent at its start) it
  // starts at the handle, over the span, so that what the right edge cuts is its end, not the lane
  // names' column its beginning: the push's name and fate stay in sight.
  const charW = (LABEL_CHAR * props.font) / PUSH_FONT;
  const textW = text.length * charW;
  const place =
    after + textW <= props.limit
      ? 'after'
      : x1 - 2 - textW >= x0 + 10
        ? 'inside'
        : x0 - 10 - textW >= GUTTER
          ? 'before'
          : 'over';
  const labelX = { after, inside: x1 - 2, before: x0 - 10, over: x0 + 10 }[place];
  const lineEnd =
    place === 'inside' ? Math.max(x0 + 2, labelX - textW - 6) : place === 'over' ? x0 + 2 : Math.max(x1, x0 + 2);
  const mid = y0 + props.row / 2;
  const dash = deliveredAt === undefined ? '4 3' : undefined;
  return (
    <>
      <line className="push-span" x1={x0} x2={lineEnd} y1={mid} y2={mid} strokeDasharray={dash} />
      <circle className="push-handle" cx={x0} cy={mid} r={6} />
      <text
        className="push-label"
        x={labelX}
        y={mid + Math.round(props.font / 3)}
        textAnchor={place === 'inside' || place === 'before' ? 'end' : undefined}
      >
        {text}
      </text>
    </>
  );
}

export const PushSpan = memo(function PushSpan(
  props: SpanLook & {
    kind: string;
    sentAt: number;
    /** The scenario end: where an undelivered push's span stops. */
    end: number;
    /** File index of the push's input, when it has one (it can be dragged). */
    input: number | undefined;
    onDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => void;
    onSelect: (id: string) => void;
    onFocus: (id: string) => void;
    onZoom: (from: number, to: number) => void;
  },
) {
  const { id, sentAt, deliveredAt, hidden, differs } = props;
  const late = props.late && !hidden;
  return (
    <g
      className={spanClass(props)}
      role="button"
      tabIndex={0}
      aria-label={`push ${id}, ${props.kind}, sent ${formatTime(sentAt)}, ${hidden ? 'fate not shown yet' : `fate ${props.fate}`}${late ? `, ${LATE} (Ringside's estimate)` : ''}${differs ? ', differs in the comparison' : ''}`}
      onPointerDown={(e) => props.onDown(id, props.input, e)}
      onKeyDown={(e) => e.key === 'Enter' && props.onSelect(id)}
      onFocus={() => props.onFocus(id)}
      onDoubleClick={(e) => (e.stopPropagation(), props.onZoom(sentAt, deliveredAt ?? props.end))}
    >
      <SpanDrawing {...props} />
    </g>
  );
});

/**
 * A dragged push drawn again over everything else on the plot, with a halo behind its label (styles.css),
 * so that it reads over the neighbours it passes (which keep their rows until the drop). A picture
 * only: hidden from assistive technology and the pointer; the focusable push stays in its place in
 * the accessible mirror's timeline order (SVG paints in document order, so the copy is what is on top).
 */
export const DraggedPushCopy = memo(function DraggedPushCopy(props: SpanLook) {
  return (
    <g className={`${spanClass(props)} dragged-copy`} aria-hidden="true" data-push={props.id}>
      <SpanDrawing {...props} />
    </g>
  );
});
