import { memo } from 'react';
import type { PushResult } from '../../machines';
import { FATE_INFO } from '../../machines/rules';
import { FATE_STYLE, formatTime } from '../format';

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
            {props.pushes.map((p) => {
              const style = FATE_STYLE[p.fate];
              return (
                <tr
                  key={p.id}
                  className={p.id === props.selected ? 'selected' : undefined}
                  tabIndex={0}
                  aria-label={`push ${p.id}, ${p.kind}, fate ${p.fate}`}
                  onClick={() => props.onSelect(p.id)}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(p.id)}
                >
                  <td className="mono">{p.id}</td>
                  <td>{p.kind}</td>
                  <td className="num">{formatTime(p.sentAt)}</td>
                  <td className="num">{p.deliveredAt === undefined ? '—' : formatTime(p.deliveredAt)}</td>
                  <td>
                    <span className={`fate tone-${style.tone}`} title={FATE_INFO[p.fate]?.meaning}>
                      <span aria-hidden="true">{style.icon}</span> {style.label}
                    </span>
                  </td>
                  <td className="mono rules">{p.rules.join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
});
