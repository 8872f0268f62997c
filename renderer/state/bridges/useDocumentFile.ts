import { useCallback, useEffect, useState } from 'react';
import type { ScenarioFile } from '../../../machines';
import { importText, type Imported } from './documentIO';
import { FIRST_PRESET } from '../document/presets';
import { useAutosave } from './useAutosave';
import { useDesktopMenu } from './useDesktopMenu';
import { useFileDrop } from './useFileDrop';
import { useLogImport } from './useLogImport';
import type { LogPreview } from './logImportRun';

export type Notice = { kind: 'info' | 'error'; text: string };

/**
 * The document as a file: opening (menu, drop, paste), saving in the desktop shell, the window
 * title with its edited marker, autosave, and the notices that tell the user what happened.
 * An invalid file never replaces the current document.
 */
export function useDocumentFile(options: {
  file: ScenarioFile;
  /** How many undoable edits the document has since it was loaded. */
  edits: number;
  load: (file: ScenarioFile, presetId?: string) => void;
  linkErrors?: readonly string[];
}) {
  const { file, edits, load } = options;
  const [notice, setNotice] = useState<Notice | undefined>(
    options.linkErrors
      ? { kind: 'error', text: `${options.linkErrors.join(' · ')} — opened the first preset instead.` }
      : undefined,
  );
  const [path, setPath] = useState<string | undefined>();
  const [savedFile, setSavedFile] = useState(file);
  // Edited since it was opened or saved (loading resets the history, so a fresh document is clean).
  const edited = edits > 0 && file !== savedFile;
  /**
   * May the document be replaced by `what`? Always when it has no unsaved edits; otherwise the user
   * says so (replacing resets the undo history, so the edits would be gone).
   */
  const mayReplace = useCallback(
    (what: string) =>
      !edited || window.confirm(`“${file.title}” has unsaved edits. Discard them and open ${what}? Cancel keeps them.`),
    [edited, file.title],
  );
  // A document that did not come from a file on disk (a drop, a paste, a preset, New) has no path:
  // Save must then ask where, never overwrite the file that was open before.
  const openImported = useCallback(
    (imported: Imported, source: string, asked = false): boolean => {
      if (!imported.ok) {
        setNotice({ kind: 'error', text: `${imported.errors.join(' · ')} — nothing was opened.` });
        return false;
      }
      if (!asked && !mayReplace(source)) return false;
      setPath(undefined);
      load(imported.file);
      setNotice({ kind: 'info', text: imported.note ?? `Opened ${source}.` });
      return true;
    },
    [load, mayReplace],
  );
  const logs = useLogImport((text) => setNotice({ kind: 'error', text: `${text} — nothing was opened.` }));
  const { cancel: cancelLog } = logs;
  useFileDrop((text, name, from) => openImported(importText(text, name, from), name), logs.start);
  // The log's lines stay on the page, for the Reality vs model panel, while the imported scenario is open.
  const [logLines, setLogLines] = useState<{ notes: string | undefined; preview: LogPreview } | undefined>();
  const openLog = useCallback(
    (next: ScenarioFile, preview: LogPreview) => {
      const pushes = next.timeline.filter((e) => e.do === 'push').length;
      const what = preview.name === 'pasted text' ? 'the pasted log' : `the log ${preview.name}`;
      const note = `Opened ${what} as a scenario (${pushes} push${pushes === 1 ? '' : 'es'}); what it shows is held against the rules in Reality vs model.`;
      if (!openImported({ ok: true, file: next, note }, what)) return;
      cancelLog();
      setLogLines({ notes: next.notes, preview });
    },
    [openImported, cancelLog],
  );
  const logEvidence = logLines && logLines.notes === file.notes ? logLines.preview.evidence : undefined;
  // Only unsaved edits are kept: a saved or downloaded document is no longer offered as unsaved work.
  const autosave = useAutosave(file, edited);
  useEffect(() => {
    const name = path ? path.split(/[\\/]/).pop() : file.title;
    document.title = `${name}${edited ? ' — edited' : ''} — Ringside`;
  }, [path, file.title, edited]);
  useDesktopMenu({
    file,
    path,
    dirty: edited,
    // Revert asked in the shell already (it is the point of reverting).
    onOpened: (text, opened, reverting) => {
      const imported = importText(text, opened);
      if (openImported(imported, opened, reverting) && imported.ok) {
        setPath(opened);
        setSavedFile(imported.file);
      }
    },
    onSaved: (saved, savedDoc) => {
      setPath(saved);
      setSavedFile(savedDoc);
      setNotice({ kind: 'info', text: `Saved ${saved}.` });
    },
    onNew: () => {
      if (!mayReplace('a new document')) return;
      setPath(undefined);
      load(FIRST_PRESET.file, FIRST_PRESET.id);
    },
    onImportLog: logs.choose,
    onError: (text) => setNotice({ kind: 'error', text }),
  });
  /**
   * The document is to be replaced by something that is not a file (a preset): false if the user
   * keeps their unsaved edits instead; else the file's path is forgotten.
   */
  const detach = useCallback(
    (what: string) => {
      if (!mayReplace(what)) return false;
      setPath(undefined);
      return true;
    },
    [mayReplace],
  );
  /** The web build saved by downloading: the document is no longer edited. */
  const downloaded = useCallback((saved: ScenarioFile) => setSavedFile(saved), []);
  return {
    notice,
    setNotice,
    openImported,
    autosave,
    detach,
    downloaded,
    log: { state: logs.state, start: logs.start, cancel: logs.cancel, open: openLog, evidence: logEvidence },
  };
}
