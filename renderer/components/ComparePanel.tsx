import { memo } from 'react';
import type { PushResult, RuleStep } from '../../machines';
import { FATE_STYLE, formatTime } from '../state/view/labels';
import { differingPushes } from '../state/document/variants';

function Fate(props: { p?: PushResult }) {
  if (!props.p) return <span className="empty">—</span>;
  const style = FATE_STYLE[props.p.fate];
  return (
    <span className={`fate tone-${style.tone}`}>
      <span aria-hidden="true">{style.icon}</span> {style.label}
    </span>
  );
}

const sameStep = (x: RuleStep, y: RuleStep) => x.rule === y.rule && x.at === y.at && x.why === y.why;

/** How many steps both why-chains begin with: they are shown once, folded, above the two tails. */
function sharedSteps(a: readonly RuleStep[], b: readonly RuleStep[]): number {
  let n = 0;
  while (n < a.length && n < b.length && sameStep(a[n]!, b[n]!)) n++;
  return n;
}

function Step(props: { step: RuleStep; only?: boolean }) {
  const { step, only } = props;
  return (
    <li className={only ? 'only' : undefined} title={only ? 'A rule the other side does not cite' : undefined}>
      <span className="rule-id">{step.rule}</span> <span className="step-time">{formatTime(step.at)}</span> {step.why}
    </li>
  );
}

/** One side's why-chain after the steps both share; steps whose rule the other side does not cite are marked. */
function Chain(props: { caption: string; p: PushResult | undefined; other: PushResult | undefined; from: number }) {
  const others = new Set(props.other?.steps.map((s) => s.rule));
  const rest = props.p?.steps.slice(props.from) ?? [];
  return (
    <div className="chain">
      <h4 className="chain-caption" title={props.caption}>
        {props.caption}
      </h4>
      {!props.p ? (
        <p className="empty">No such push on this side.</p>
      ) : rest.length === 0 ? (
        <p className="empty">No further steps.</p>
      ) : (
        <ol className="steps" start={props.from + 1}>
          {rest.map((s, k) => (
            <Step key={k} step={s} only={!others.has(s.rule)} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** Pushes whose fate differs between the scenario and its variant, with both why-chains. */
export const ComparePanel = memo(function ComparePanel(props: {
  label: string;
  a: readonly PushResult[];
  b: readonly PushResult[];
  selected?: string | undefined;
  onSelect?: (id: string) => void;
}) {
  const ids = new Set([...props.a.map((p) => p.id), ...props.b.map((p) => p.id)]);
  const differing = differingPushes(props.a, props.b);
  return (
    <section className="panel compare" aria-label="Differences">
      <header className="compare-head">
        <h2>
          Differences{' '}
          <span className="count">
            {differing.length} of {ids.size} pushes
          </span>
        </h2>
        <p className="compare-sub" title={`as written vs. ${props.label}`}>
          as written vs. {props.label}
        </p>
      </header>
      {differing.length === 0 ? (
        <p className="empty">Every push ends the same way in both.</p>
      ) : (
        differing.map((id) => {
          const pa = props.a.find((p) => p.id === id);
          const pb = props.b.find((p) => p.id === id);
          const common = pa && pb ? pa.steps.slice(0, sharedSteps(pa.steps, pb.steps)) : [];
          const shared = common.length;
          return (
            <article
              key={id}
              className={`diff${props.selected === id ? ' selected' : ''}`}
              aria-label={`push ${id}: ${pa?.fate ?? 'none'} → ${pb?.fate ?? 'none'}`}
            >
              <h3>
                <button
                  type="button"
                  className="link mono"
                  title="Select this push on both timelines"
                  onClick={() => props.onSelect?.(id)}
                >
                  {id}
                </button>{' '}
                <Fate p={pa} /> <span aria-hidden="true">→</span>
                <span className="visually-hidden">becomes</span> <Fate p={pb} />
              </h3>
              {shared > 0 && (
                <details className="shared">
                  <summary>
                    {shared === 1 ? 'The first step is' : `The first ${shared} steps are`} the same in both:{' '}
                    <span className="mono">{common.map((s) => s.rule).join(' · ')}</span>
                  </summary>
                  <ol className="steps">
                    {common.map((s, k) => (
                      <Step key={k} step={s} />
                    ))}
                  </ol>
                </details>
              )}
              <div className="diff-columns">
                <Chain caption="As written" p={pa} other={pb} from={shared} />
                <Chain caption={props.label} p={pb} other={pa} from={shared} />
              </div>
            </article>
          );
        })
      )}
    </section>
  );
});
