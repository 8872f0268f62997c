import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PushResult, PaintedOutput } from '../../machines';
import { FATE_INFO, ruleById } from '../../machines';
import type { Scenario, ScenarioFile } from '../../machines';
import { parseDuration } from '../../machines';
import type { View } from '../state/editorMachine';
import {
  clipOutput,
  concealedAt,
  frameTime,
  presentFrames,
  presentSteps,
  presentView,
  type Frame,
  type PresentStep,
} from '../state/present';
import { FATE_STYLE, formatTime } from '../format';
import { Timeline } from './Timeline';
import { BACK_KEYS, NEXT_KEYS } from '../state/presentKeys';

export interface PresentModeProps {
  readonly output: PaintedOutput;
  readonly scenario: Scenario;
  readonly file: ScenarioFile;
  readonly predict?: boolean;
  onExit: () => void;
}

/** Moves the view towards `target` over ~350 ms (in one frame when the user asks for reduced motion). */
function useAnimatedView(target: View): View {
  const { start, end } = target;
  const [view, setView] = useState(target);
  const shown = useRef(target);
  useEffect(() => {
    const from = shown.current;
    if (from.start === start && from.end === end) return;
    const duration = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 350;
    let raf = 0;
    let t0: number | undefined;
    const tick = (now: number) => {
      t0 ??= now;
      const k = duration === 0 ? 1 : Math.min(1, (now - t0) / duration);
      const ease = 1 - (1 - k) ** 3;
      const next = { start: from.start + (start - from.start) * ease, end: from.end + (end - from.end) * ease };
      shown.current = next;
      setView(next);
      if (k < 1) raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [start, end]);
  return view;
}

function FateCard({ push, revealed }: { push: PushResult; revealed: boolean }) {
  const style = FATE_STYLE[push.fate];
  return (
    <div className={`present-fate tone-${style.tone}`} data-push={push.id}>
      <span className="present-fate-head">
        <span className="mono">{push.id}</span>
        <span className="present-fate-word">
          <span aria-hidden="true">{style.icon}</span> {style.label}
        </span>
      </span>
      {revealed && <span className="present-fate-meaning">{FATE_INFO[push.fate]?.meaning}</span>}
    </div>
  );
}

function RuleLines({ step, only }: { step: PresentStep; only?: ReadonlySet<string> }) {
  const rules = only ? step.rules.filter((r) => only.has(r.push)) : step.rules;
  if (rules.length === 0) return null;
  return (
    <ul className="present-rules" aria-label="Rules that applied">
      {rules.map((r, i) => (
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

function questionFor(scenario: Scenario, push: string): string | undefined {
  for (const e of scenario.timeline) if (e.do === 'push' && e.id === push) return e.question;
  return undefined;
}

/**
 * Full-screen, large type, high contrast: steps through the scenario moment by moment for a room.
 * In predict mode every push's fate stays hidden until the room has guessed it.
 */
export function PresentMode(props: PresentModeProps) {
  const { output, scenario, file } = props;
  const steps = useMemo(() => presentSteps(output, scenario), [output, scenario]);
  const [predict, setPredict] = useState(props.predict ?? false);
  const frames = useMemo(() => presentFrames(steps, predict), [steps, predict]);
  const [index, setIndex] = useState(0);
  const frame: Frame = frames[Math.min(index, frames.length - 1)]!;
  const { t, inclusive } = frameTime(frame, steps, output);
  const clipped = useMemo(() => clipOutput(output, t, inclusive), [output, t, inclusive]);
  const concealed = useMemo(() => concealedAt(frame, steps, output.result.pushes), [frame, steps, output]);
  const target = presentView(frame, steps, output);
  const view = useAnimatedView(target);
  const root = useRef<HTMLDivElement>(null);
  const pushes = output.result.pushes;
  const byId = useMemo(() => new Map(pushes.map((p) => [p.id, p])), [pushes]);

  const go = useCallback(
    (delta: number) => setIndex((i) => Math.min(Math.max(i + delta, 0), frames.length - 1)),
    [frames.length],
  );

  const togglePredict = useCallback(() => {
    // Stay on the same moment: the frame list changes length when questions are added or removed.
    const step = frame.kind === 'step' || frame.kind === 'ask' ? frame.step : undefined;
    const next = presentFrames(steps, !predict);
    setPredict(!predict);
    if (frame.kind === 'summary') setIndex(next.length - 1);
    else if (step !== undefined) setIndex(next.findIndex((f) => f.kind === 'step' && f.step === step));
  }, [frame, steps, predict]);

  useEffect(() => {
    root.current?.focus();
    const el = document.documentElement;
    if (!document.fullscreenElement && el.requestFullscreen) el.requestFullscreen().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    // Capture phase, stopped here: while presenting, the editor's shortcuts (Delete, ⌘Z, arrows) stay off.
    const onKey = (e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const onControl = e.target instanceof HTMLElement && e.target.closest('button, input, a');
      if (NEXT_KEYS.has(e.key) && !(onControl && (e.key === ' ' || e.key === 'Enter'))) {
        e.preventDefault();
        go(1);
      } else if (BACK_KEYS.has(e.key)) {
        e.preventDefault();
        go(-1);
      } else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(frames.length - 1);
      else if (e.key === 'Escape') props.onExit();
      else if (e.key === 'p' || e.key === 'P') togglePredict();
      else if (e.key === 'f' || e.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, frames.length, togglePredict, props]);

  const shownEvents = useMemo(
    () => file.timeline.filter((e) => (inclusive ? (parseDuration(e.at) ?? 0) <= t : (parseDuration(e.at) ?? 0) < t)),
    [file.timeline, t, inclusive],
  );
  const stepNumber =
    frame.kind === 'step' || frame.kind === 'ask' ? frame.step + 1 : frame.kind === 'summary' ? steps.length : 0;

  return (
    <div
      className="present"
      ref={root}
      tabIndex={-1}
      role="dialog"
      aria-modal="true"
      aria-label={`Present mode: ${file.title}`}
    >
      <header className="present-head">
        <h2 className="present-title">{file.title}</h2>
        <span className="present-progress" aria-live="polite">
          {frame.kind === 'intro'
            ? `${steps.length} moments`
            : frame.kind === 'summary'
              ? 'Summary'
              : `Moment ${stepNumber} of ${steps.length} · ${formatTime(t)}`}
        </span>
        <label className="present-toggle">
          <input
            type="checkbox"
            checked={predict}
            onChange={() => {
              togglePredict();
              // Back to the slides, so the next Space or clicker press advances instead of toggling again.
              root.current?.focus();
            }}
          />{' '}
          Predict, then reveal <kbd>P</kbd>
        </label>
        <button type="button" onClick={() => go(-1)} disabled={index === 0} aria-label="Back">
          ←
        </button>
        <button type="button" onClick={() => go(1)} disabled={index >= frames.length - 1} aria-label="Next">
          →
        </button>
        <button type="button" onClick={props.onExit}>
          Exit <kbd>Esc</kbd>
        </button>
      </header>
      <div className="present-timeline">
        <Timeline
          output={clipped}
          events={shownEvents}
          view={view}
          playhead={t}
          selection={[]}
          onView={() => undefined}
          onPlayhead={() => undefined}
          onSelectEvents={() => undefined}
          onSelectPush={() => undefined}
          onDragStart={() => undefined}
          onDragMove={() => undefined}
          onDragEnd={() => undefined}
          onAddEvent={() => undefined}
          concealed={concealed}
          readOnly
        />
      </div>
      <section className="present-caption" aria-live="polite" aria-label="Caption">
        {frame.kind === 'intro' && (
          <>
            {predict ? (
              <p className="present-notes">The trainer&apos;s notes give the story away: they are shown at the end.</p>
            ) : (
              <p className="present-notes">{scenario.notes || 'A scenario with no notes.'}</p>
            )}
            <p className="present-meta">
              iOS {scenario.device.ios.raw} · {scenario.device.network} ·{' '}
              {scenario.device.locked ? 'locked' : 'unlocked'} · app {scenario.device.app} · {pushes.length} push
              {pushes.length === 1 ? '' : 'es'}
            </p>
            <p className="present-hint">
              {predict ? 'Fates stay hidden: at each push, ask the room what will happen, then reveal it. ' : ''}
              Press <kbd>Space</kbd> or <kbd>→</kbd> to start.
            </p>
          </>
        )}
        {frame.kind === 'ask' && (
          <div className="present-ask">
            <p className="present-time">{formatTime(t)}</p>
            {frame.pushes.map((id) => (
              <p key={id} className="present-question">
                {questionFor(scenario, id) ?? (
                  <>
                    What happens to <span className="mono">{id}</span> now?
                  </>
                )}
              </p>
            ))}
            <p className="present-hint">
              Ask the room, then press <kbd>Space</kbd> to reveal.
            </p>
          </div>
        )}
        {frame.kind === 'step' && (
          <StepCaption step={steps[frame.step]!} predict={predict} byId={byId} scenario={scenario} />
        )}
        {frame.kind === 'summary' && (
          <>
            {scenario.notes && <p className="present-notes">{scenario.notes}</p>}
            <div className="present-fates">
              {pushes.map((p) => (
                <FateCard key={p.id} push={p} revealed={false} />
              ))}
            </div>
            <p className="present-meta">
              {output.result.strikes.length === 0
                ? 'No reporting failures.'
                : `${output.result.strikes.length} reporting failure(s) counted against the app.`}{' '}
              {output.result.throttled.length > 0 ? 'VoIP delivery was throttled (THROTTLE-1).' : ''}
            </p>
          </>
        )}
      </section>
      <footer className="present-foot">
        <div className="present-bar" aria-hidden="true">
          <div style={{ width: `${(100 * index) / Math.max(1, frames.length - 1)}%` }} />
        </div>
        <span>
          <kbd>Space</kbd>/<kbd>→</kbd> next · <kbd>←</kbd> back · <kbd>P</kbd> predict · <kbd>F</kbd> full screen ·{' '}
          <kbd>Esc</kbd> exit
        </span>
      </footer>
    </div>
  );
}

function StepCaption(props: {
  step: PresentStep;
  predict: boolean;
  byId: ReadonlyMap<string, PushResult>;
  scenario: Scenario;
}) {
  const { step, predict, byId, scenario } = props;
  const headline = step.captions.length > 0 ? step.captions : step.happened.slice(0, 1).map((e) => e.text);
  const rest = step.captions.length > 0 ? step.happened : step.happened.slice(1);
  const asking = predict ? step.sent.filter((id) => byId.get(id)?.kind !== 'alert' || questionFor(scenario, id)) : [];
  return (
    <>
      <p className="present-time">{formatTime(step.at)}</p>
      {headline.map((h, i) => (
        <p key={i} className="present-lead">
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
