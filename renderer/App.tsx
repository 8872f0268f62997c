import { useMachine } from '@xstate/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ExpectationResult, LaneId, Scenario } from '../machines';
import { cancelPushId, formatErrors, type ScenarioFile, type TimelineEventFile } from '../machines';
import { parseDuration, toDurationString } from '../machines';
import { FatesPanel } from './components/FatesPanel';
import { Inspector } from './components/Inspector';
import { StatePanel } from './components/StatePanel';
import { Timeline } from './components/Timeline';
import { Toolbar, type Theme } from './components/Toolbar';
import { WhyPanel } from './components/WhyPanel';
import { ExpectationsPanel } from './components/ExpectationsPanel';
import { applyChange, sendAt } from './state/document/counterfactuals';
import { LegendDialog } from './components/LegendDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { editorMachine, type View } from './state/document/editorMachine';
import { FIRST_PRESET, PRESETS } from './state/document/presets';
import { useSimulation, useWorldState } from './state/bridges/simulation';
import { sweepSendTimes, sweepStep } from '../machines';
import { whatWouldHaveSaved } from '../machines';
import { download, downloadBlob, downloadText, fileNameFor, importText } from './state/bridges/documentIO';
import { decodeScenario, decodeView, encodeScenario, encodeView, type SharedView } from './state/bridges/share';
import { ADDABLE, defaultEvent, emptyScenario, freshId, newEvent, type ExpectationFile } from './state/document/edits';
import { useDocumentFile } from './state/bridges/useDocumentFile';
import { rememberDocument } from './state/document/lastDocument';
import { usePlayback } from './state/view/usePlayback';
import { desktop } from './state/bridges/desktop';
import { useShortcuts } from './state/view/useShortcuts';
import { useHandlers } from './state/view/useHandlers';
import { useThrottled } from './state/view/useThrottled';
import {
  buildVariant,
  compareGroups,
  differingPushes,
  foldedLanes,
  type CompareGroup,
} from './state/document/variants';
import { ComparePanel, Deferred, preloadViews, PresentMode, RuleLibrary } from './lazyViews';

const NONE: readonly number[] = [];
const NO_EXPECTATIONS: readonly ExpectationResult[] = [];
/** How often (ms) the panels follow the simulation while an input is dragged; the timeline follows every frame. */
const PANELS_WHILE_DRAGGING = 150;
const ignore = () => undefined;

function fit(start: number, end: number): View {
  const pad = Math.max((end - start) * 0.04, 500);
  return { start: start - pad, end: end + pad };
}

/** A scenario from a shared link (#s=…), or the first-run preset. */
function initialDocument(): {
  file: ScenarioFile;
  presetId?: string;
  linkErrors?: readonly string[];
  view?: SharedView;
} {
  const shared = typeof window === 'undefined' ? undefined : decodeScenario(window.location.hash);
  if (shared?.ok) {
    const view = decodeView(window.location.hash);
    return view ? { file: shared.file, view } : { file: shared.file };
  }
  return {
    file: FIRST_PRESET.file,
    presetId: FIRST_PRESET.id,
    ...(shared ? { linkErrors: formatErrors(shared.errors, 'shared link') } : {}),
  };
}

export function App() {
  const [initial] = useState(initialDocument);
  const [snapshot, send] = useMachine(editorMachine, {
    input: {
      file: initial.file,
      ...(initial.presetId ? { presetId: initial.presetId } : {}),
      ...(initial.view
        ? {
            view: { start: initial.view.start, end: initial.view.end },
            playhead: initial.view.playhead,
            ...(initial.view.push ? { push: initial.view.push } : {}),
          }
        : {}),
    },
  });
  const { file, selection, playhead, push: selectedPush } = snapshot.context;
  rememberDocument(file);
  // True while the worker runs the latest edit: the app is aria-busy, and tests wait for the run to land.
  const [simulating, setSimulating] = useState(false);
  const sim = useSimulation(file, setSimulating);
  const [theme, setTheme] = useState<Theme>('system');
  const [library, setLibrary] = useState<{ focus?: string } | undefined>();
  /** The list of keys and pointer gestures (`?`, or Help → Keyboard Shortcuts in the desktop app). */
  const [shortcuts, setShortcuts] = useState(false);
  /** What the timeline's colours, patterns and glyphs mean, and every fate. */
  const [legend, setLegend] = useState(false);
  const openLegend = useCallback(() => setLegend(true), []);
  /** The toolbar's Open… file field, which Ctrl/⌘+O clicks in the web app. */
  const openInput = useRef<HTMLInputElement>(null);
  useEffect(() => desktop()?.onMenu((command) => command.command === 'shortcuts' && setShortcuts(true)), []);
  const [compareWith, setCompareWith] = useState<string | undefined>();
  /** While an export copies the timeline: every push row is in the document, not only those near the view. */
  const [exporting, setExporting] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const { notice, setNotice, openImported, autosave, detach, downloaded } = useDocumentFile({
    file,
    edits: snapshot.context.past.length,
    load: (next, presetId) => send({ type: 'doc.load', file: next, ...(presetId ? { presetId } : {}) }),
    linkErrors: initial.linkErrors,
  });

  useEffect(() => {
    // The views opened on a user's action load once the first screen is up, so that they open at once.
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(preloadViews, 500);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(preloadViews, { timeout: 2_000 });
    return () => window.cancelIdleCallback(idle);
  }, []);

  useEffect(() => {
    // "system" follows the OS, live; the stylesheet only knows data-theme="dark" | "light".
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  const trace = sim?.output.trace;
  // The fitted view is the same object while the scenario's span is the same: the memoized timelines
  // compare it by identity.
  const [traceStart, traceEnd] = [trace?.start, trace?.end];
  const fitted = useMemo(
    () => (traceStart === undefined || traceEnd === undefined ? { start: 0, end: 60_000 } : fit(traceStart, traceEnd)),
    [traceStart, traceEnd],
  );
  const view = snapshot.context.view ?? fitted;
  // `typing`: what is typed into one field in one visit is one undo step (see useTypingKey).
  const edit = useCallback(
    (next: ScenarioFile, typing?: string) => send({ type: 'doc.edit', file: next, typing }),
    [send],
  );
  const playback = usePlayback(playhead, trace?.end ?? 0, (t) => send({ type: 'playhead.set', t }));

  const nextEvent = useCallback(
    (dir: 1 | -1) => {
      if (!trace) return;
      const times = trace.eventTimes;
      const t = dir > 0 ? times.find((x) => x > playhead) : [...times].reverse().find((x) => x < playhead);
      if (t !== undefined) send({ type: 'playhead.set', t });
    },
    [trace, playhead, send],
  );

  const removeSelection = useCallback(() => {
    if (selection.length === 0) return;
    edit({ ...file, timeline: file.timeline.filter((_, i) => !selection.includes(i)) });
    send({ type: 'select.events', indexes: [] });
  }, [selection, file, edit, send]);

  const duplicateSelection = useCallback(() => {
    const copies = selection.map((i) => {
      const e = file.timeline[i]!;
      return e.do === 'push'
        ? { ...e, id: freshId(file.timeline, e.id) }
        : e.do === 'cancel'
          ? { ...e, id: freshId(file.timeline, cancelPushId({ call: e.call })) }
          : { ...e };
    });
    if (copies.length) edit({ ...file, timeline: [...file.timeline, ...copies] });
  }, [selection, file, edit]);

  useShortcuts(
    {
      undo: () => send({ type: 'history.undo' }),
      redo: () => send({ type: 'history.redo' }),
      remove: removeSelection,
      deselect: () => {
        send({ type: 'select.events', indexes: [] });
        send({ type: 'select.push', push: undefined });
      },
      duplicate: duplicateSelection,
      step: nextEvent,
      home: () => trace && send({ type: 'playhead.set', t: trace.start }),
      end: () => trace && send({ type: 'playhead.set', t: trace.end }),
      zoom: (factor) => {
        const mid = (view.start + view.end) / 2;
        const half = ((view.end - view.start) * factor) / 2;
        send({ type: 'view.set', view: { start: mid - half, end: mid + half } });
      },
      pan: (fraction) => {
        const dt = (view.end - view.start) * fraction;
        send({ type: 'view.set', view: { start: view.start + dt, end: view.end + dt } });
      },
      fit: () => send({ type: 'view.set', view: undefined }),
      help: () => setShortcuts(true),
      save: () => toolbar.onSave(),
      open: () => openInput.current?.click(),
      nudge: (ms) => {
        if (selection.length === 0) return;
        const timeline = file.timeline.map((e, i) =>
          selection.includes(i) ? { ...e, at: toDurationString((parseDuration(e.at) ?? 0) + ms) } : e,
        );
        edit({ ...file, timeline });
      },
    },
    Boolean(desktop()),
  );

  // The panels, the compare menu and the variant follow a step behind the timeline while dragging:
  // React renders them (and simulates the variant) when the frame with the moved timeline has been
  // painted. The scenario is the one the simulation loaded, not the file parsed again. While a drag
  // is on they follow at most every PANELS_WHILE_DRAGGING ms (the last move always comes through) and
  // at once when the pointer lifts: rendering, laying out and painting them after every drag frame
  // took about a quarter of the drag's main-thread time.
  const panelSim = useDeferredValue(useThrottled(sim, snapshot.matches('dragging'), PANELS_WHILE_DRAGGING));
  const loadedScenario = panelSim?.scenario;
  const compareMenu = useMemo(
    () => (loadedScenario ? compareGroups(loadedScenario, PRESETS, snapshot.context.presetId) : []),
    [loadedScenario, snapshot.context.presetId],
  );
  const [compareFiles, setCompareFiles] = useState<ReadonlyMap<string, ScenarioFile>>(new Map());
  const variant = useMemo(
    () =>
      compareWith && loadedScenario ? buildVariant(compareWith, loadedScenario, PRESETS, compareFiles) : undefined,
    [compareWith, loadedScenario, compareFiles],
  );
  // Comparing, the lanes the same in both runs fold to a strip, unless the user asks for all of them.
  const [allLanes, setAllLanes] = useState(false);
  const folded = useMemo(
    () => (variant && panelSim && !allLanes ? foldedLanes(panelSim.output, variant.output) : undefined),
    [variant, panelSim, allLanes],
  );
  const differs = useMemo(
    () =>
      variant && sim ? new Set(differingPushes(sim.output.result.pushes, variant.output.result.pushes)) : undefined,
    [variant, sim],
  );

  // The same menu (it seldom changes) is the same object, so that the toolbar need not render again.
  const compareMenuText = JSON.stringify([
    ...compareMenu,
    ...(compareFiles.size > 0
      ? [
          {
            group: 'Opened for comparison',
            items: [...compareFiles.keys()].map((key) => ({ key, label: key.slice(5) })),
          },
        ]
      : []),
  ]);
  const toolbarCompareGroups = useMemo(() => JSON.parse(compareMenuText) as CompareGroup[], [compareMenuText]);
  // Stable handlers: the toolbar and the panels are memoized and need not render again while a
  // push is dragged.
  const toolbar = useHandlers({
    onTitle: (title: string, typing: string) => edit({ ...file, title }, typing),
    onPreset: (id: string) => {
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset || !detach(`the preset “${preset.file.title}”`)) return;
      send({ type: 'doc.load', file: preset.file, presetId: preset.id });
    },
    onNew: (presetId?: string) => {
      if (presetId) return toolbar.onPreset(presetId);
      if (detach('a new, empty scenario')) send({ type: 'doc.load', file: emptyScenario() });
    },
    onIos: (ios: string, typing: string) => edit({ ...file, device: { ...file.device, ios } }, typing),
    onPlay: () => playback.toggle(),
    onSpeed: (speed: number) => playback.setSpeed(speed),
    onNextEvent: () => nextEvent(1),
    onFit: () => send({ type: 'view.set', view: undefined }),
    onUndo: () => send({ type: 'history.undo' }),
    onRedo: () => send({ type: 'history.redo' }),
    onTheme: (next: Theme) => setTheme(next),
    onRules: () => setLibrary({}),
    onPresent: () => setPresenting(true),
    onCompare: (key: string | undefined) => setCompareWith(key),
    onCompareFile: (text: string, name: string) => {
      const imported = importText(text, name);
      if (!imported.ok) {
        setNotice({ kind: 'error', text: `${imported.errors.join(' · ')} — nothing to compare with.` });
        return;
      }
      const key = `file:${name}`;
      setCompareFiles((files) => new Map([...files, [key, imported.file]]));
      setCompareWith(key);
    },
    onOpenText: (text: string, name: string) => openImported(importText(text, name), name),
    onSave: () => {
      download(file);
      downloaded(file);
    },
    // Exports and reports load their code (a chunk of its own) on first use.
    onExport: (format: 'svg' | 'png') => {
      const name = fileNameFor(file).replace('.ringside.json', `.timeline.${format}`);
      const failed = (error: Error) =>
        setNotice({ kind: 'error', text: `${format.toUpperCase()} export failed: ${error.message}` });
      void import('./state/bridges/exportImage').then(({ svgToPng, timelineSvg }) => {
        flushSync(() => setExporting(true));
        const svg = document.querySelector<SVGSVGElement>('.timeline > svg[role="application"]');
        const image = svg ? timelineSvg(svg) : undefined;
        setExporting(false);
        if (!image) return;
        if (format === 'svg') downloadText(image.text, name, 'image/svg+xml');
        else void svgToPng(image).then((png) => downloadBlob(png, name), failed);
      }, failed);
    },
    onReport: (format: 'md' | 'html') => {
      // The scenario the shown result was simulated from, not the panels' copy a step behind.
      const scenario = sim?.scenario;
      if (!scenario || !sim) return;
      const result = sim.output.result;
      const name = fileNameFor(file).replace('.ringside.json', `.report.${format}`);
      void import('../machines').then(
        ({ htmlReport, markdownReport }) => {
          if (format === 'md') downloadText(markdownReport(scenario, result), name, 'text/markdown');
          else downloadText(htmlReport(scenario, result), name, 'text/html');
        },
        (error: Error) => setNotice({ kind: 'error', text: `The report could not be made: ${error.message}` }),
      );
    },
    onCopyLink: () => {
      const shown = encodeView({ ...view, playhead, ...(selectedPush ? { push: selectedPush } : {}) });
      const url = `${window.location.href.split('#')[0]}#s=${encodeScenario(file)}&${shown}`;
      window.history.replaceState(null, '', url);
      void navigator.clipboard?.writeText(url).catch(() => undefined);
      setNotice({
        kind: 'info',
        text: 'Link copied: the whole scenario is in the address (it is never sent to a server).',
      });
    },
    onAdd: (type: TimelineEventFile['do']) => {
      const timeline = [...file.timeline, newEvent(type, toDurationString(playhead), file.timeline)];
      edit({ ...file, timeline });
      send({ type: 'select.events', indexes: [timeline.length - 1] });
    },
  });

  // The timelines' handlers keep their identity, so that a render of the panels alone (a step behind,
  // see panelSim) does not render the memoized timelines again.
  const timeline = useHandlers({
    onView: (v: View | undefined) => send({ type: 'view.set', view: v }),
    onPlayhead: (t: number) => send({ type: 'playhead.set', t }),
    onSelectEvents: (indexes: readonly number[]) => send({ type: 'select.events', indexes }),
    onSelectPush: (push: string | undefined) => send({ type: 'select.push', push }),
    onDragStart: () => send({ type: 'drag.start' }),
    onDragMove: (times: ReadonlyMap<number, number>) => {
      const moved = file.timeline.map((e, i) => (times.has(i) ? { ...e, at: toDurationString(times.get(i)!) } : e));
      send({ type: 'drag.move', file: { ...file, timeline: moved } });
    },
    onDragEnd: () => send({ type: 'drag.end' }),
    // The event added is selected, so that its fields are in the inspector.
    onAddEvent: (lane: LaneId, t: number) => {
      edit({ ...file, timeline: [...file.timeline, defaultEvent(lane, toDurationString(t), file.timeline)] });
      send({ type: 'select.events', indexes: [file.timeline.length] });
    },
  });
  const worldState = useWorldState(panelSim, playhead);
  const pushes = panelSim?.output.result.pushes ?? [];
  const pushResult = pushes.find((p) => p.id === selectedPush);
  const panels = useHandlers({
    selectPush: (id: string) => send({ type: 'select.push', push: id }),
    // The Why panel follows a push renamed in the inspector.
    renamePush: (from: string, to: string) => {
      if (selectedPush === from) send({ type: 'select.push', push: to });
    },
    openRule: (id: string) => setLibrary({ focus: id }),
    // The document as the simulation loaded it: no second parse.
    whatIf: () =>
      sim?.scenario && pushResult
        ? whatWouldHaveSaved(sim.scenario, pushResult.id).map((w) => ({ id: w.change.id, sentence: w.sentence }))
        : [],
    // The fate the push would have if sent at any other time in view (~150 samples, changes to the ms),
    // one run at a time: the Why panel runs it in slices between frames.
    sweep: (scenario: Scenario, push: string) => {
      const from = Math.max(view.start, trace?.start ?? 0);
      const to = Math.min(view.end, trace?.end ?? 0);
      return sweepSendTimes(scenario, push, from, to, sweepStep(from, to));
    },
  });

  // Expectations and the Why panel's counterfactuals: each add, remove or Apply is one undo step.
  const workbench = useHandlers({
    expect: (e: ExpectationFile) => send({ type: 'expect.add', expect: e }),
    unexpect: (e: ExpectationFile) => send({ type: 'expect.remove', expect: e }),
    applyChange: (id: string) => void ((next) => next && edit(next))(applyChange(file, id)),
    applySendTime: (push: string, t: number) => void ((next) => next && edit(next))(sendAt(file, push, t)),
    compare: (key: string) => setCompareWith(key),
  });
  const shownResult = panelSim?.output.result;
  const totals = useMemo(
    () => shownResult && { strikes: shownResult.strikes.length, throttled: shownResult.throttled.length > 0 },
    [shownResult],
  );

  if (!sim) {
    // The first run is under way in the worker (a large document can take a second or two).
    return (
      <main className="fatal" aria-busy="true">
        <h1>Ringside</h1>
        <p>Simulating…</p>
      </main>
    );
  }
  if (sim.fatal || !trace) {
    return (
      <main className="fatal">
        <h1>Ringside</h1>
        <p>This scenario cannot be simulated:</p>
        <ul>{snapshot.context.file && <li>{formatErrors(sim.errors).join('\n')}</li>}</ul>
      </main>
    );
  }

  // A view loaded on first use that cannot be had says so in the hint bar and closes.
  const unavailable = (what: string, close: () => void) => (error: Error) => {
    setNotice({ kind: 'error', text: `${what} could not be opened (${error.message}). Reload to try again.` });
    close();
  };

  if (presenting && sim.scenario) {
    return (
      // While present mode loads: its dark, empty full-screen frame.
      <Deferred
        fallback={<div className="present" aria-busy="true" />}
        onError={unavailable('Present mode', () => setPresenting(false))}
      >
        <PresentMode
          output={sim.output}
          scenario={sim.scenario}
          file={file}
          variant={variant}
          onExit={() => setPresenting(false)}
        />
      </Deferred>
    );
  }

  return (
    <div className="app" aria-busy={simulating}>
      {library && (
        // While the library loads: its backdrop over the app, which closes it as the library's would.
        <Deferred
          fallback={<div className="library-backdrop" aria-busy="true" onClick={() => setLibrary(undefined)} />}
          onError={unavailable('The rule library', () => setLibrary(undefined))}
        >
          <RuleLibrary
            {...library}
            {...(loadedScenario ? { scenario: loadedScenario } : {})}
            onCompareIos={(ios) => {
              setCompareWith(`ios:${ios}`);
              setLibrary(undefined);
            }}
            onClose={() => setLibrary(undefined)}
            onOpen={(showing) => {
              const preset = PRESETS.find((p) => p.id === showing.presetId);
              if (!preset || !detach(`the preset “${preset.file.title}”`)) return;
              send({ type: 'doc.load', file: preset.file, presetId: preset.id });
              send({ type: 'select.push', push: showing.push });
              send({ type: 'playhead.set', t: showing.at });
              setLibrary(undefined);
            }}
          />
        </Deferred>
      )}
      {shortcuts && <ShortcutsDialog onClose={() => setShortcuts(false)} />}
      {legend && <LegendDialog onClose={() => setLegend(false)} />}
      <h1 className="visually-hidden">Ringside</h1>
      <Toolbar
        title={file.title}
        presetId={snapshot.context.presetId}
        ios={file.device?.ios ?? '18.5'}
        playing={playback.playing}
        speed={playback.speed}
        canUndo={snapshot.context.past.length > 0}
        canRedo={snapshot.context.future.length > 0}
        theme={theme}
        compareGroups={toolbarCompareGroups}
        compareWith={variant?.key}
        addable={ADDABLE}
        openInput={openInput}
        {...toolbar}
      />
      <p className="hint-bar">
        {autosave.offer ? (
          <span className="info-bar" role="status">
            Unsaved work from {new Date(autosave.offer.savedAt).toLocaleString()} is still here.{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                const restored = autosave.accept();
                if (restored) send({ type: 'doc.edit', file: restored });
              }}
            >
              Restore it
            </button>
            <button type="button" className="link" onClick={autosave.discard}>
              Discard
            </button>
          </span>
        ) : notice ? (
          <span
            className={notice.kind === 'error' ? 'error-bar' : 'info-bar'}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            {notice.kind === 'error' ? '⚠ ' : ''}
            {notice.text}{' '}
            <button type="button" className="link" onClick={() => setNotice(undefined)}>
              dismiss
            </button>
          </span>
        ) : sim.errors.length > 0 ? (
          <span className="error-bar" role="alert">
            ⚠ {formatErrors(sim.errors).join(' · ')} — showing the last valid result.
          </span>
        ) : (
          <>
            <strong>Drag a push or a network change; fates update as you drag.</strong> Click a push for its rules ·
            double-click a lane to add · Ctrl/⌘+wheel zooms · ← → step through events ·{' '}
            <button type="button" className="link" onClick={() => setShortcuts(true)}>
              all shortcuts (?)
            </button>
          </>
        )}
      </p>
      <div className="workspace">
        {/* Comparing, the column is split: the scenario's timeline on top and the variant's below, each
            scrolling on its own on the same time axis, and the differences beside the fates. The main
            timeline keeps its place among the column's children, so that it is not mounted again. */}
        <div className={variant ? 'main-column comparing' : 'main-column'}>
          {variant && (
            <h2 className="pane-title" id="pane-main-title">
              As written <span className="hint">{file.title}</span>
              <button type="button" className="link pane-action" onClick={() => setAllLanes((all) => !all)}>
                {allLanes ? 'Fold the lanes the same in both' : 'Show all lanes'}
              </button>
            </h2>
          )}
          <div className="timelines" {...(variant ? { role: 'region', 'aria-labelledby': 'pane-main-title' } : {})}>
            <Timeline
              output={sim.output}
              events={file.timeline}
              view={view}
              playhead={playhead}
              selection={selection}
              selectedPush={selectedPush}
              complete={exporting}
              {...(differs ? { differs } : {})}
              {...(folded ? { folded } : {})}
              onLegend={openLegend}
              {...timeline}
            />
          </div>
          {variant && (
            <section className="variant-pane" aria-labelledby="pane-variant-title">
              <h2 className="pane-title variant-title" id="pane-variant-title">
                {variant.title} <span className="hint">(read-only; edit the scenario as written)</span>
              </h2>
              <div className="timelines">
                <Timeline
                  output={variant.output}
                  events={variant.file?.timeline ?? file.timeline}
                  view={view}
                  playhead={playhead}
                  selection={NONE}
                  selectedPush={selectedPush}
                  {...(differs ? { differs } : {})}
                  {...(folded ? { folded } : {})}
                  onView={timeline.onView}
                  onPlayhead={timeline.onPlayhead}
                  onSelectEvents={ignore}
                  onSelectPush={timeline.onSelectPush}
                  onDragStart={ignore}
                  onDragMove={ignore}
                  onDragEnd={ignore}
                  onAddEvent={ignore}
                  readOnly
                />
              </div>
            </section>
          )}
          <div className="bottom">
            <FatesPanel pushes={pushes} selected={selectedPush} onSelect={panels.selectPush} />
            {variant && (
              // While the differences load: their empty panel, in the place the grid keeps for them.
              <Deferred
                fallback={<section className="panel compare" aria-label="Differences" aria-busy="true" />}
                onError={unavailable('The differences', () => setCompareWith(undefined))}
              >
                <ComparePanel
                  label={variant.label}
                  a={pushes}
                  b={variant.output.result.pushes}
                  selected={selectedPush}
                  onSelect={panels.selectPush}
                />
              </Deferred>
            )}
            {worldState ? (
              <StatePanel state={worldState} {...(totals ? { totals } : {})} onExpect={workbench.expect} />
            ) : (
              <section className="panel state" aria-label="State at playhead" aria-busy="true">
                <h2>State at playhead…</h2>
              </section>
            )}
          </div>
        </div>
        <aside className="side">
          <ExpectationsPanel
            results={shownResult?.expectations ?? NO_EXPECTATIONS}
            onRemove={workbench.unexpect}
            onSelectPush={panels.selectPush}
          />
          <WhyPanel
            push={pushResult}
            actions={workbench}
            result={panelSim?.output.result}
            scenario={loadedScenario}
            onRule={panels.openRule}
            whatIf={panels.whatIf}
            sweep={panels.sweep}
          />
          <Inspector
            file={file}
            selection={selection}
            errors={sim.errors}
            onEdit={edit}
            onRenamePush={panels.renamePush}
          />
        </aside>
      </div>
    </div>
  );
}
