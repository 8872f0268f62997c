/**
 * The IPC contract between the desktop shell (electron/) and the renderer (renderer/): channel names,
 * zod schemas for every request and answer, the menu commands and the API the preload exposes. This
 * folder is neutral ground: it imports neither side, and both import it, so neither imports the other.
 */
import { z } from 'zod';

/** The largest scenario text that crosses IPC (10 MiB of characters). */
export const MAX_SCENARIO_TEXT = 10 * 1024 * 1024;
/** The longest document title that crosses IPC; the renderer shortens longer ones (`ipcTitle`). */
export const MAX_TITLE = 1000;
const filePath = z.string().min(1).max(4096);

/** Every answer across IPC: a value, or an error that names the channel. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** The renderer's document as main needs it for the close prompt, Revert, Open Recent and the title bar. */
export const DocumentState = z.strictObject({
  /** Unsaved edits: validated on its own as well (`dirtyOf`), so a bad title never hides them. */
  dirty: z.boolean(),
  path: filePath.optional(),
  /** The name the user knows the document by (the file's name, or the scenario's title before a save). */
  title: z.string().max(MAX_TITLE),
});
export type DocumentState = z.infer<typeof DocumentState>;

/**
 * Every IPC channel between the renderer and the main process: `ringside:`-prefixed, with a zod
 * schema for the request and the answer. Both sides validate; answers are `{ ok, value } | { ok: false, error }`.
 */
export const CHANNELS = {
  appInfo: {
    name: 'ringside:app-info',
    request: z.undefined(),
    value: z.object({ version: z.string(), platform: z.string(), electron: z.string() }),
  },
  openScenario: {
    name: 'ringside:open-scenario',
    request: z.undefined(),
    value: z.union([
      z.object({ path: z.string(), text: z.string().max(MAX_SCENARIO_TEXT) }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  },
  saveScenario: {
    name: 'ringside:save-scenario',
    request: z.strictObject({ path: z.string().min(1).optional(), text: z.string().max(MAX_SCENARIO_TEXT) }),
    value: z.union([z.object({ path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  },
  /**
   * The renderer's document, sent whenever it changes: main uses it for the close / quit prompt,
   * File → Revert, View → Reload, Open Recent and (macOS) the edited dot and the represented file.
   * The window title itself comes from the renderer's document.title.
   */
  documentState: {
    name: 'ringside:document-state',
    request: DocumentState,
    value: z.null(),
  },
} as const;

/** Commands the native menu sends to the renderer. */
export const MENU_CHANNEL = 'ringside:menu';
export const MenuCommand = z.discriminatedUnion('command', [
  /**
   * `import-log`: File → Import Device Log… opens the renderer's import dialog, which picks the log
   * itself (a File it reads streaming in a worker), so no path or text crosses IPC (#26).
   */
  z.strictObject({ command: z.enum(['new', 'open', 'save', 'save-as', 'shortcuts', 'import-log']) }),
  /** File → Open Recent, a file from the Finder or the command line, and File → Revert: main has read the file; the renderer validates it like Open…. */
  z.strictObject({
    command: z.enum(['open-recent', 'revert']),
    path: filePath,
    text: z.string().max(MAX_SCENARIO_TEXT),
  }),
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

export type ChannelKey = keyof typeof CHANNELS;

/** The API the preload exposes as window.ringside (absent in the web build). */
export interface DesktopApi {
  appInfo(): Promise<Answer<unknown>>;
  openScenario(): Promise<Answer<unknown>>;
  saveScenario(request: { path?: string; text: string }): Promise<Answer<unknown>>;
  setDocumentState(state: DocumentState): Promise<Answer<unknown>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** Validates a payload; the error names the channel and the first problem. */
export function validate<T>(channel: string, schema: z.ZodType<T>, payload: unknown): Answer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${channel}: invalid payload: ${where}${issue?.message ?? 'rejected'}` };
}

/**
 * The dirty flag of a document state that failed validation (a title too long, a bad path): main
 * still learns about unsaved edits, so closing and reloading keep asking. Undefined when the payload
 * has no boolean `dirty`.
 */
export function dirtyOf(payload: unknown): boolean | undefined {
  const parsed = z.object({ dirty: z.boolean() }).safeParse(payload);
  return parsed.success ? parsed.data.dirty : undefined;
}

/** A title that fits the channel: longer ones keep their start and end with an ellipsis. */
export function ipcTitle(title: string): string {
  if (title.length <= MAX_TITLE) return title;
  // Cut on a code point boundary, so the title never ends in half a surrogate pair.
  return `${Array.from(title.slice(0, MAX_TITLE)).slice(0, -2).join('')}…`;
}
