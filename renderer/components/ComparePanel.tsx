import type { PushResult } from '../../machines';
import { FATE_STYLE } from '../format';
import { differingPushes } from '../state/variants';

function Fate(props: { p?: PushResult }) {
  if (!props.p) return <span className="empty">—</span>;
  const style = FATE_STYLE[props.p.fate];
  return (
    <span className={`fate tone-${style.tone}`}>
      <span aria-hidden="true">{style.icon}</span> {style.label}
    </span>
  );
}

/** Pushes whose fate differs between the scenario and its variant, with both why-chains. */
export function ComparePanel(props: { label: string; a: readonly PushResult[]; b: readonly PushResult[] }) {
  const ids = new Set([...props.a.map((p) => p.id), ...props.b.map((p) => p.id)]);
  const differing = differingPushes(props.a, props.b);
  return (
    <section className="panel compare" aria-label="Differences">
      <h2>
        Differences: as written vs. {props.label} ({differing.length} of {ids.size} pushes)
      </h2>
      {differing.length === 0 ? (
        <p className="empty">Every push ends the same way in both.</p>
      ) : (
        differing.map((id) => {
          const pa = props.a.find((p) => p.id === id);
          const pb = props.b.find((p) => p.id === id);
          return (
            <article key={id} className="diff" aria-label={`push ${id}: ${pa?.fate ?? 'none'} → ${pb?.fate ?? 'none'}`}>
              <h3>
                <span className="mono">{id}</span> <Fate p={pa} /> → <Fate p={pb} />
              </h3>
              <div className="diff-columns">
                {[pa, pb].map((p, i) => (
                  <ol key={i} className="steps">
                    {p?.steps.map((s, k) => (
                      <li key={k}>
                        <span className="rule-id">{s.rule}</span> {s.why}
                      </li>
                    ))}
                  </ol>
                ))}
              </div>
            </article>
          );
        })
      )}
    </section>
  );
}
