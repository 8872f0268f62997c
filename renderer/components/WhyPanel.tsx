import { memo, useState } from 'react';
import type { PushResult } from '../../machines';
import { GOOD_FATES } from '../../machines/whatif';
import { ruleById } from '../../machines/rules';
import { FATE_STYLE, formatTime } from '../format';

export const WhyPanel = memo(function WhyPanel(props: {
  push?: PushResult;
  whatIf?: () => readonly string[];
  onRule?: (id: string) => void;
}) {
  const p = props.push;
  const [saves, setSaves] = useState<{ push: string; lines: readonly string[] } | undefined>();
  if (!p) {
    return (
      <section className="panel why" aria-label="Why">
        <h2>Why</h2>
        <p className="empty">Click a push (on the timeline or in Fates) to read the rules that decided its fate.</p>
      </section>
    );
  }
  const style = FATE_STYLE[p.fate];
  return (
    <section className="panel why" aria-label="Why">
      <h2>
        Why <span className="mono">{p.id}</span>{' '}
        <span className={`fate tone-${style.tone}`}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </h2>
      <ol className="steps">
        {p.steps.map((s, i) => {
          const rule = ruleById(s.rule);
          return (
            <li key={i}>
              <div className="step-head">
                <button
                  type="button"
                  className="rule-id link"
                  title="Open in the rule library"
                  onClick={() => props.onRule?.(s.rule)}
                >
                  {s.rule}
                </button>
                <span className="step-time">{formatTime(s.at)}</span>
              </div>
              <p>{s.why}</p>
              {rule && (
                <details>
                  <summary>Rule text · source {rule.sources.join(', ')}</summary>
                  <p className="rule-text">{rule.text}</p>
                </details>
              )}
            </li>
          );
        })}
        {p.fate === 'undelivered' && <li className="step-note">{p.why.split('. ').slice(-1)[0]}</li>}
      </ol>
      {props.whatIf && !GOOD_FATES.has(p.fate) && (
        <div className="whatif">
          {saves?.push === p.id ? (
            saves.lines.length ? (
              <ul aria-label="What would have saved it">
                {saves.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="empty">None of the common changes alone would have saved it.</p>
            )
          ) : (
            <button type="button" onClick={() => setSaves({ push: p.id, lines: props.whatIf?.() ?? [] })}>
              What would have saved it?
            </button>
          )}
        </div>
      )}
    </section>
  );
});
