import type { ScenarioFile } from '../../../machines';

let current: ScenarioFile | undefined;

/** The app notes its document on every render, so that a crash of the app does not take it along. */
export function rememberDocument(file: ScenarioFile): void {
  current = file;
}

/** The last document the app rendered, if any. */
export function lastDocument(): ScenarioFile | undefined {
  return current;
}
