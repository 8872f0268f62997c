import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { MAX_SCENARIO_BYTES, parseScenarioText, type ScenarioError, type ScenarioFile } from '../../../machines';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The whole scenario, compressed, for the URL fragment (never sent to a server). */
export function encodeScenario(file: ScenarioFile): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(file)), { level: 9 }));
}

export type Decoded = { ok: true; file: ScenarioFile } | { ok: false; errors: readonly ScenarioError[] };

/**
 * How much compressed input is inflated at a time: deflate expands ~1000× at most, so ≤ ~4 MB out past
 * the limit. Not less: fflate's streaming inflate costs per push, and 1 KB pushes took twice the CPU
 * time of 4 KB ones on a 300,000-event link (hostile.spec, issue #21).
 */
const CHUNK = 4_096;
/** A link whose fragment is longer than this cannot hold a scenario of at most 10 MB compressed. */
const MAX_FRAGMENT = Math.ceil((MAX_SCENARIO_BYTES * 4) / 3);

const tooBig = (): Decoded => ({
  ok: false,
  errors: [{ path: '', message: 'the link holds more than 10 MB of scenario; scenarios are limited to 10 MB' }],
});
const damaged = (): Decoded => ({
  ok: false,
  errors: [{ path: '', message: 'the link is damaged: its scenario cannot be read' }],
});

/**
 * Inflates at most `limit` bytes, a little compressed input at a time, and stops there: a 67 KB link
 * used to inflate to 50 MB and more before anything looked at its size. `undefined` when it is larger.
 */
export function inflateAtMost(compressed: Uint8Array, limit: number): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size <= limit) parts.push(chunk);
  });
  for (let at = 0; at < compressed.length; at += CHUNK) {
    inflate.push(compressed.subarray(at, at + CHUNK), at + CHUNK >= compressed.length);
    if (size > limit) return undefined;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads `#s=…`; invalid links report why instead of loading anything. A link is held to what a file
 * is held to (10 MB, nesting, events: the loader's limits), and never inflates beyond them.
 */
export function decodeScenario(fragment: string): Decoded | undefined {
  const match = /(?:^#|&)s=([A-Za-z0-9_-]+)/.exec(fragment);
  if (!match) return undefined;
  const data = match[1]!;
  if (data.length > MAX_FRAGMENT) return tooBig();
  let text: string;
  try {
    const bytes = inflateAtMost(fromBase64Url(data), MAX_SCENARIO_BYTES);
    if (!bytes) return tooBig();
    text = strFromU8(bytes);
  } catch {
    return damaged();
  }
  const loaded = parseScenarioText(text);
  return loaded.ok ? { ok: true, file: loaded.file } : { ok: false, errors: loaded.errors };
}

/** Where the viewer was looking: the visible span, the playhead and the selected push. */
export interface SharedView {
  readonly start: number;
  readonly end: number;
  readonly playhead: number;
  readonly push?: string;
}

/** `v=start,end,playhead[,push]` for the URL fragment. */
export function encodeView(view: SharedView): string {
  const parts = [view.start, view.end, view.playhead].map((n) => String(Math.round(n)));
  return `v=${parts.join(',')}${view.push ? `,${encodeURIComponent(view.push)}` : ''}`;
}

/** Reads `v=…` back; anything malformed is ignored (the scenario still opens, fitted). */
export function decodeView(fragment: string): SharedView | undefined {
  const match = /(?:^#|&)v=(-?\d+),(-?\d+),(-?\d+)(?:,([^&]+))?/.exec(fragment);
  if (!match) return undefined;
  const [start, end, playhead] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (!(end > start)) return undefined;
  return { start, end, playhead, ...(match[4] ? { push: decodeURIComponent(match[4]) } : {}) };
}
