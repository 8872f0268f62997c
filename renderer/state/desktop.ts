/**
 * The desktop shell's API (electron/preload.ts exposes it as window.ringside; the preload checks at
 * compile time that it matches this). Absent in the web build.
 */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the native menu asks for; Open Recent and Revert carry the file main has just read. */
export type MenuCommand =
  | { command: 'new' | 'open' | 'save' | 'save-as' | 'shortcuts' }
  | { command: 'open-recent' | 'revert'; path: string; text: string };

/** The document as main needs it for the close prompt, Revert, Open Recent and the macOS title bar. */
export interface DocumentState {
  dirty: boolean;
  path?: string;
  /** The name the user knows the document by (the file's name, or the scenario's title before a save). */
  title: string;
}

export interface DesktopApi {
  appInfo(): Promise<Answer<unknown>>;
  openScenario(): Promise<Answer<unknown>>;
  saveScenario(request: { path?: string; text: string }): Promise<Answer<unknown>>;
  setDocumentState(state: DocumentState): Promise<Answer<unknown>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

export function desktop(): DesktopApi | undefined {
  return (window as unknown as { ringside?: DesktopApi }).ringside;
}
