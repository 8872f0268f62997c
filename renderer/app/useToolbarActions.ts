import { emptyScenario } from '../state/document/edits';
import { flushSync } from 'react-dom';
import { htmlReport, markdownReport } from '../../machines';
import type { ScenarioFile, TimelineEventFile } from '../../machines';
import type { Theme } from '../components/Toolbar';
import type { SimulationView } from '../state/bridges/simulation';
import type { Notice } from '../state/bridges/useDocumentFile';
import { download, downloadBlob, downloadText, fileNameFor, importText } from '../state/bridges/documentIO';
import { encodeScenario, encodeView } from '../state/bridges/share';
import type { EditorContext, View } from '../state/document/editorMachine';
import { useHandlers } from '../state/view/useHandlers';
import type { Send } from './useEditor';

/**
 * The toolbar's handlers, stable (`useHandlers`): the toolbar is memoized and need not render again
 * while a push is dragged. The image export loads its code (a chunk of its own) on first use; the
 * reports are the core's, which the page has loaded already (a lazy import of the door splits nothing).
 */
export function useToolbarActions(o: {
  context: EditorContext;
  send: Send;
  sim: SimulationView | undefined;
  view: View;
  playback: { toggle: () => void; setSpeed: (speed: number) => void };
  step: (dir: 1 | -1) => void;
  setTheme: (theme: Theme) => void;
  openLibrary: () => void;
  present: () => void;
  compare: {
    setCompareWith: (key: string | undefined) => void;
    compareFile: (name: string, file: ScenarioFile) => void;
  };
  setNotice: (notice: Notice | undefined) => void;
  setExporting: (exporting: boolean) => void;
  openImported: (imported: ReturnType<typeof importText>, name: string) => unknown;
  /** Loads a preset, when the unsaved edits may go (`useDocumentFile`'s `detach`). */
  loadPreset: (id: string) => void;
  /** Whether the unsaved edits may go for `what` (asks when they are unsaved; `useDocumentFile`). */
  detach: (what: string) => boolean;
  downloaded: (file: ScenarioFile) => void;
}) {
  const { context, send, setNotice } = o;
  const { file } = context;
  return useHandlers({
    onTitle: (title: string, typing: string) => send({ type: 'doc.setText', key: 'title', value: title, typing }),
    onPreset: (id: string) => o.loadPreset(id),
    onNew: (presetId?: string) => {
      if (presetId) {
        o.loadPreset(presetId);
        return;
      }
      if (o.detach('a new, empty scenario')) send({ type: 'doc.load', file: emptyScenario() });
    },
    onIos: (ios: string, typing: string) =>
      send({ type: 'doc.setSection', section: 'device', key: 'ios', value: ios, typing }),
    onPlay: () => o.playback.toggle(),
    onSpeed: (speed: number) => o.playback.setSpeed(speed),
    onNextEvent: () => o.step(1),
    onFit: () => send({ type: 'view.set', view: undefined }),
    onUndo: () => send({ type: 'history.undo' }),
    onRedo: () => send({ type: 'history.redo' }),
    onTheme: (next: Theme) => o.setTheme(next),
    onRules: () => o.openLibrary(),
    onPresent: () => o.present(),
    onCompare: (key: string | undefined) => o.compare.setCompareWith(key),
    onCompareFile: (text: string, name: string) => {
      const imported = importText(text, name);
      if (imported.ok) o.compare.compareFile(name, imported.file);
      else setNotice({ kind: 'error', text: `${imported.errors.join(' · ')} — nothing to compare with.` });
    },
    onOpenText: (text: string, name: string) => o.openImported(importText(text, name), name),
    onSave: () => {
      download(file);
      o.downloaded(file);
    },
    onExport: (format: 'svg' | 'png') => {
      const name = fileNameFor(file).replace('.ringside.json', `.timeline.${format}`);
      const failed = (error: Error) =>
        setNotice({ kind: 'error', text: `${format.toUpperCase()} export failed: ${error.message}` });
      void import('../state/bridges/exportImage').then(({ svgToPng, timelineSvg }) => {
        // While the export copies the timeline: every push row is in the document, not only those near the view.
        flushSync(() => o.setExporting(true));
        const svg = document.querySelector<SVGSVGElement>('.timeline > svg[role="application"]');
        const image = svg ? timelineSvg(svg, file.title) : undefined;
        o.setExporting(false);
        if (!image) return;
        if (format === 'svg') downloadText(image.text, name, 'image/svg+xml');
        else void svgToPng(image).then((png) => downloadBlob(png, name), failed);
      }, failed);
    },
    onReport: (format: 'md' | 'html') => {
      // The scenario the shown result was simulated from, not the panels' copy a step behind.
      const scenario = o.sim?.scenario;
      if (!scenario || !o.sim) return;
      const result = o.sim.output.result;
      const name = fileNameFor(file).replace('.ringside.json', `.report.${format}`);
      try {
        if (format === 'md') downloadText(markdownReport(scenario, result), name, 'text/markdown');
        else downloadText(htmlReport(scenario, result), name, 'text/html');
      } catch (error) {
        setNotice({ kind: 'error', text: `The report could not be made: ${(error as Error).message}` });
      }
    },
    onCopyLink: () => {
      const shown = encodeView({
        ...o.view,
        playhead: context.playhead,
        ...(context.push ? { push: context.push } : {}),
      });
      const url = `${window.location.href.split('#')[0]}#s=${encodeScenario(file)}&${shown}`;
      window.history.replaceState(null, '', url);
      void navigator.clipboard?.writeText(url).catch(() => undefined);
      setNotice({
        kind: 'info',
        text: 'Link copied: the whole scenario is in the address (it is never sent to a server).',
      });
    },
    onAdd: (type: TimelineEventFile['do']) => send({ type: 'doc.addEvent', event: type, at: context.playhead }),
  });
}
