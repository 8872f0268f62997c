import type { ScenarioFile } from '../../../machines';

const modules = import.meta.glob<ScenarioFile>('../../../scenarios/*.ringside.json', {
  eager: true,
  import: 'default',
});

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly file: ScenarioFile;
}

/** The bundled presets, by file name; the flight-mode story first (the first-run view). */
export const PRESETS: readonly Preset[] = Object.entries(modules)
  .map(([path, file]) => ({ id: path.split('/').pop()!.replace('.ringside.json', ''), title: file.title, file }))
  .sort((a, b) =>
    a.id === 'flight-mode-cancelled' ? -1 : b.id === 'flight-mode-cancelled' ? 1 : a.title.localeCompare(b.title),
  );

export const FIRST_PRESET = PRESETS[0]!;
