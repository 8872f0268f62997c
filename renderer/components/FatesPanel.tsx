import { measureElement, useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { AudioOutcome, Fate, PushResult } from '../../machines';
import { FATE_INFO, PARAMS } from '../../machines';
import { FATE_STYLE, formatTime, toneWithAudio } from '../state/view/labels';
import { afterPaint } from '../state/bridges/afterPaint';
import { usePointerPressed } from '../state/view/usePointerPressed';

/** From this many pushes on, only the rows near the panel's scrolled view are in the document. */
const WINDOW_FROM = 80;
/** Rows rendered above and below the view. */
const OVERSCAN = 8;
/** A first guess of a row's height (px), until rendered rows are measured. */
const ROW_GUESS = 27;
/** The table's columns: a spacer row spans them all. */
const COLUMNS = 7;
/**
 * The tag beside the fate of a call whose audio failed (AUDIO-1, AUDIO-5): a call that rang is not a
 * success when nobody can hear. Two-way audio, the normal case, needs no word.
 */
const AUDIO_TAG: Partial<Record<AudioOutcome, { text: string; tone: string }>> = {
  none: { text: 'no audio', tone: 'bad' },
  'one-way': { text: 'one-way audio', tone: 'warn' },
};
/** What "late" means, for its tooltip: Ringside's estimate, not the sources' (CALL-1). */
const LATE_MEANS = PARAMS.lateAfter.about;

/** One push; memoized on plain values, so that a re-simulation renders only the rows that changed. */
const FateRow = memo(function FateRow({
  measure,
  ...props
}: {
  id: string;
  index: number;
  kind: string;
  sentAt: number;
  deliveredAt: number | undefined;
  delay: number | undefined;
  late: boolean;
  fate: Fate;
  audio: AudioOutcome | undefined;
  rules: string;
  selected: boolean;
  onSelect: (id: string) => void;
  /** Measures the row when it is rendered, then follows its size (the virtualizer's `measureElement`). */
  measure: ((row: HTMLTableRowElement | null) => void) | undefined;
}) {
  const style = FATE_STYLE[props.fate];
  const tone = toneWithAudio(props.fate, props.audio);
  const audioTag = props.audio && AUDIO_TAG[props.audio];
  return (
    <tr
      ref={measure}
      data-index={props.index}
      className={props.selected ? 'selected' : undefined}
      tabIndex={0}
      aria-rowindex={props.index + 2}
      aria-label={`push ${props.id}, ${props.kind}, fate ${props.fate}${props.late ? ", late (Ringside's estimate)" : ''}${props.audio ? `, audio ${props.audio}` : ''}`}
      onClick={() => props.onSelect(props.id)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(props.id)}
    >
      <td className="mono">{props.id}</td>
      <td>{props.kind}</td>
      <td className="num">{formatTime(props.sentAt)}</td>
      <td className="num">{props.deliveredAt === undefined ? '—' : formatTime(props.deliveredAt)}</td>
      <td className="num">{props.delay === undefined ? '—' : formatTime(props.delay)}</td>
      <td>
        <span className={`fate tone-${tone}`} title={FATE_INFO[props.fate]?.meaning}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
        {props.late && (
          <span className="late" title={LATE_MEANS}>
            late
          </span>
        )}
        {audioTag && <span className={`audio-tag tone-${audioTag.tone}`}>{audioTag.text}</span>}
      </td>
      <td className="mono rules">
        {/* Lines break only between rules, after the dot: never inside an ID (at its hyphen) or before a dot. */}
        {props.rules.split(' · ').map((rule, i, all) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            <span className="rule">{i < all.length - 1 ? `${rule} ·` : rule}</span>
          </Fragment>
        ))}
      </td>
    </tr>
  );
});

/** Holds the place (height) of rows that are not rendered; hidden from assistive technology. */
function Spacer({ height }: { height: number }) {
  return height > 0 ? (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  ) : null;
}

/**
 * The rows rendered: the view and OVERSCAN rows either side (`range`), stretched to take in the row
 * focused from the keyboard and its neighbours when they are near, so that Tab and Shift+Tab find the
 * next row even before the panel's scroll event comes. One run of rows: the spacers hold the rest.
 */
export function rowsToRender(range: Range, focused: number | undefined): number[] {
  let start = Math.max(0, range.startIndex - range.overscan);
  let end = Math.min(range.count - 1, range.endIndex + range.overscan);
  if (focused !== undefined && focused >= start - OVERSCAN && focused <= end + OVERSCAN) {
    start = Math.max(0, Math.min(start, focused - 1));
    end = Math.min(range.count - 1, Math.max(end, focused + 1));
  }
  const out: number[] = [];
  for (let i = start; i <= end; i++) out.push(i);
  return out;
}

/**
 * The fate of every push. The panel is its own scroll container; with many pushes only the rows
 * near what it shows are rendered (@tanstack/react-virtual; spacers keep the scroll height), so that
 * a drag frame lays out and paints a few dozen rows, not hundreds. aria-rowcount and aria-rowindex
 * tell assistive technology where the rendered rows are; a push selected elsewhere is scrolled into view.
 */
export const FatesPanel = memo(function FatesPanel(props: {
  pushes: readonly PushResult[];
  selected?: string;
  onSelect: (id: string) => void;
}) {
  const { pushes, selected } = props;
  const scroller = useRef<HTMLElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const windowed = pushes.length >= WINDOW_FROM;
  const [focused, setFocused] = useState<number>();
  /** Where the table's body begins in the panel's scrolled content (px): the heading and column names. */
  const [bodyTop, setBodyTop] = useState(0);
  const extract = useCallback((range: Range) => rowsToRender(range, focused), [focused]);
  // A new key function makes the virtualizer place every row again (all of them, not only those
  // rendered): the same one while the pushes' ids are in the same order, as on most drag frames, whose
  // every run gives a new list of pushes.
  const [keys] = useState(() => new KeptIds());
  const itemKey = keys.keyOf(pushes);
  // eslint-disable-next-line react-hooks/incompatible-library -- this panel is not compiled by React Compiler; its rows are memoized on plain values, not on the virtualizer's functions
  const virtualizer = useVirtualizer({
    count: pushes.length,
    enabled: windowed,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_GUESS,
    overscan: OVERSCAN,
    scrollMargin: bodyTop,
    rangeExtractor: extract,
    getItemKey: itemKey,
    measureElement: observedSize,
  });
  useLayoutEffect(() => {
    const el = scroller.current;
    const tbody = body.current;
    if (!windowed || !el || !tbody) return;
    const top = tbody.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    setBodyTop((t) => (Math.abs(t - top) < 1 ? t : top));
  }, [windowed, pushes.length]);

  // The rendered rows' heights (rules wrap): each row is observed from when it is rendered (a
  // ResizeObserver, which reports sizes from the frame's own layout, `observedSize`). Measuring every
  // rendered row after each render forced a layout of the whole page in the middle of each drag frame.
  const measure = windowed ? virtualizer.measureElement : undefined;

  const items = windowed ? virtualizer.getVirtualItems() : [];
  const first = windowed ? (items[0]?.index ?? 0) : 0;
  const end = windowed ? (items.at(-1)?.index ?? -1) + 1 : pushes.length;
  const above = windowed && items[0] ? items[0].start - bodyTop : 0;
  const below = windowed && items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)!.end - bodyTop) : 0;

  const onFocus = (e: FocusEvent<HTMLTableSectionElement>) => {
    const index = Number(e.target.getAttribute('aria-rowindex')) - 2;
    if (windowed && index >= 0) setFocused(index);
  };

  // A push selected elsewhere (on the timeline, by a link) is scrolled into the panel's view, and so is
  // the selected push whose row moved (dragged to another send time, it sorts elsewhere): once the
  // pointer lifts. Following the dragged push's row on every drag frame read the panel's layout and
  // mounted the rows it scrolled to, each frame (at 2,000 pushes), for a table the user is not looking
  // at while holding the push; the drop shows where it went.
  const pressed = usePointerPressed();
  const reveal = useRef<string | undefined>(undefined);
  const selectedIndex = selected === undefined ? -1 : pushes.findIndex((p) => p.id === selected);
  useLayoutEffect(() => {
    reveal.current = selected;
  }, [selected, selectedIndex]);
  // The pushes whose rows are in the document now. The reveal below runs after a paint, and a newer
  // result (the drop's, landing late on a busy machine) can be committed before it: the rows are then
  // that result's, and an index found in the older pushes names another push's row, which the reveal
  // took for the selected one's and stopped (the dropped push's row was never scrolled to).
  const committed = useRef(pushes);
  useLayoutEffect(() => {
    committed.current = pushes;
  });
  // After the paint (`afterPaint`): the click that selected it does not wait for a layout of the panels.
  useEffect(() => {
    if (reveal.current === undefined || pressed) return;
    return afterPaint(() => {
      const id = reveal.current;
      const el = scroller.current;
      const tbody = body.current;
      if (id === undefined || !el || !tbody) return;
      const index = committed.current.findIndex((p) => p.id === id);
      if (index === -1) return;
      const row = tbody.querySelector<HTMLElement>(`tr[aria-rowindex="${index + 2}"]`);
      if (!row) {
        // Not rendered: scroll to where it would be; the next render has it.
        virtualizer.scrollToIndex(index, { align: 'center' });
        return;
      }
      reveal.current = undefined;
      const view = el.getBoundingClientRect();
      const head = tbody.previousElementSibling?.getBoundingClientRect().height ?? 0;
      const box = row.getBoundingClientRect();
      if (box.top < view.top + head) el.scrollTop -= view.top + head - box.top;
      else if (box.bottom > view.bottom) el.scrollTop += box.bottom - view.bottom;
    });
  });

  return (
    <section className="panel fates" aria-label="Fates" ref={scroller}>
      <h2>Fates</h2>
      {pushes.length === 0 ? (
        <p className="empty">No pushes yet. Double-click the Provider lane to send one.</p>
      ) : (
        <table aria-rowcount={pushes.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th>push</th>
              <th>kind</th>
              <th>sent</th>
              <th>delivered</th>
              <th title="How long after it was sent it reached the phone">delay</th>
              <th title="A call's audio is named only when it failed: no audio, or one-way">fate, audio</th>
              <th>rules</th>
            </tr>
          </thead>
          <tbody ref={body} onFocus={onFocus}>
            <Spacer height={above} />
            {pushes.slice(first, end).map((p, i) => (
              <FateRow
                key={p.id}
                id={p.id}
                index={first + i}
                kind={p.kind}
                sentAt={p.sentAt}
                deliveredAt={p.deliveredAt}
                delay={p.delay}
                late={p.late === true}
                fate={p.fate}
                audio={p.audio}
                rules={p.rules.join(' · ')}
                selected={p.id === selected}
                onSelect={props.onSelect}
                measure={measure}
              />
            ))}
            <Spacer height={below} />
          </tbody>
        </table>
      )}
    </section>
  );
});

/**
 * A row's height as its ResizeObserver reports it; asked when the row is rendered (no report yet), the
 * height last reported for its push, or the guess: reading it there would force a layout of the page.
 */
function observedSize(
  row: Element,
  entry: ResizeObserverEntry | undefined,
  virtualizer: Virtualizer<HTMLElement, Element>,
): number {
  if (entry) return measureElement(row, entry, virtualizer);
  const index = virtualizer.indexFromElement(row);
  return virtualizer.itemSizeCache.get(virtualizer.options.getItemKey(index)) ?? ROW_GUESS;
}

/**
 * The virtualizer's key function (a push's id at an index), the same function while the ids are the
 * same, in the same order.
 */
export class KeptIds {
  private ids: readonly string[] = [];
  private key: (index: number) => string | number = (i) => i;

  keyOf(pushes: readonly { readonly id: string }[]): (index: number) => string | number {
    const { ids } = this;
    if (ids.length !== pushes.length || pushes.some((p, i) => p.id !== ids[i])) {
      const now = pushes.map((p) => p.id);
      this.ids = now;
      this.key = (i) => now[i] ?? i;
    }
    return this.key;
  }
}
