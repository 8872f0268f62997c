import { useEffect, useState } from 'react';
import type { ScenarioFile } from '../../machines';

const KEY = 'ringside.autosave.v1';
const EVERY_MS = 2_000;

interface Saved {
  readonly file: ScenarioFile;
  readonly savedAt: string;
}

function readSaved(): Saved | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Saved;
    return saved && typeof saved === 'object' && saved.file && typeof saved.savedAt === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the working copy in local storage a couple of seconds after each change, and offers the one a
 * previous visit left behind (after a crash or a closed tab) until it is restored or discarded.
 */
export function useAutosave(file: ScenarioFile, dirty: boolean) {
  const [offer, setOffer] = useState<Saved | undefined>(readSaved);
  useEffect(() => {
    if (!dirty || offer) return;
    const timer = setTimeout(() => {
      try {
        localStorage.setItem(KEY, JSON.stringify({ file, savedAt: new Date().toISOString() }));
      } catch {
        // storage full or disabled: autosave is best-effort, the document itself is untouched
      }
    }, EVERY_MS);
    return () => clearTimeout(timer);
  }, [file, dirty, offer]);
  return {
    offer,
    accept: () => {
      const saved = offer;
      setOffer(undefined);
      return saved?.file;
    },
    discard: () => {
      localStorage.removeItem(KEY);
      setOffer(undefined);
    },
  };
}
