import { useEffect, useRef } from 'react';
import type { TextSource } from './documentIO';
import { JSON_START, looksLikeLog } from './logImportRun';

/** How much of a dropped file is read to tell a scenario (JSON) from a device log. */
const PEEK = 4096;

/**
 * Drop a scenario file onto the window, or paste a link or scenario JSON anywhere outside a text field.
 * A dropped file that is not JSON, and pasted text that reads as a device log, go to `onLog` (#26): a
 * log is read in a worker, never here.
 */
export function useFileDrop(
  onText: (text: string, name: string, from: TextSource) => void,
  onLog?: (source: Blob | string, name: string) => void,
): void {
  const ref = useRef({ onText, onLog });
  useEffect(() => {
    ref.current = { onText, onLog };
  });
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      const { onLog } = ref.current;
      if (!onLog || /\.json$/i.test(file.name)) {
        void file.text().then((text) => ref.current.onText(text, file.name, 'file'));
        return;
      }
      void file
        .slice(0, PEEK)
        .text()
        .then((head) =>
          JSON_START.test(head)
            ? file.text().then((text) => ref.current.onText(text, file.name, 'file'))
            : onLog(file, file.name),
        );
    };
    const paste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const text = e.clipboardData?.getData('text') ?? '';
      if (/^\s*\{/.test(text) || /#s=/.test(text)) {
        e.preventDefault();
        ref.current.onText(text, 'pasted text', 'paste');
      } else if (ref.current.onLog && looksLikeLog(text)) {
        e.preventDefault();
        ref.current.onLog(text, 'pasted text');
      }
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, []);
}
