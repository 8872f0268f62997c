import { memo, useEffect, useState } from 'react';
import type { PushResult, Result, RuleStep, Scenario, FateSpan, Remedy } from '../../machines';
import { GOOD_FATES, verdictOf, whatCanBeDone, WHO, WHO_LABEL, ruleById } from '../../machines';
import { FATE_STYLE, formatTime } from '../state/view/labels';
import { AssumptionMark } from './AssumptionMark';
import { changeKey, sendKey } from '../state/document/counterfactuals';
import { Glossed } from './Glossed';
import type { ExpectationFile } from '../state/document/edits';

/** What the Why panel can do to the document and the compare view (the counterfactuals' Apply and Compare). */
export interface WhyActions {
  /** Add an expectation (this push's fate or audio as it is now). */
  expect: (e: ExpectationFile) => void;
  /** Make common change `id` to the document (one undo step). */
  applyChange: (id: string) => void;
  /** Send push `push` at `t` in the document (one undo step). */
  applySendTime: (push: string, t: number) => void;
  /** Open a variant (a compare key) on the aligned second timeline. */
  compare: (key: string) => void;
}

export const WhyPanel = memo(function WhyPanel(props: {
  push?: PushResult;
  /** The result the push is from: the verdict counts its strikes and names the push that replaced it. */
  result?: Result;
  /** The common changes that would have saved the push: each its change id and its sentence. */
  whatIf?: () => readonly { readonly id: string; readonly sentence: string }[];
  actions?: WhyActions;
  /** The scenario the push is from: a sweep is shown only for the scenario it was made on. */
  scenario?: Scenario;
  /** The fate the push would have if sent at any other time in view (`sweepSendTimes`), one run at a time. */
  sweep?: (scenario: Scenario, push: string) => Generator<number, FateSpan[]>;
  onRule?: (id: string) => void;
}) {
  const p = props.push;
  const [saves, setSaves] = useState<{
    push: string;
    lines: readonly { readonly id: string; readonly sentence: string }[];
    remedies: readonly Remedy[];
  }>();
  const actions = props.actions;
  const sweep = useSweep(props.push?.id, props.scenario, props.sweep);
  // With "All steps" open the decisive step is in the full list (marked there): not shown twice.
  const [allSteps, setAllSteps] = useState(false);
  if (!p) {
    return (
      <section className="panel why" aria-label="Why">
        <h2>Why</h2>
        <p className="empty">Click a push (on the timeline or in Fates) to read the rules that decided its fate.</p>
      </section>
    );
  }
  const style = FATE_STYLE[p.fate];
  const verdict = props.scenario && props.result ? verdictOf(props.scenario, props.result, p) : undefined;
  const decisive = verdict && verdict.decisive >= 0 ? p.steps[verdict.decisive] : undefined;
  const step = (s: RuleStep, i: number) => {
    const rule = ruleById(s.rule);
    const isDecisive = verdict?.decisive === i;
    const routine = verdict?.routine.includes(i) ?? false;
    return (
      <li key={i} className={isDecisive ? 'decisive' : routine ? 'routine' : undefined}>
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
          {isDecisive && <span className="decisive-mark">decisive</span>}
          {routine && <span className="step-time">routine</span>}
          {s.assumption && <AssumptionMark id={s.assumption} />}
        </div>
        <p>
          <Glossed text={s.why} />
        </p>
        {rule && (
          <details>
            <summary>Rule text · source {rule.sources.join(', ')}</summary>
            <p className="rule-text">{rule.text}</p>
          </details>
        )}
      </li>
    );
  };
  return (
    <section className="panel why" aria-label="Why">
      <h2>
        Why <span className="mono">{p.id}</span>{' '}
        <span className={`fate tone-${style.tone}`}>
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </h2>
      {actions && (
        <div className="expect-adds">
          <button
            type="button"
            title={`Adds “${p.id} is ${p.fate}” to the scenario's expectations`}
            onClick={() => actions.expect({ push: p.id, fate: p.fate })}
          >
            Expect this fate ({p.fate})
          </button>
          {p.audio && (
            <button
              type="button"
              title={`Adds “audio of ${p.id} is ${p.audio}” to the scenario's expectations`}
              onClick={() => p.audio && actions.expect({ audio: p.audio, call: p.id })}
            >
              Expect this audio ({p.audio})
            </button>
          )}
        </div>
      )}
      {verdict && (
        <>
          <p className={`verdict tone-${verdict.tone}`} aria-label="Verdict">
            <Glossed text={verdict.sentence} />
          </p>
          <dl className="apple-words" aria-label="Apple's words">
            <dt>
              <Glossed text="Push Notifications Console" />
            </dt>
            <dd>{verdict.console.join(' → ')}</dd>
            {verdict.deviceLog && (
              <>
                <dt>Device log</dt>
                <dd>
                  <code>{verdict.deviceLog}</code>
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      {decisive && verdict ? (
        <>
          {!allSteps && (
            <ol className="steps" start={verdict.decisive + 1} aria-label="Decisive step">
              {step(decisive, verdict.decisive)}
            </ol>
          )}
          <details className="all-steps" open={allSteps} onToggle={(e) => setAllSteps(e.currentTarget.open)}>
            <summary>
              All {p.steps.length} steps{verdict.routine.length ? ` (${verdict.routine.length} routine)` : ''}
            </summary>
            <ol className="steps">
              {p.steps.map(step)}
              {p.fate === 'undelivered' && <li className="step-note">{p.why.split('. ').slice(-1)[0]}</li>}
            </ol>
          </details>
        </>
      ) : (
        <ol className="steps">
          {p.steps.map(step)}
          {p.fate === 'undelivered' && <li className="step-note">{p.why.split('. ').slice(-1)[0]}</li>}
        </ol>
      )}
      {props.whatIf && (!GOOD_FATES.has(p.fate) || p.audio === 'none' || p.audio === 'one-way') && (
        <div className="whatif">
          {saves?.push === p.id ? (
            <>
              <Remedies remedies={saves.remedies} />
              {saves.lines.length ? (
                <ul aria-label="What would have saved it">
                  {saves.lines.map((line) => (
                    <li key={line.id}>
                      {line.sentence}
                      {actions && (
                        <ActOn
                          what={line.sentence}
                          onApply={() => actions.applyChange(line.id)}
                          onCompare={() => actions.compare(changeKey(line.id))}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="empty">None of the common changes alone would have saved it.</p>
              )}
            </>
          ) : (
            <button
              type="button"
              onClick={() =>
                setSaves({
                  push: p.id,
                  lines: props.whatIf?.() ?? [],
                  remedies: props.scenario ? whatCanBeDone(props.scenario, p.id) : [],
                })
              }
            >
              What would have saved it?
            </button>
          )}
        </div>
      )}
      {props.sweep && props.scenario && (
        <div className="sweep">
          {sweep.spans ? (
            <SendTimes
              spans={sweep.spans}
              sentAt={p.sentAt}
              {...(actions
                ? {
                    onApply: (t: number) => actions.applySendTime(p.id, t),
                    onCompare: (t: number) => actions.compare(sendKey(p.id, t)),
                  }
                : {})}
            />
          ) : sweep.progress !== undefined ? (
            <p className="empty" role="status">
              Trying other send times… {Math.round(sweep.progress * 100)} %
            </p>
          ) : (
            <button
              type="button"
              title="Sends it at every other time in view, all else as written, and lists where its fate changes"
              onClick={sweep.start}
            >
              What if it were sent at another time?
            </button>
          )}
        </div>
      )}
    </section>
  );
});

/** A counterfactual's two actions: make it so (one undo step), or see it beside the scenario as written. */
function ActOn(props: { what: string; onApply: () => void; onCompare: () => void }) {
  return (
    <span className="act-on">
      <button type="button" className="link" aria-label={`Apply: ${props.what}`} onClick={props.onApply}>
        Apply
      </button>
      <button type="button" className="link" aria-label={`Compare: ${props.what}`} onClick={props.onCompare}>
        Compare
      </button>
    </span>
  );
}

/** What can be done, by who can do it (the person with the phone, the developers, the server). */
function Remedies(props: { remedies: readonly Remedy[] }) {
  if (props.remedies.length === 0) return null;
  return (
    <section className="remedies" aria-label="What can be done">
      <h3>What can be done</h3>
      {WHO.map((who) => {
        const mine = props.remedies.filter((r) => r.who === who);
        return mine.length === 0 ? null : (
          <div key={who}>
            <h3>{WHO_LABEL[who]}</h3>
            <ul aria-label={WHO_LABEL[who]}>
              {mine.map((r) => (
                <li key={r.text}>
                  <Glossed text={r.text} />
                  {r.rule && <span className="step-time"> ({r.rule})</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** Runs a sweep in slices of ~10 ms, so that a big scenario's never blocks the page for long. */
const SLICE_MS = 10;

/**
 * A sweep of the push's send times, started by `start`, for this push in this scenario only: another
 * push or an edit puts the button back (and stops a sweep under way).
 */
function useSweep(
  push: string | undefined,
  scenario: Scenario | undefined,
  make: ((scenario: Scenario, push: string) => Generator<number, FateSpan[]>) | undefined,
): { progress?: number; spans?: readonly FateSpan[]; start: () => void } {
  const [state, setState] = useState<{
    push: string;
    scenario: Scenario;
    progress: number;
    spans?: readonly FateSpan[];
  }>();
  const mine = state && state.push === push && state.scenario === scenario ? state : undefined;
  const running = mine !== undefined && mine.spans === undefined;
  useEffect(() => {
    if (!running || !make || !push || !scenario) return;
    const sweep = make(scenario, push);
    // A message, not a timeout: chained timeouts wait at least 4 ms each.
    const channel = new MessageChannel();
    let shown = performance.now();
    const slice = () => {
      const now = performance.now();
      const until = now + SLICE_MS;
      let next = sweep.next();
      while (!next.done && performance.now() < until) next = sweep.next();
      if (next.done) setState({ push, scenario, progress: 1, spans: next.value });
      else {
        // The percentage is rendered a few times a second, not after every slice.
        if (now - shown > 150) {
          shown = now;
          const progress = next.value;
          setState((s) => (s && s.push === push && s.scenario === scenario ? { ...s, progress } : s));
        }
        channel.port2.postMessage(undefined);
      }
    };
    channel.port1.onmessage = slice;
    channel.port2.postMessage(undefined);
    return () => {
      channel.port1.onmessage = null;
      channel.port1.close();
    };
  }, [running, make, push, scenario]);
  return {
    ...(mine ? { progress: mine.progress } : {}),
    ...(mine?.spans ? { spans: mine.spans } : {}),
    start: () => {
      if (push && scenario) setState({ push, scenario, progress: 0 });
    },
  };
}

/** Up to this many spans, each keeps room for its icon on the strip (more would overflow it). */
const ROOMY_SPANS = 12;

/** Where in the view the push's fate changes with its send time: a strip and the times, in words. */
function SendTimes(props: {
  spans: readonly FateSpan[];
  sentAt: number;
  onApply?: (t: number) => void;
  onCompare?: (t: number) => void;
}) {
  const { spans } = props;
  if (spans.length === 0) return <p className="empty">No time in view to try.</p>;
  const total = spans.at(-1)!.to - spans[0]!.from;
  const isHere = (s: FateSpan) => props.sentAt >= s.from && props.sentAt < s.to;
  return (
    <>
      <h3>Sent at another time (all else as written)</h3>
      {/* By duration, but a few spans each get room for their icon: a 0.3 s race window in 40 s was a
          4 px sliver. The span holding the time as written is outlined. */}
      <div className={`sweep-strip${spans.length <= ROOMY_SPANS ? ' roomy' : ''}`} aria-hidden="true">
        {spans.map((s) => (
          <span
            key={s.from}
            className={`fate tone-${FATE_STYLE[s.fate].tone}${isHere(s) ? ' here' : ''}`}
            style={{ flexGrow: Math.max(s.to - s.from, total / 200) }}
            title={`${formatTime(s.from)} – ${formatTime(s.to)}: ${s.fate}${isHere(s) ? ` (as written, ${formatTime(props.sentAt)})` : ''}`}
          >
            {FATE_STYLE[s.fate].icon}
          </span>
        ))}
      </div>
      <ul aria-label="Fate by send time">
        {spans.map((s) => {
          const style = FATE_STYLE[s.fate];
          const here = isHere(s);
          return (
            <li key={s.from} className={here ? 'here' : undefined}>
              <span className="mono">
                {formatTime(s.from)} – {formatTime(s.to)}
              </span>{' '}
              <span className={`fate tone-${style.tone}`}>
                <span aria-hidden="true">{style.icon}</span> {style.label}
              </span>
              {here && <span className="hint"> as written ({formatTime(props.sentAt)})</span>}
              {!here && props.onApply && props.onCompare && (
                <ActOn
                  what={`sent at ${formatTime(s.from)}`}
                  onApply={() => props.onApply?.(s.from)}
                  onCompare={() => props.onCompare?.(s.from)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
