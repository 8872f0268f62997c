import { useCallback, useEffect, useState } from 'react';
import type { ScenarioFile } from '../../machines/scenario';
import { importText, type Imported } from './files';
import { FIRST_PRESET } from './presets';
import { useAutosave } from './useAutosave';
import { useDesktopMenu } from './useDesktopMenu';
import { useFileDrop } from './useFileDrop';

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
  // A document that did not come from a file on disk (a drop, a paste, a preset, New) has no path:
  // Save must then ask where, never overwrite the file that was open before.
  const openImported = useCallback(
    (imported: Imported, source: string) => {
      if (!imported.ok) {
        setNotice({ kind: 'error', text: `${imported.errors.join(' · ')} — nothing was opened.` });
        return;
      }
      setPath(undefined);
      load(imported.file);
      setNotice({ kind: 'info', text: imported.note ?? `Opened ${source}.` });
    },
    [load],
  );
  useFileDrop((text, name) => openImported(importText(text, name), name));
  const autosave = useAutosave(file, edits > 0);
  const [savedFile, setSavedFile] = useState(file);
  // Edited since it was opened or saved (loading resets the history, so a fresh document is clean).
  const edited = edits > 0 && file !== savedFile;
  useEffect(() => {
    const name = path ? path.split(/[\\/]/).pop() : file.title;
    document.title = `${name}${edited ? ' — edited' : ''} — Ringside`;
  }, [path, file.title, edited]);
  useDesktopMenu({
    file,
    path,
    dirty: edited,
    onOpened: (text, opened) => {
      const imported = importText(text, opened);
      openImported(imported, opened);
      if (imported.ok) {
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
      setPath(undefined);
      load(FIRST_PRESET.file, FIRST_PRESET.id);
    },
    onError: (text) => setNotice({ kind: 'error', text }),
  });
  /** The document was replaced by something that is not a file (a preset): forget the file's path. */
  const detach = useCallback(() => setPath(undefined), []);
  return { notice, setNotice, openImported, autosave, detach };
}
