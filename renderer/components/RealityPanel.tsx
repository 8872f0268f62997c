import { memo, useMemo } from 'react';
import { formatTime, type Result } from '../../machines';
import { realityRows, type EvidenceLine } from '../state/view/reality';
import '../logImport.css';

/**
 * Reality vs model (#26): per push of an imported log, what the log shows beside what the rules give,
 * ✓ when they agree and ≠ when they part, with both why-chains. Shown while the document holds
 * expectations marked `observed`; the log's lines are at hand only in the session that imported it.
 */
export const RealityPanel = memo(function RealityPanel(props: {
  result: Result | undefined;
  evidence?: Readonly<Record<string, readonly EvidenceLine[]>>;
  selected?: string;
  onSelect: (push: string) => void;
}) {
  const rows = useMemo(
    () => (props.result ? realityRows(props.result, props.evidence) : []),
    [props.result, props.evidence],
  );
  if (rows.length === 0) return null;
  const parted = rows.filter((r) => !r.agree).length;
  return (
    <section className="panel reality" aria-label="Reality vs model">
      <h2>
        Reality vs model{' '}
        <span className="hint">
          {parted === 0 ? `the rules agree with the log on all ${rows.length}` : `${parted} of ${rows.length} part`}
        </span>
      </h2>
      <ul>
        {rows.map((r) => (
          <li
            key={`${r.what}:${r.push}`}
            className={r.agree ? 'agree' : 'differ'}
            aria-label={`${r.push}${r.what === 'audio' ? ' audio' : ''}: log ${r.observed}, model ${r.model ?? 'nothing'}, ${r.agree ? 'agree' : 'differ'}`}
          >
            <button
              type="button"
              className="reality-head"
              aria-pressed={props.selected === r.push}
              onClick={() => props.onSelect(r.push)}
            >
              <span className="mark" aria-hidden="true">
                {r.agree ? '✓' : '≠'}
              </span>{' '}
              <strong>{r.push}</strong>
              {r.what === 'audio' ? ' audio' : ''}: the log shows <em>{r.observed}</em>, the rules give{' '}
              <em>{r.model ?? 'nothing'}</em>
            </button>
            {r.lead && <p className="lead">{r.lead}</p>}
            <details open={!r.agree}>
              <summary>Both why-chains</summary>
              <div className="chains">
                <div>
                  <h3>The log</h3>
                  {r.logWhy.length === 0 ? (
                    <p className="hint">The log itself is not here (only the scenario travels); see the notes.</p>
                  ) : (
                    <ol>
                      {r.logWhy.map((l) => (
                        <li key={l.line}>
                          <span className="num">
                            line {l.line} · {formatTime(l.at)}
                          </span>{' '}
                          {l.became} <code>{l.rule}</code>
                          <span className="log-text" title={`${l.process}: ${l.text}`}>
                            {l.process}: {l.text}
                          </span>
                        </li>
                      ))}
                    </ol>
                  )}
                </div>
                <div>
                  <h3>The model</h3>
                  <ol>
                    {r.modelWhy.map((s, i) => (
                      <li key={i}>
                        <span className="num">{formatTime(s.at)}</span> <code>{s.rule}</code> {s.why}
                      </li>
                    ))}
                  </ol>
                </div>
              </div>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
});
