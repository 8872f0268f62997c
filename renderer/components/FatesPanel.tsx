import { memo } from 'react';
import type { Fate, PushResult } from '../../machines';
import { FATE_INFO } from '../../machines/rules';
import { FATE_STYLE, formatTime } from '../format';

/** One push; memoized on plain values, so that a re-simulation renders only the rows that changed. */
const FateRow = memo(function FateRow(props: {
  id: string;
  kind: string;
  sentAt: number;
  deliveredAt: number | undefined;
  fate: Fate;
  rules: string;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const style = FATE_STYLE[props.fate];
  return (
    <tr
      className={props.selected ? 'selected' : undefined}
      tabIndex={0}
      aria-label={`push ${props.id}, ${props.kind}, fate ${props.fate}`}
      onClick={() => props.onSelect(props.id)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(props.id)}
    >
      <td className="mono">{props.id}</td>
      <td>{props.kind}</td>
      <td className="num">{formatTime(props.sentAt)}</td>
      <td className="num">{props.deliveredAt === undefined ? '—' : formatTime(props.deliveredAt)}</td>
      <td>
        <span className={`fate tone-${style.tone}`} title={FATE_INFO[props.fate]?.meaning}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </td>
      <td className="mono rules">{props.rules}</td>
    </tr>
  );
});

export const FatesPanel = memo(function FatesPanel(props: {
  pushes: readonly PushResult[];
  selected?: string;
  onSelect: (id: string) => void;
}) {
  return (
    <section className="panel fates" aria-label="Fates">
      <h2>Fates</h2>
      {props.pushes.length === 0 ? (
        <p className="empty">No pushes yet. Double-click the Provider lane to send one.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>push</th>
              <th>kind</th>
              <th>sent</th>
              <th>delivered</th>
              <th>fate</th>
              <th>rules</th>
            </tr>
          </thead>
          <tbody>
            {props.pushes.map((p) => (
              <FateRow
                key={p.id}
                id={p.id}
                kind={p.kind}
                sentAt={p.sentAt}
                deliveredAt={p.deliveredAt}
                fate={p.fate}
                rules={p.rules.join(' · ')}
                selected={p.id === props.selected}
                onSelect={props.onSelect}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
