/*
 * Over 400 lines on purpose: present mode's keys, steps, predict-then-reveal and the comparison share
 * one state and one order of effects; split, they would hand it around.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { diffOutputs, type LaneId, type PaintedOutput, type TimelineEventFile, parseDuration } from '../../machines';
import type { Scenario, ScenarioFile } from '../../machines';
import type { View } from '../state/document/editorMachine';
import {
  clipOutput,
  concealedAt,
  frameTime,
  presentFrames,
  presentSteps,
  presentView,
  type Frame,
} from '../state/view/present';
import { comparedSteps, spanOf } from '../state/view/presentCompare';
import { lanesToFold } from '../state/document/variants';
import { formatTime } from '../state/view/labels';
import { Timeline } from './Timeline';
import { BACK_KEYS, NEXT_KEYS } from '../state/view/presentKeys';
import { ComparedCaption, FateCard, FatePairs, questionFor, StepCaption } from './PresentCaption';

/** A run to present beside the scenario's: the comparison the main window shows. */
export interface PresentVariant {
  /** Completes "as written vs. …". */
  readonly label: string;
  /** The variant timeline's heading. */
  readonly title: string;
  readonly scenario: Scenario;
  readonly output: PaintedOutput;
  readonly file?: ScenarioFile;
}

export interface PresentModeProps {
  readonly output: PaintedOutput;
  readonly scenario: Scenario;
  readonly file: ScenarioFile;
  readonly predict?: boolean;
  /** When given, both runs are presented on one time axis, moment by moment where they differ. */
  readonly variant?: PresentVariant | undefined;
  /**
   * The title of the preset whose notes, captions or questions the document still shows while it no
   * longer is that preset: the trainer is told they were written for the original (#22).
   */
  readonly writtenFor?: string | undefined;
  onExit: () => void;
}

/** The least share of its room-sized type the caption shrinks to (styles.css keeps captions ≥ 28 px at 1280×720). */
const MIN_FIT = 0.6;

/**
 * Shrinks the caption's type (`--fit`, 1 down to MIN_FIT) until the caption fits its box: what a step
 * says varies from a line to a dozen, and the room must read all of it without scrolling.
 */
function useFitCaption(box: RefObject<HTMLElement | null>, key: unknown) {
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const fit = () => {
      let k = 1;
      el.style.setProperty('--fit', '1');
      while (k > MIN_FIT && el.scrollHeight > el.clientHeight + 1) {
        k = Math.round((k - 0.05) * 100) / 100;
        el.style.setProperty('--fit', String(k));
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, key]);
}

/**
 * Zooms the timelines out (down to 60 %) when they are taller than their box: two runs compared, or a
 * busy scenario, still show whole without scrolling.
 */
function useZoomToFit(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!outer || !inner) return;
    const fit = () => {
      const zoom = Number(inner.style.getPropertyValue('zoom') || 1);
      const natural = inner.getBoundingClientRect().height / zoom;
      const room = outer.clientHeight - parseFloat(getComputedStyle(outer).paddingTop);
      const next = natural <= room ? 1 : Math.max(0.6, Math.floor((room / natural) * 50) / 50);
      if (next !== zoom) inner.style.setProperty('zoom', String(next));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(outer);
    observer.observe(inner);
    return () => observer.disconnect();
  }, [box, content]);
}

/** One run's timeline as it stood at the frame's moment. */
function PresentTimeline(props: {
  output: PaintedOutput;
  events: readonly TimelineEventFile[];
  t: number;
  inclusive: boolean;
  view: View;
  concealed: ReadonlySet<string>;
  folded?: ReadonlySet<LaneId> | undefined;
  differs?: ReadonlySet<string> | undefined;
  title?: string;
  variant?: boolean;
}) {
  const { output, events, t, inclusive } = props;
  const clipped = useMemo(() => clipOutput(output, t, inclusive), [output, t, inclusive]);
  const shownEvents = useMemo(
    () => events.filter((e) => (inclusive ? (parseDuration(e.at) ?? 0) <= t : (parseDuration(e.at) ?? 0) < t)),
    [events, t, inclusive],
  );
  return (
    <>
      {props.title && <h3 className={`present-pane-title${props.variant ? ' variant' : ''}`}>{props.title}</h3>}
      <Timeline
        output={clipped}
        events={shownEvents}
        view={props.view}
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
        concealed={props.concealed}
        {...(props.folded ? { folded: props.folded } : {})}
        {...(props.differs ? { differs: props.differs } : {})}
        roomyLabels
        readOnly
      />
    </>
  );
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

/**
 * Full-screen, large type, high contrast: steps through the scenario moment by moment for a room.
 * In predict mode every push's fate stays hidden until the room has guessed it. With a variant, both
 * runs share one time axis and the steps are the moments where they differ (`diffOutputs`).
 */
export function PresentMode(props: PresentModeProps) {
  const { output, scenario, file, variant } = props;
  const steps = useMemo(() => presentSteps(output, scenario), [output, scenario]);
  const diff = useMemo(() => (variant ? diffOutputs(output, variant.output) : undefined), [output, variant]);
  const compared = useMemo(
    () => (variant && diff ? comparedSteps({ output, scenario }, variant, diff) : undefined),
    [output, scenario, variant, diff],
  );
  const moments = compared ?? steps;
  const span = useMemo(() => (variant ? spanOf(output, variant.output) : output), [output, variant]);
  const [predict, setPredict] = useState(props.predict ?? false);
  const frames = useMemo(() => presentFrames(moments, predict), [moments, predict]);
  const [index, setIndex] = useState(0);
  const frame: Frame = frames[Math.min(index, frames.length - 1)]!;
  const { t, inclusive } = frameTime(frame, moments, span);
  const target = presentView(frame, moments, span);
  const view = useAnimatedView(target);
  const root = useRef<HTMLDivElement>(null);
  const caption = useRef<HTMLElement>(null);
  const timelines = useRef<HTMLDivElement>(null);
  const stack = useRef<HTMLDivElement>(null);
  const pushes = output.result.pushes;
  const byId = useMemo(() => new Map(pushes.map((p) => [p.id, p])), [pushes]);
  const variantById = useMemo(() => new Map((variant?.output.result.pushes ?? []).map((p) => [p.id, p])), [variant]);
  // Short names for the two runs in the caption; the timelines' headings say what the variant is.
  const labels = ['As written', 'Variant'] as const;
  // Comparing, the lanes the same in both runs fold to a strip; the provider's (the fates) stays open.
  const folded = useMemo(() => (diff ? lanesToFold(diff) : undefined), [diff]);
  const differs = useMemo(() => (diff ? new Set(diff.pushes) : undefined), [diff]);
  useFitCaption(caption, `${index}|${predict}`);
  useZoomToFit(timelines, stack);

  const go = useCallback(
    (delta: number) => setIndex((i) => Math.min(Math.max(i + delta, 0), frames.length - 1)),
    [frames.length],
  );

  const togglePredict = useCallback(() => {
    // Stay on the same moment: the frame list changes length when questions are added or removed.
    const step = frame.kind === 'step' || frame.kind === 'ask' ? frame.step : undefined;
    const next = presentFrames(moments, !predict);
    setPredict(!predict);
    if (frame.kind === 'summary') setIndex(next.length - 1);
    else if (step !== undefined) setIndex(next.findIndex((f) => f.kind === 'step' && f.step === step));
  }, [frame, moments, predict]);

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

  const stepNumber =
    frame.kind === 'step' || frame.kind === 'ask' ? frame.step + 1 : frame.kind === 'summary' ? moments.length : 0;
  const noun = variant ? 'difference' : 'moment';

  return (
    <div
      className={variant ? 'present comparing' : 'present'}
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
            ? `${moments.length} ${noun}${moments.length === 1 ? '' : 's'}`
            : frame.kind === 'summary'
              ? 'Summary'
              : `${variant ? 'Difference' : 'Moment'} ${stepNumber} of ${moments.length} · ${formatTime(t)}`}
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
        <span className="present-buttons">
          <button type="button" onClick={() => go(-1)} disabled={index === 0} aria-label="Back">
            ←
          </button>
          <button type="button" onClick={() => go(1)} disabled={index >= frames.length - 1} aria-label="Next">
            →
          </button>
          <button type="button" onClick={props.onExit}>
            Exit <kbd>Esc</kbd>
          </button>
        </span>
      </header>
      {props.writtenFor && (
        <p className="present-stale" role="note">
          ⚑ Modified from “{props.writtenFor}”: its notes, captions and questions were written for the original.
        </p>
      )}
      <div className="present-timeline" ref={timelines}>
        <div className="present-stack" ref={stack}>
          <PresentTimeline
            output={output}
            events={file.timeline}
            t={t}
            inclusive={inclusive}
            view={view}
            concealed={concealedAt(frame, moments, pushes)}
            folded={folded}
            differs={differs}
            {...(variant ? { title: labels[0] } : {})}
          />
          {variant && (
            <PresentTimeline
              output={variant.output}
              events={variant.file?.timeline ?? file.timeline}
              t={t}
              inclusive={inclusive}
              view={view}
              concealed={concealedAt(frame, moments, variant.output.result.pushes)}
              folded={folded}
              differs={differs}
              title={variant.title}
              variant
            />
          )}
        </div>
      </div>
      <section className="present-caption" aria-live="polite" aria-label="Caption" ref={caption}>
        {frame.kind === 'intro' && (
          <>
            {predict ? (
              <p className="present-notes">The trainer&apos;s notes give the story away: they are shown at the end.</p>
            ) : (
              <p className="present-notes">{scenario.notes || 'A scenario with no notes.'}</p>
            )}
            {variant && (
              <p className="present-notes">
                Compared with a variant: {variant.label}. {moments.length} moment{moments.length === 1 ? '' : 's'} where
                the two differ.
              </p>
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
                    What happens to <span className="mono">{id}</span> now{variant ? ', in each?' : '?'}
                  </>
                )}
              </p>
            ))}
            <p className="present-hint">
              Ask the room, then press <kbd>Space</kbd> to reveal.
            </p>
          </div>
        )}
        {frame.kind === 'step' &&
          (compared ? (
            <ComparedCaption step={compared[frame.step]!} labels={labels} a={byId} b={variantById} />
          ) : (
            <StepCaption step={steps[frame.step]!} predict={predict} byId={byId} scenario={scenario} />
          ))}
        {frame.kind === 'summary' && (
          <>
            {scenario.notes && <p className="present-notes">{scenario.notes}</p>}
            {variant ? (
              <FatePairs
                ids={[...new Set([...byId.keys(), ...variantById.keys()])]}
                a={byId}
                b={variantById}
                labels={labels}
                revealed={false}
              />
            ) : (
              <div className="present-fates">
                {pushes.map((p) => (
                  <FateCard key={p.id} push={p} revealed={false} />
                ))}
              </div>
            )}
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
