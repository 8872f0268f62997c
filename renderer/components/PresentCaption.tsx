// Present mode's captions: what happened at a moment and why, and the fate cards, for one run or two.
import type { PushResult, Scenario } from '../../machines';
import { FATE_INFO, ruleById } from '../../machines';
import { FATE_STYLE, formatTime } from '../state/view/labels';
import type { PresentStep } from '../state/view/present';
import type { ComparedStep } from '../state/view/presentCompare';

/** A push's fate, large; `side` names the run it is from when two are compared. */
export function FateCard({ push, revealed, side }: { push: PushResult; revealed: boolean; side?: string }) {
  const style = FATE_STYLE[push.fate];
  return (
    <div className={`present-fate tone-${style.tone}`} data-push={push.id} {...(side ? { 'data-side': side } : {})}>
      <span className="present-fate-head">
        <span className="mono">{side ?? push.id}</span>
        <span className="present-fate-word">
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </span>
      {revealed && <span className="present-fate-meaning">{FATE_INFO[push.fate]?.meaning}</span>}
    </div>
  );
}

function RuleLines({ step }: { step: PresentStep }) {
  if (step.rules.length === 0) return null;
  return (
    <ul className="present-rules" aria-label="Rules that applied">
      {step.rules.map((r, i) => (
        <li key={i}>
          <span className="rule-id" title={ruleById(r.rule)?.title}>
            {r.rule}
          </span>{' '}
          <span className="mono">{r.push}</span>: {r.why}
        </li>
      ))}
    </ul>
  );
}

/** The question the scenario's author wrote for a push, if any. */
export function questionFor(scenario: Scenario, push: string): string | undefined {
  for (const e of scenario.timeline) if (e.do === 'push' && e.id === push) return e.question;
  return undefined;
}

/** A step's lines: the authored captions (or the first thing that happened) first, then the rest and the rules. */
function Happened({ step, brief = false }: { step: PresentStep; brief?: boolean }) {
  const headline = step.captions.length > 0 ? step.captions : step.happened.slice(0, 1).map((e) => e.text);
  // Two runs side by side say only their lead and their rules: the timelines show the rest.
  const rest = brief ? [] : step.captions.length > 0 ? step.happened : step.happened.slice(1);
  return (
    <>
      {headline.map((h, i) => (
        <p key={i} className={brief ? 'present-lead present-lead-side' : 'present-lead'}>
          {h}
        </p>
      ))}
      {rest.length > 0 && (
        <ul className="present-happened" aria-label="What happened">
          {rest.map((e, i) => (
            <li key={i}>{e.text}</li>
          ))}
        </ul>
      )}
      <RuleLines step={step} />
    </>
  );
}

export function StepCaption(props: {
  step: PresentStep;
  predict: boolean;
  byId: ReadonlyMap<string, PushResult>;
  scenario: Scenario;
}) {
  const { step, predict, byId, scenario } = props;
  const asking = predict ? step.sent.filter((id) => byId.get(id)?.kind !== 'alert' || questionFor(scenario, id)) : [];
  return (
    <>
      <p className="present-time">{formatTime(step.at)}</p>
      <Happened step={step} />
      {asking.map((id) => (
        <p key={id} className="present-question small">
          Predict:{' '}
          {questionFor(scenario, id) ?? (
            <>
              what will happen to <span className="mono">{id}</span>?
            </>
          )}
        </p>
      ))}
      {step.decided.length > 0 && (
        <div className="present-fates" aria-label="Fates">
          {step.decided.map((id) => (
            <FateCard key={id} push={byId.get(id)!} revealed />
          ))}
        </div>
      )}
    </>
  );
}

/** Both runs' fates of each push, side by side: they are shown (and hidden) together. */
export function FatePairs(props: {
  ids: readonly string[];
  a: ReadonlyMap<string, PushResult>;
  b: ReadonlyMap<string, PushResult>;
  labels: readonly [string, string];
  revealed: boolean;
}) {
  if (props.ids.length === 0) return null;
  return (
    <div className="present-pairs" aria-label="Fates">
      {props.ids.map((id) => {
        const [pa, pb] = [props.a.get(id), props.b.get(id)];
        return (
          <div key={id} className="present-pair">
            <span className="present-pair-id mono">{id}</span>
            {pa ? (
              <FateCard push={pa} revealed={props.revealed} side={props.labels[0]} />
            ) : (
              <p className="present-none">{props.labels[0]}: not sent</p>
            )}
            {pb ? (
              <FateCard push={pb} revealed={props.revealed} side={props.labels[1]} />
            ) : (
              <p className="present-none">{props.labels[1]}: not sent</p>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** A moment where the runs differ: what each did then, and the fates both settled by then. */
export function ComparedCaption(props: {
  step: ComparedStep;
  labels: readonly [string, string];
  a: ReadonlyMap<string, PushResult>;
  b: ReadonlyMap<string, PushResult>;
}) {
  const { step, labels } = props;
  return (
    <>
      <p className="present-time">{formatTime(step.at)}</p>
      <div className="present-sides">
        {([step.a, step.b] as const).map((s, i) => (
          <section key={i} className={`present-side side-${i === 0 ? 'a' : 'b'}`} aria-label={labels[i]}>
            <h3 className="present-side-title">{labels[i]}</h3>
            {s ? <Happened step={s} brief /> : <p className="present-quiet">Nothing happens.</p>}
          </section>
        ))}
      </div>
      <FatePairs ids={step.decided} a={props.a} b={props.b} labels={labels} revealed />
    </>
  );
}
