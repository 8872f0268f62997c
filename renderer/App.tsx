import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { formatErrors } from '../machines';
import { Toolbar } from './components/Toolbar';
import { LegendDialog } from './components/LegendDialog';
import { LogImportDialog } from './components/LogImportDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import type { View } from './state/document/editorMachine';
import { ADDABLE } from './state/document/edits';
import { documentOrigin, staleTexts } from './state/document/origin';
import { PRESETS } from './state/document/presets';
import { rememberDocument } from './state/document/lastDocument';
import { useSimulation } from './state/bridges/simulation';
import { useDocumentFile } from './state/bridges/useDocumentFile';
import { desktop } from './state/bridges/desktop';
import { usePlayback } from './state/view/usePlayback';
import { useThrottled } from './state/view/useThrottled';
import { HeldWhile } from './state/view/heldWhile';
import { Deferred, PresentMode, RuleLibrary, usePreloadViews } from './lazyViews';
import { HintBar } from './app/HintBar';
import { useCompare } from './app/useCompare';
import { useEditor } from './app/useEditor';
import { useEditorKeys } from './app/useEditorKeys';
import { useTheme } from './app/useTheme';
import { useToolbarActions } from './app/useToolbarActions';
import { Workspace } from './app/Workspace';
import { shownDocument } from './app/shownDocument';

/** How often (ms) the panels follow the simulation while an input is dragged; the timeline follows every frame. */
const PANELS_WHILE_DRAGGING = 150;

function fit(start: number, end: number): View {
  const pad = Math.max((end - start) * 0.04, 500);
  return { start: start - pad, end: end + pad };
}

/**
 * The app: the editor's machine holds the document and its edits (`app/useEditor`); App composes the
 * toolbar, the hint bar, the workspace and the views opened on demand (the rule library, present mode,
 * dialogs), and wires them to the machine's events.
 */
export function App() {
  const { snapshot, send, linkErrors } = useEditor();
  const { context } = snapshot;
  const { file, playhead } = context;
  rememberDocument(file);
  const sim = useSimulation(file, context.doc, playhead);
  const [theme, setTheme] = useTheme();
  const [library, setLibrary] = useState<{ focus?: string } | undefined>();
  /** The list of keys and pointer gestures (`?`, or Help → Keyboard Shortcuts in the desktop app). */
  const [shortcuts, setShortcuts] = useState(false);
  /** What the timeline's colours, patterns and glyphs mean, and every fate. */
  const [legend, setLegend] = useState(false);
  const openLegend = useCallback(() => setLegend(true), []);
  const openRule = useCallback((focus: string) => setLibrary({ focus }), []);
  /** The toolbar's Open… file field, which Ctrl/⌘+O clicks in the web app. */
  const openInput = useRef<HTMLInputElement>(null);
  useEffect(() => desktop()?.onMenu((command) => command.command === 'shortcuts' && setShortcuts(true)), []);
  /** While an export copies the timeline: every push row is in the document, not only those near the view. */
  const [exporting, setExporting] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const { notice, setNotice, openImported, autosave, detach, downloaded, log } = useDocumentFile({
    file,
    edits: context.past.length,
    load: (next, presetId) => send({ type: 'doc.load', file: next, ...(presetId ? { presetId } : {}) }),
    linkErrors,
  });
  // What an edit changed besides what was asked ("removed 1 expectation that named call-2") is the
  // latest notice.
  useEffect(() => {
    if (context.status) setNotice({ kind: 'info', text: context.status.text });
  }, [context.status, setNotice]);
  usePreloadViews();

  const trace = sim?.output.trace;
  // The fitted view is the same object while the scenario's span is the same: the memoized timelines
  // compare it by identity.
  const [traceStart, traceEnd] = [trace?.start, trace?.end];
  const fittedNow = useMemo(
    () => (traceStart === undefined || traceEnd === undefined ? { start: 0, end: 60_000 } : fit(traceStart, traceEnd)),
    [traceStart, traceEnd],
  );
  const dragging = snapshot.matches('dragging');
  // While an input is dragged the fitted view stays as it was when the drag began (`HeldWhile`).
  const [fittedHold] = useState(() => new HeldWhile<View>());
  const fitted = fittedHold.take(fittedNow, dragging);
  const view = context.view ?? fitted;
  // While another document opens, the playhead waits for it to be drawn: Play pressed meanwhile starts
  // then (`usePlayback`), and the keys and the Next button that move it do nothing (the result on screen,
  // whose event times and end they would use, is the old document's).
  const shown = sim && shownDocument(context, sim.doc);
  const opening = shown?.opening ?? false;
  const playback = usePlayback(playhead, trace?.end ?? 0, (t) => send({ type: 'playhead.set', t }), opening);
  const step = (dir: 1 | -1) => {
    if (!trace || opening) return;
    const times = trace.eventTimes;
    const t = dir > 0 ? times.find((x) => x > playhead) : [...times].reverse().find((x) => x < playhead);
    if (t !== undefined) send({ type: 'playhead.set', t });
  };
  const loadPreset = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset || !detach(`the preset “${preset.file.title}”`)) return false;
    send({ type: 'doc.load', file: preset.file, presetId: preset.id });
    return true;
  };

  // The panels, the compare menu and the variant follow a step behind the timeline while dragging:
  // React renders them (and simulates the variant) when the frame with the moved timeline has been
  // painted. While a drag is on they follow at most every PANELS_WHILE_DRAGGING ms (the last move
  // always comes through) and at once when the pointer lifts: rendering, laying out and painting them
  // after every drag frame took about a quarter of the drag's main-thread time.
  // A step behind is for the edits of one document: when another document's result lands, the panels
  // follow it in the same frame as the timeline (their last document's fates beside the new timeline
  // would be two documents at once).
  const behind = useDeferredValue(useThrottled(sim, dragging, PANELS_WHILE_DRAGGING));
  const panelSim = behind && sim && behind.doc !== sim.doc ? sim : behind;
  // The editor lets go of the documents it left that no result will show again (results land in order).
  const landed = sim?.doc;
  useEffect(() => {
    if (landed !== undefined) send({ type: 'doc.landed', doc: landed });
  }, [landed, send]);
  const compare = useCompare({ panelSim, sim, presetId: context.presetId });
  // The inspector follows the dragged document as the panels do: its "at" field and where that stands
  // among the other events (measured over every event) at most every PANELS_WHILE_DRAGGING ms.
  const inspected = useThrottled(file, dragging, PANELS_WHILE_DRAGGING);
  const toolbar = useToolbarActions({
    context,
    send,
    sim,
    view,
    playback,
    step,
    setTheme,
    openLibrary: () => setLibrary({}),
    present: () => setPresenting(true),
    compare,
    setNotice,
    setExporting,
    openImported,
    loadPreset,
    detach,
    downloaded,
  });
  useEditorKeys({
    context,
    send,
    trace: opening ? undefined : trace,
    view,
    step,
    help: () => setShortcuts(true),
    save: () => toolbar.onSave(),
    openInput,
  });
  const origin = documentOrigin(context);

  if (!sim || !shown) {
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
        <ul>
          <li>{formatErrors(sim.errors).join('\n')}</li>
        </ul>
      </main>
    );
  }

  // A view loaded on first use that cannot be had says so in the hint bar and closes.
  const unavailable = (what: string, close: () => void) => (error: Error) => {
    setNotice({ kind: 'error', text: `${what} could not be opened (${error.message}). Reload to try again.` });
    close();
  };

  // While another document opens, the workspace and present mode draw the one whose result is on screen,
  // whole and inert (`shown`, above); the toolbar already names the document being opened.

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
          file={shown.context.file}
          variant={compare.variant}
          writtenFor={staleTexts(shown.context) ? documentOrigin(shown.context)?.title : undefined}
          onExit={() => setPresenting(false)}
        />
      </Deferred>
    );
  }

  // A title or iOS version the document refused: the field keeps what was typed (the hint bar says why).
  const typed = (path: string) => {
    const { refused } = context;
    return refused?.path === path && typeof refused.value === 'string' ? refused.value : undefined;
  };
  // Busy until the result on screen is the edited document's own, in the panels too (they follow a
  // deferred render behind the timeline): tests wait for the run to land, and a screen reader does not
  // read the expectations or fates of the edit before. Busy too while another document opens, even of
  // the very same file (a preset picked again): its result is not the one on screen yet (`shown.opening`).
  const busy = sim.doc !== context.doc || sim.file !== file || panelSim !== sim;
  return (
    <div className={shown.opening ? 'app opening' : 'app'} aria-busy={busy}>
      {library && (
        // While the library loads: its backdrop over the app, which closes it as the library's would.
        <Deferred
          fallback={<div className="library-backdrop" aria-busy="true" onClick={() => setLibrary(undefined)} />}
          onError={unavailable('The rule library', () => setLibrary(undefined))}
        >
          <RuleLibrary
            {...library}
            {...(panelSim?.scenario ? { scenario: panelSim.scenario } : {})}
            onCompareIos={(ios) => {
              compare.setCompareWith(`ios:${ios}`);
              setLibrary(undefined);
            }}
            onClose={() => setLibrary(undefined)}
            onOpen={(showing) => {
              if (!loadPreset(showing.presetId)) return;
              send({ type: 'select.push', push: showing.push });
              send({ type: 'playhead.set', t: showing.at });
              setLibrary(undefined);
            }}
          />
        </Deferred>
      )}
      {shortcuts && <ShortcutsDialog onClose={() => setShortcuts(false)} />}
      {legend && <LegendDialog onClose={() => setLegend(false)} />}
      <LogImportDialog state={log.state} onCancel={log.cancel} onOpen={log.open} onChosen={log.start} />
      <h1 className="visually-hidden">Ringside</h1>
      <Toolbar
        title={typed('title') ?? file.title}
        {...(origin?.modified ? { modifiedFrom: origin.title } : {})}
        ios={typed('device.ios') ?? file.device?.ios ?? '18.5'}
        playing={playback.playing}
        speed={playback.speed}
        canUndo={context.past.length > 0}
        canRedo={context.future.length > 0}
        theme={theme}
        compareGroups={compare.groups}
        compareWith={compare.variant?.key}
        addable={ADDABLE}
        openInput={openInput}
        onImportLog={log.start}
        {...toolbar}
      />
      <HintBar
        {...(autosave.offer ? { offer: autosave.offer } : {})}
        onRestore={() => {
          const restored = autosave.accept();
          if (restored) send({ type: 'doc.edit', file: restored });
        }}
        onDiscard={autosave.discard}
        {...(context.refused ? { refused: context.refused } : {})}
        {...(notice ? { notice } : {})}
        onDismiss={() => setNotice(undefined)}
        errors={sim.errors}
        onShortcuts={() => setShortcuts(true)}
      />
      <Workspace
        context={shown.context}
        opening={shown.opening}
        send={send}
        sim={sim}
        panelSim={panelSim}
        inspected={dragging ? inspected : shown.context.file}
        view={shown.context.view ?? fitted}
        exporting={exporting}
        compare={compare}
        openRule={openRule}
        openLegend={openLegend}
        unavailable={unavailable}
        {...(log.evidence ? { evidence: log.evidence } : {})}
      />
    </div>
  );
}
