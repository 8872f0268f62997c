import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { AudioOutcome, Fate, PushResult } from '../../machines';
import { FATE_INFO } from '../../machines';
import { FATE_STYLE, formatTime, toneWithAudio } from '../state/view/labels';
import { afterPaint } from '../state/bridges/afterPaint';

/** From this many pushes on, only the rows near the panel's scrolled view are in the document. */
const WINDOW_FROM = 80;
/** Rows rendered above and below the view; the window moves in steps of this many rows. */
const OVERSCAN = 8;
/** A first guess of a row's height (px), until rendered rows are measured. */
const ROW_GUESS = 27;

/** One push; memoized on plain values, so that a re-simulation renders only the rows that changed. */
const FateRow = memo(function FateRow(props: {
  id: string;
  index: number;
  kind: string;
  sentAt: number;
  deliveredAt: number | undefined;
  fate: Fate;
  audio: AudioOutcome | undefined;
  rules: string;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const style = FATE_STYLE[props.fate];
  const tone = toneWithAudio(props.fate, props.audio);
  return (
    <tr
      className={props.selected ? 'selected' : undefined}
      tabIndex={0}
      aria-rowindex={props.index + 2}
      aria-label={`push ${props.id}, ${props.kind}, fate ${props.fate}${props.audio ? `, audio ${props.audio}` : ''}`}
      onClick={() => props.onSelect(props.id)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(props.id)}
    >
      <td className="mono">{props.id}</td>
      <td>{props.kind}</td>
      <td className="num">{formatTime(props.sentAt)}</td>
      <td className="num">{props.deliveredAt === undefined ? '—' : formatTime(props.deliveredAt)}</td>
      <td>
        <span className={`fate tone-${tone}`} title={FATE_INFO[props.fate]?.meaning}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </td>
      <td className={props.audio === 'none' ? 'tone-bad' : undefined}>{props.audio ?? '—'}</td>
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

/** Where the table's body begins in the scrolled content of the panel (px). */
function bodyTop(panel: HTMLElement, body: HTMLElement): number {
  return body.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
}

/** Holds the place (height) of rows that are not rendered; hidden from assistive technology. */
function Spacer({ height }: { height: number }) {
  return height > 0 ? (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={6} />
    </tr>
  ) : null;
}

/**
 * The fate of every push. The panel is its own scroll container; with many pushes only the rows
 * near what it shows are rendered (spacers keep the scroll height), so that a drag frame lays out
 * and paints a few dozen rows, not hundreds. aria-rowcount and aria-rowindex tell assistive
 * technology where the rendered rows are; a push selected elsewhere is scrolled into view.
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
  const [rowHeight, setRowHeight] = useState(ROW_GUESS);
  /** The first rendered row and how many rows the panel shows, in steps of OVERSCAN rows. */
  const [range, setRange] = useState({ first: 0, shown: 2 * OVERSCAN });

  const follow = useCallback(() => {
    const el = scroller.current;
    const tbody = body.current;
    if (!el || !tbody) return;
    const offset = el.scrollTop - bodyTop(el, tbody);
    const shown = Math.ceil(el.clientHeight / rowHeight / OVERSCAN + 2) * OVERSCAN;
    const top = offset / rowHeight;
    const bottom = (offset + el.clientHeight) / rowHeight;
    setRange((r) => {
      // The window stays while the view is inside it with a few rows to spare. Without that, a view on
      // a step's edge flips the window back and forth on every re-simulation: rows that change height
      // make the browser's scroll anchoring move the view a few px, across the edge and back.
      if (r.shown === shown && top >= r.first + 2 && bottom <= r.first + r.shown + OVERSCAN - 2) return r;
      const first = Math.max(0, Math.floor(top / OVERSCAN) * OVERSCAN - OVERSCAN);
      return r.first === first && r.shown === shown ? r : { first, shown };
    });
  }, [rowHeight]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || !windowed) return;
    follow();
    el.addEventListener('scroll', follow, { passive: true });
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', follow);
      observer.disconnect();
    };
  }, [follow, windowed]);

  const first = windowed ? Math.min(range.first, Math.max(0, pushes.length - range.shown - OVERSCAN)) : 0;
  const end = windowed ? Math.min(pushes.length, first + range.shown + OVERSCAN) : pushes.length;

  // A row focused near either end of the window (Tab, Shift+Tab) moves the window at once, so that
  // the next Tab finds the next row even before the panel's scroll event comes.
  const onFocus = (e: FocusEvent<HTMLTableSectionElement>) => {
    const index = Number(e.target.getAttribute('aria-rowindex')) - 2;
    if (!windowed || index < 0 || (index > first + 1 && index < end - 2)) return;
    const at = Math.max(0, Math.floor(index / OVERSCAN) * OVERSCAN - OVERSCAN);
    setRange((r) => (r.first === at ? r : { ...r, first: at }));
  };

  // The spacers assume the rendered rows' mean height for the rows that are not rendered (measured
  // when the window moves, not on every re-simulation; after the paint, see `afterPaint`).
  useEffect(() => {
    if (!windowed) return;
    return afterPaint(() => {
      const rows = body.current?.querySelectorAll<HTMLElement>('tr[aria-rowindex]');
      if (!rows || rows.length < 2) return;
      const mean =
        (rows[rows.length - 1]!.getBoundingClientRect().bottom - rows[0]!.getBoundingClientRect().top) / rows.length;
      if (Math.abs(mean - rowHeight) > 1) setRowHeight(mean);
    });
  }, [windowed, rowHeight, first, end, pushes.length]);

  // A push selected elsewhere (on the timeline, by a link) is scrolled into the panel's view.
  const reveal = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    reveal.current = selected;
  }, [selected]);
  // After the paint (`afterPaint`): the click that selected it does not wait for a layout of the panels.
  useEffect(() => {
    if (reveal.current === undefined) return;
    return afterPaint(() => {
      const id = reveal.current;
      const el = scroller.current;
      const tbody = body.current;
      if (id === undefined || !el || !tbody) return;
      const index = pushes.findIndex((p) => p.id === id);
      if (index === -1) return;
      const row = tbody.querySelector<HTMLElement>(`tr[aria-rowindex="${index + 2}"]`);
      if (!row) {
        // Not rendered: scroll to where it would be; the next render has it.
        el.scrollTop = bodyTop(el, tbody) + index * rowHeight - el.clientHeight / 2;
        follow();
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
              <th>fate</th>
              <th>audio</th>
              <th>rules</th>
            </tr>
          </thead>
          <tbody ref={body} onFocus={onFocus}>
            <Spacer height={first * rowHeight} />
            {pushes.slice(first, end).map((p, i) => (
              <FateRow
                key={p.id}
                id={p.id}
                index={first + i}
                kind={p.kind}
                sentAt={p.sentAt}
                deliveredAt={p.deliveredAt}
                fate={p.fate}
                audio={p.audio}
                rules={p.rules.join(' · ')}
                selected={p.id === selected}
                onSelect={props.onSelect}
              />
            ))}
            <Spacer height={(pushes.length - end) * rowHeight} />
          </tbody>
        </table>
      )}
    </section>
  );
});
