import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { loadScenario, type ScenarioError, type ScenarioFile } from '../../machines';

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

/** Reads `#s=…`; invalid links report why instead of loading anything. */
export function decodeScenario(fragment: string): Decoded | undefined {
  const match = /(?:^#|&)s=([A-Za-z0-9_-]+)/.exec(fragment);
  if (!match) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(match[1]!))));
  } catch {
    return { ok: false, errors: [{ path: '', message: 'the link is damaged: its scenario cannot be read' }] };
  }
  const loaded = loadScenario(json);
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
