import { formatErrors, parseScenarioText, serializeScenario, type ScenarioFile } from '../../machines';
import { decodeScenario } from './share';

export type Imported = { ok: true; file: ScenarioFile; note?: string } | { ok: false; errors: readonly string[] };

/** Reads pasted or dropped text: a share link, or scenario JSON. The current document is never touched here. */
export function importText(text: string, source: string): Imported {
  const trimmed = text.trim();
  const hash = /#s=[A-Za-z0-9_-]+/.exec(trimmed)?.[0];
  if (hash) {
    const decoded = decodeScenario(hash);
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
  downloadText(serializeScenario(file), fileNameFor(file), 'application/json');
}
