import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { PushResult } from '../../../machines';
import { inBand, pushRowTop } from './geometry';
import { DraggedPushCopy, PushSpan } from './PushSpan';

/** Where the spans are drawn and how they look: what PushSpans and DraggedPushes share. */
interface SpansPlace {
  rows: ReadonlyMap<string, number>;
  /** The Provider lane's top, a push row's height and its label's font size (px). */
  top: number;
  row: number;
  font: number;
  x: (t: number) => number;
  width: number;
  /** The scenario's end: where an undelivered push's span stops. */
  end: number;
  selectedPush: string | undefined;
  selection: readonly number[];
  /** The file index of each push's input. */
  inputs: ReadonlyMap<string, number>;
  concealed: ReadonlySet<string> | undefined;
  differs: ReadonlySet<string> | undefined;
}

/** One push's span as plain values (`PushSpan`'s and `DraggedPushCopy`'s props). */
function spanLook(p: PushResult, s: SpansPlace) {
  const input = s.inputs.get(p.id);
  return {
    id: p.id,
    fate: p.fate,
    deliveredAt: p.deliveredAt,
    x0: s.x(p.sentAt),
    x1: s.x(p.deliveredAt ?? s.end),
    y0: pushRowTop(s.top, s.rows.get(p.id) ?? 0, s.row),
    limit: s.width,
    row: s.row,
    font: s.font,
    hidden: s.concealed?.has(p.id) ?? false,
    late: p.late === true,
    differs: s.differs?.has(p.id) ?? false,
    selected: s.selectedPush === p.id || (input !== undefined && s.selection.includes(input)),
  };
}

/**
 * The push spans on the Provider lane, sent → delivered, with the fate at the end. Memoized on values
 * the timeline keeps while they are equal: a render for the document alone (a drag frame before its run
 * comes back) or for another lane does not go over every push again.
 */
export const PushSpans = memo(function PushSpans(
  props: SpansPlace & {
    /** In the order they are drawn (time order, or the drag's). */
    pushes: readonly PushResult[];
    /** The rendered band (SVG y, px), when only rows near the view are rendered, and what is drawn whatever it. */
    bandTop: number | undefined;
    bandBottom: number | undefined;
    keep: ReadonlySet<string>;
    onDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => void;
    onSelect: (id: string) => void;
    onFocus: (id: string) => void;
    onZoom: (from: number, to: number) => void;
  },
) {
  const { row, bandTop, bandBottom } = props;
  return props.pushes.map((p) => {
    const look = spanLook(p, props);
    if (!look.selected && !inBand(look.y0, row, bandTop, bandBottom) && !props.keep.has(p.id)) return null;
    return (
      <PushSpan
        key={p.id}
        {...look}
        kind={p.kind}
        sentAt={p.sentAt}
        end={props.end}
        input={props.inputs.get(p.id)}
        onDown={props.onDown}
        onSelect={props.onSelect}
        onFocus={props.onFocus}
        onZoom={props.onZoom}
      />
    );
  });
});

/**
 * The pushes an input drag moves, drawn again on top of the plot (`DraggedPushCopy`). Given only the
 * dragged pushes, and each copy memoized on its own values: a drag frame draws one more small group,
 * not the spans again.
 */
export const DraggedPushes = memo(function DraggedPushes(
  props: SpansPlace & { pushes: readonly PushResult[]; moving: ReadonlySet<string> },
) {
  // A few pushes of the result's: found again only when the result, the drag or the look changes.
  return props.pushes
    .filter((p) => props.moving.has(p.id))
    .map((p) => <DraggedPushCopy key={p.id} {...spanLook(p, props)} />);
});
