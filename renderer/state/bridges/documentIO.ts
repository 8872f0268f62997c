import { formatErrors, parseScenarioText, savedScenarioText, type ScenarioFile } from '../../../machines';
import { decodeScenario } from './share';

export type Imported = { ok: true; file: ScenarioFile; note?: string } | { ok: false; errors: readonly string[] };

/**
 * Where text came from: a file (opened, dropped, compared) is only ever scenario JSON, whatever its
 * notes say; pasted text may be a share link.
 */
export type TextSource = 'file' | 'paste';

/** A share link: one address or fragment with `#s=…`, nothing else around it. */
const LINK_RE = /^[^\s{]*#(?:[^\s#]*&)?s=[A-Za-z0-9_-]+(?:&\S*)?$/;

/**
 * Reads pasted or dropped text: scenario JSON, or, pasted, a share link. A file whose notes mention a
 * link is still that file (it used to open the linked scenario under the file's name). The current
 * document is never touched here.
 */
export function importText(text: string, source: string, from: TextSource = 'file'): Imported {
  const trimmed = text.trim();
  if (from === 'paste' && LINK_RE.test(trimmed)) {
    const decoded = decodeScenario(`#${trimmed.slice(trimmed.indexOf('#') + 1)}`);
    if (decoded?.ok) return { ok: true, file: decoded.file };
    return { ok: false, errors: decoded ? formatErrors(decoded.errors, source) : [`${source}: not a Ringside link`] };
  }
  const loaded = parseScenarioText(trimmed);
  if (!loaded.ok) return { ok: false, errors: formatErrors(loaded.errors, source) };
  return loaded.migratedFrom
    ? {
        ok: true,
        file: loaded.file,
        note: `${source} was written in ${loaded.migratedFrom}; it was updated to the current format.`,
      }
    : { ok: true, file: loaded.file };
}

/** A file name for the scenario: its title, kebab-cased. */
export function fileNameFor(file: ScenarioFile): string {
  const base = file.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'scenario'}.ringside.json`;
}

/** Offers text as a download. */
export function downloadText(text: string, name: string, type: string): void {
  downloadBlob(new Blob([text], { type }), name);
}

/** Offers a blob as a download. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Offers the scenario as a download (the web build's Save). */
export function download(file: ScenarioFile): void {
  downloadText(savedScenarioText(file), fileNameFor(file), 'application/json');
}
