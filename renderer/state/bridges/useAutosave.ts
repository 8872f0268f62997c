import { useEffect, useRef, useState } from 'react';
import { loadScenario, type ScenarioFile } from '../../../machines';
import { watchPointerPress } from '../view/usePointerPressed';

/** Every recovery copy is under this prefix, one per page (tab) that made it. */
const PREFIX = 'ringside.autosave.';
/** The copy of a version that kept one for all tabs: still offered, once. */
const LEGACY = `${PREFIX}v1`;
/** How often (ms) the copy follows the document while it has unsaved edits. */
export const EVERY_MS = 2_000;

/**
 * This page's id: its copy's key, and a Web Lock held for the page's life, so that another tab knows
 * the copy is still being kept and neither offers nor discards it. A reload is a new page: the copy
 * the old one left is then offered like any other.
 */
const PAGE = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());
const OWN = `${PREFIX}v2:${PAGE}`;
const lockOf = (key: string) => `ringside.page:${key}`;
if (typeof navigator !== 'undefined' && navigator.locks)
  void navigator.locks.request(lockOf(OWN), () => new Promise<never>(() => undefined)).catch(() => undefined);

interface Saved {
  readonly file: ScenarioFile;
  readonly savedAt: string;
}

/** A recovery copy another page left behind, and its key. */
export interface Offer extends Saved {
  readonly key: string;
}

function write(file: ScenarioFile): void {
  try {
    localStorage.setItem(OWN, JSON.stringify({ file, savedAt: new Date().toISOString() }));
  } catch {
    // storage full or disabled: autosave is best-effort, the document itself is untouched
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing was kept
  }
}

/** A copy as stored, if it is one a user can restore: malformed ones would blank the page. */
function readCopy(key: string): Offer | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<Saved> | null;
    if (!saved || typeof saved !== 'object' || typeof saved.savedAt !== 'string') return undefined;
    if (Number.isNaN(Date.parse(saved.savedAt)) || !loadScenario(saved.file).ok) return undefined;
    return { file: saved.file as ScenarioFile, savedAt: saved.savedAt, key };
  } catch {
    return undefined;
  }
}

/**
 * The newest copy no live page keeps (broken copies are dropped on the way), and the keys of the
 * copies live pages keep.
 */
async function findOffer(): Promise<{ offer?: Offer; kept: string[] }> {
  let keys: string[];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(PREFIX) && k !== OWN);
  } catch {
    return { kept: [] };
  }
  const kept: string[] = [];
  const live = new Set<string>();
  try {
    const held = (await navigator.locks?.query())?.held ?? [];
    for (const lock of held) if (lock.name) live.add(lock.name);
  } catch {
    // no Web Locks: every other copy is offered
  }
  let best: Offer | undefined;
  for (const key of keys) {
    if (key !== LEGACY && live.has(lockOf(key))) {
      kept.push(key);
      continue;
    }
    const copy = readCopy(key);
    if (!copy) {
      remove(key);
      continue;
    }
    if (!best || copy.savedAt > best.savedAt) best = copy;
  }
  return best ? { offer: best, kept } : { kept };
}

/** Resolves once the page keeping `key` is gone (closed, crashed, reloaded): its lock is free. */
function whenLeft(key: string): Promise<void> {
  return navigator.locks
    .request(lockOf(key), { mode: 'shared' }, () => undefined)
    .then(
      () => undefined,
      () => new Promise<void>(() => undefined),
    );
}

/** Keeps `file` where the next visit offers it (the app crashed: see CrashBoundary). */
export function keepOnCrash(file: ScenarioFile | undefined): void {
  if (file) write(file);
}

/**
 * Keeps the working copy in local storage while it has unsaved edits (every couple of seconds, but not
 * while a pointer is pressed: then when it lifts; and when the page is hidden or left), one copy per
 * page so that two tabs never overwrite or discard each other's; and offers a copy a previous page left
 * behind (after a crash or a closed tab) until it is restored or discarded. A document with no unsaved
 * edits keeps no copy.
 */
export function useAutosave(file: ScenarioFile, dirty: boolean) {
  const [offer, setOffer] = useState<Offer | undefined>();
  const latest = useRef({ file, dirty });
  const written = useRef<ScenarioFile | undefined>(undefined);
  useEffect(() => {
    latest.current = { file, dirty };
  });
  useEffect(() => {
    let live = true;
    const waiting = new Set<string>();
    const look = () =>
      void findOffer().then(({ offer: found, kept }) => {
        if (!live) return;
        setOffer((shown) => shown ?? found);
        // Another tab's copy is offered once that tab is closed, not before.
        for (const key of kept) {
          if (waiting.has(key) || typeof navigator.locks?.request !== 'function') continue;
          waiting.add(key);
          void whenLeft(key).then(look);
        }
      });
    look();
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    const save = () => {
      const now = latest.current;
      if (!now.dirty || now.file === written.current) return;
      write(now.file);
      written.current = now.file;
    };
    // While a pointer is pressed (a drag: every frame is a new document) the timer's copy waits for it
    // to lift: serializing and storing a 2,000-push document took a frame's budget and more, in the
    // middle of the drag. The lift saves the document as the drop left it (its render comes first).
    // A press whose release the page never hears (the window lost focus) ends with the blur.
    let pressed = false;
    let lift: ReturnType<typeof setTimeout> | undefined;
    const onTimer = () => pressed || save();
    const unwatch = watchPointerPress((now) => {
      pressed = now;
      if (now) return;
      clearTimeout(lift);
      lift = setTimeout(save, 0);
    });
    const hidden = () => document.visibilityState === 'hidden' && save();
    const timer = setInterval(onTimer, EVERY_MS);
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      clearInterval(timer);
      clearTimeout(lift);
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', hidden);
      unwatch();
    };
  }, []);
  useEffect(() => {
    if (dirty) return;
    remove(OWN);
    written.current = undefined;
  }, [dirty, file]);
  const next = () => void findOffer().then(({ offer: found }) => setOffer(found));
  return {
    offer,
    accept: () => {
      const saved = offer;
      if (!saved) return undefined;
      // This page keeps it from now on; the old page's copy goes only once this one holds it.
      write(saved.file);
      written.current = saved.file;
      remove(saved.key);
      setOffer(undefined);
      next();
      return saved.file;
    },
    discard: () => {
      if (offer) remove(offer.key);
      setOffer(undefined);
      next();
    },
  };
}
