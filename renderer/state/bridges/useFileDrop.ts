import { useEffect, useRef } from 'react';
import type { TextSource } from './documentIO';

/** Drop a scenario file onto the window, or paste a link or scenario JSON anywhere outside a text field. */
export function useFileDrop(onText: (text: string, name: string, from: TextSource) => void): void {
  const ref = useRef(onText);
  useEffect(() => {
    ref.current = onText;
  });
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void file.text().then((text) => ref.current(text, file.name, 'file'));
    };
    const paste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const text = e.clipboardData?.getData('text') ?? '';
      if (/^\s*\{/.test(text) || /#s=/.test(text)) {
        e.preventDefault();
        ref.current(text, 'pasted text', 'paste');
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
