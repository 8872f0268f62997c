/**
 * The desktop shell's API (electron/preload.ts exposes it as window.ringside; the preload checks at
 * compile time that it matches this). Absent in the web build.
 */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };
export type MenuCommand = 'new' | 'open' | 'save' | 'save-as';

export interface DesktopApi {
  appInfo(): Promise<Answer<unknown>>;
  openScenario(): Promise<Answer<unknown>>;
  saveScenario(request: { path?: string; text: string }): Promise<Answer<unknown>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

export function desktop(): DesktopApi | undefined {
  return (window as unknown as { ringside?: DesktopApi }).ringside;
}
