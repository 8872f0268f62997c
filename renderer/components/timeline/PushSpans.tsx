import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { PushResult } from '../../../machines';
import { inBand, pushRowTop } from './geometry';
import { PushSpan } from './PushSpan';

/**
 * The push spans on the Provider lane, sent → delivered, with the fate at the end. Memoized on values
 * the timeline keeps while they are equal: a render for the document alone (a drag frame before its run
 * comes back) or for another lane does not go over every push again.
 */
export const PushSpans = memo(function PushSpans(props: {
  /** In the order they are drawn (time order, or the drag's). */
  pushes: readonly PushResult[];
  rows: ReadonlyMap<string, number>;
  /** The Provider lane's top, a push row's height and its label's font size (px). */
  top: number;
  row: number;
  font: number;
  /** The rendered band (SVG y, px), when only rows near the view are rendered, and what is drawn whatever it. */
  bandTop: number | undefined;
  bandBottom: number | undefined;
  keep: ReadonlySet<string>;
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
  onDown: (id: string, input: number | undefined, e: ReactPointerEvent<SVGElement>) => void;
  onSelect: (id: string) => void;
  onFocus: (id: string) => void;
  onZoom: (from: number, to: number) => void;
}) {
  const { rows, top, row, bandTop, bandBottom, x } = props;
  return props.pushes.map((p) => {
    const input = props.inputs.get(p.id);
    const selected = props.selectedPush === p.id || (input !== undefined && props.selection.includes(input));
    const y0 = pushRowTop(top, rows.get(p.id) ?? 0, row);
    if (!selected && !inBand(y0, row, bandTop, bandBottom) && !props.keep.has(p.id)) return null;
    return (
      <PushSpan
        key={p.id}
        id={p.id}
        kind={p.kind}
        fate={p.fate}
        sentAt={p.sentAt}
        deliveredAt={p.deliveredAt}
        end={props.end}
        x0={x(p.sentAt)}
        x1={x(p.deliveredAt ?? props.end)}
        y0={y0}
        limit={props.width}
        row={row}
        font={props.font}
        hidden={props.concealed?.has(p.id) ?? false}
        late={p.late === true}
        differs={props.differs?.has(p.id) ?? false}
        selected={selected}
        input={input}
        onDown={props.onDown}
        onSelect={props.onSelect}
        onFocus={props.onFocus}
        onZoom={props.onZoom}
      />
    );
  });
});
